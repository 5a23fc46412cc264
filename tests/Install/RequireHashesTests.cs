using System.Security.Cryptography;

namespace EnvTool.Tests.Install;

/// <summary>pip's hash-checking mode for requirements files, through create and install.</summary>
public sealed class RequireHashesTests(StandInIndex index) : IClassFixture<StandInIndex>, IDisposable
{
    private readonly InstallCli _cli = new();

    public void Dispose() => _cli.Dispose();

    private string Hash(string wheel) =>
        Convert.ToHexStringLower(SHA256.HashData(File.ReadAllBytes(Path.Combine(index.FindLinks, wheel))));

    private void Requirements(string text) => File.WriteAllText(Path.Combine(_cli.Project, "requirements.txt"), text);

    [SkippableFact]
    public void A_requirement_without_a_hash_is_refused_naming_its_line()
    {
        Requirements("werkzeug==3.0\nmarkupsafe==2.1\n");
        var r = _cli.Run("create", ".venv", "-r", "requirements.txt", "--require-hashes", "--find-links", index.FindLinks, "--python", _cli.Python);
        Assert.Equal(1, r.ExitCode);
        Assert.Contains("requirements.txt:1", r.Stderr);
        Assert.Contains("'werkzeug==3.0' has no --hash", r.Stderr);
        Assert.Contains("hash-checking mode is on because --require-hashes is given", r.Stderr);
        Assert.False(Path.Exists(_cli.Env()));
    }

    [SkippableFact]
    public void Every_package_must_be_pinned_with_a_hash_and_each_file_must_match()
    {
        var werkzeug = $"werkzeug==3.0 --hash=sha256:{Hash("werkzeug-3.0-py3-none-any.whl")}\n";
        // Any --hash turns the mode on; markupsafe, which werkzeug needs, is missing.
        Requirements(werkzeug);
        var missing = _cli.Run("create", ".venv", "-r", "requirements.txt", "--find-links", index.FindLinks, "--python", _cli.Python);
        Assert.Equal(1, missing.ExitCode);
        Assert.Contains("MarkupSafe 2.1 would be installed, but no requirements file pins it with a hash", missing.Stderr);

        Requirements(werkzeug + $"markupsafe==2.1 --hash=sha256:{new string('0', 64)}\n");
        var wrong = _cli.Run("create", ".venv", "-r", "requirements.txt", "--find-links", index.FindLinks, "--python", _cli.Python);
        Assert.Equal(1, wrong.ExitCode);
        Assert.Contains($"markupsafe-2.1-py3-none-any.whl does not match the hashes required for MarkupSafe 2.1: expected sha256:{new string('0', 64)}, got sha256:{Hash("markupsafe-2.1-py3-none-any.whl")}", wrong.Stderr);
        Assert.False(Path.Exists(_cli.Env()));

        Requirements(werkzeug + $"markupsafe==2.1 --hash=sha256:{Hash("markupsafe-2.1-py3-none-any.whl")}\n");
        _cli.Ok("create", ".venv", "-r", "requirements.txt", "--find-links", index.FindLinks, "--python", _cli.Python, "--no-compile");
        Assert.Equal(["markupsafe", "werkzeug"], _cli.Names());

        var bare = _cli.Run("install", "click", "-r", "requirements.txt", "--find-links", index.FindLinks);
        Assert.Equal(1, bare.ExitCode);
        Assert.Contains("'click' (command line) has no hash", bare.Stderr);
    }
}
