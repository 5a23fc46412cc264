using System.Security.Cryptography;
using System.Text;

namespace EnvTool.Tests.Locks;

/// <summary>Lock files for the tests, shaped like the PEP 751 example (own names, URLs and digests).</summary>
internal static class LockSamples
{
    /// <summary>A deterministic sha256-sized hex digest standing for the file <paramref name="seed"/>.</summary>
    public static string Hex(string seed) => Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(seed)));

    public const string Files = "https://files.example.org/packages";

    /// <summary>Like the PEP's example: two environments, three packages, an attestation, a dependency, a tool table.</summary>
    public static readonly string PepExample = $$$"""
        lock-version = '1.0'
        environments = ["sys_platform == 'win32'", "sys_platform == 'linux'"]
        requires-python = '==3.12.*'
        created-by = 'mousebender'

        [[packages]]
        name = 'attrs'
        version = '25.1.0'
        requires-python = '>=3.8'
        wheels = [
          {name = 'attrs-25.1.0-py3-none-any.whl', upload-time = 2025-01-25T11:30:10.164985+00:00, url = '{{{Files}}}/fc/30/attrs-25.1.0-py3-none-any.whl', size = 63152, hashes = {sha256 = '{{{Hex("attrs")}}}'}},
        ]
        [[packages.attestation-identities]]
        environment = 'release'
        kind = 'GitHub'
        repository = 'example/attrs'
        workflow = 'release.yml'

        [[packages]]
        name = 'cattrs'
        version = '24.1.2'
        requires-python = '>=3.8'
        dependencies = [
            {name = 'attrs'},
        ]
        wheels = [
          {name = 'cattrs-24.1.2-py3-none-any.whl', upload-time = 2024-09-22T14:58:34.812643+00:00, url = '{{{Files}}}/c8/d5/cattrs-24.1.2-py3-none-any.whl', size = 66446, hashes = {sha256 = '{{{Hex("cattrs")}}}'}},
        ]

        [[packages]]
        name = 'numpy'
        version = '2.2.3'
        requires-python = '>=3.10'
        wheels = [
          {name = 'numpy-2.2.3-cp312-cp312-win_amd64.whl', upload-time = 2025-02-13T16:51:21.821880+00:00, url = '{{{Files}}}/42/6e/numpy-2.2.3-cp312-cp312-win_amd64.whl', size = 12626357, hashes = {sha256 = '{{{Hex("numpy-win")}}}'}},
          {name = 'numpy-2.2.3-cp312-cp312-manylinux_2_17_x86_64.manylinux2014_x86_64.whl', upload-time = 2025-02-13T16:50:00.079662+00:00, url = '{{{Files}}}/39/04/numpy-2.2.3-cp312-cp312-manylinux_2_17_x86_64.manylinux2014_x86_64.whl', size = 16116679, hashes = {sha256 = '{{{Hex("numpy-linux")}}}'}},
        ]

        [tool.mousebender]
        command = ['.', 'lock', '--platform', 'cpython3.12-windows-x64', '--platform', 'cpython3.12-manylinux2014-x64', 'cattrs', 'numpy']
        run-on = 2025-03-06T12:28:57.760769
        """;

    /// <summary>Every kind of source, written with table headers instead of inline arrays.</summary>
    public static readonly string EverySource = $$$"""
        lock-version = "1.0"
        requires-python = ">=3.8"
        extras = ["crypto"]
        dependency-groups = ["dev"]
        default-groups = ["default"]
        created-by = "other-locker"

        [[packages]]
        name = "local-wheel"
        version = "1.0"
        [[packages.wheels]]
        path = "wheels/local_wheel-1.0-py3-none-any.whl"
        hashes = {sha256 = "{{{Hex("local")}}}", sha512 = "{{{Hex("a")}}}{{{Hex("b")}}}"}

        [[packages]]
        name = "from-sdist"
        version = "2.0"
        index = "https://index.example.org/simple/"
        [packages.sdist]
        url = "https://files.example.org/from_sdist-2.0.tar.gz"
        size = 1000
        hashes = {sha256 = "{{{Hex("sdist")}}}"}

        [[packages]]
        name = "from-git"
        version = "3.0"
        marker = "'dev' in dependency_groups"
        [packages.vcs]
        type = "git"
        url = "https://git.example.org/from-git.git"
        requested-revision = "main"
        commit-id = "0123456789abcdef0123456789abcdef01234567"
        subdirectory = "src"

        [[packages]]
        name = "from-directory"
        marker = "'crypto' in extras"
        [packages.directory]
        path = "../from-directory"
        editable = true

        [[packages]]
        name = "from-archive"
        version = "4.0"
        [packages.archive]
        url = "https://files.example.org/from-archive-4.0.zip"
        upload-time = 2024-01-01T00:00:00Z
        hashes = {sha256 = "{{{Hex("archive")}}}"}
        [packages.tool.other-locker]
        note = "kept"
        """;
}
