using EnvTool.Python;
using EnvTool.Store.Errors;

namespace EnvTool.Standards.Tags;

/// <summary>
/// The building blocks of <see cref="SupportedTags.For"/>, one per packaging.tags generator
/// (<c>cpython_tags</c>, <c>generic_tags</c>, <c>compatible_tags</c>) and the ABI rules they use. Public so a
/// caller can ask for another target than a probed interpreter (a Python version, ABI and platform list).
/// </summary>
public static class InterpreterTags
{
    /// <summary><c>sys.implementation.name</c> → the tag's interpreter abbreviation ("cpython" → "cp").</summary>
    public static string InterpreterName(string implementation) => implementation switch
    {
        "python" => "py",
        "cpython" => "cp",
        "pypy" => "pp",
        "ironpython" => "ip",
        "jython" => "jy",
        _ => implementation,
    };

    /// <summary>The interpreter's version as tags spell it: <c>py_version_nodot</c>, else major+minor.</summary>
    public static string InterpreterVersion(InterpreterInfo info) =>
        info.ConfigVars.GetValueOrDefault("py_version_nodot") is { Length: > 0 } nodot
            ? nodot
            : $"{info.Major}{info.Minor}";

    /// <summary>
    /// The CPython ABIs the interpreter loads, best first: e.g. ["cp311"], ["cp37m"], ["cp312d", "cp312"]
    /// (a debug build also loads release extensions), ["cp313t"] (free-threaded).
    /// </summary>
    public static IReadOnlyList<string> CPythonAbis(InterpreterInfo info)
    {
        var version = $"{info.Major}{info.Minor}";
        var atLeast3_8 = AtLeast(info, 3, 8);
        var withDebug = ConfigFlag(info, "Py_DEBUG");
        // packaging also counts "_d.pyd" among EXTENSION_SUFFIXES (Windows debug builds, which leave Py_DEBUG
        // unset); such builds also have sys.gettotalrefcount, which is what we check.
        var debug = withDebug == true || (withDebug is null && info.HasTotalRefCount) ? "d" : "";
        var threading = AtLeast(info, 3, 13) && ConfigFlag(info, "Py_GIL_DISABLED") == true ? "t" : "";
        var pymalloc = "";
        var ucs4 = "";
        if (!atLeast3_8)
        {
            if (ConfigFlag(info, "WITH_PYMALLOC") != false) pymalloc = "m";
            // Only Python 2 and 3.2 had narrow builds; an unset size is read as wide, which is what
            // packaging decides from sys.maxunicode on every build this tool can run.
            if (!AtLeast(info, 3, 3)
                && info.ConfigVars.GetValueOrDefault("Py_UNICODE_SIZE") is var size && (size is null || size == "4"))
                ucs4 = "u";
        }
        var first = $"cp{version}{threading}{debug}{pymalloc}{ucs4}";
        return atLeast3_8 && debug.Length > 0 ? [first, $"cp{version}{threading}"] : [first];
    }

    /// <summary>
    /// <c>cpython_tags</c>: the interpreter's own ABIs on each platform, then the stable ABI (abi3, not on
    /// free-threaded builds), then ABI "none", then abi3 of every older 3.x down to 3.2.
    /// </summary>
    public static IEnumerable<Tag> CPython(int major, int minor, IReadOnlyList<string> abis, IReadOnlyList<string> platforms)
    {
        var interpreter = $"cp{major}{minor}";
        var explicitAbis = abis.Where(a => a is not ("abi3" or "none")).ToList();
        foreach (var abi in explicitAbis)
            foreach (var platform in platforms)
                yield return new Tag(interpreter, abi, platform);
        var useAbi3 = (major, minor).CompareTo((3, 2)) >= 0 && !IsFreeThreaded(explicitAbis);
        if (useAbi3)
            foreach (var platform in platforms)
                yield return new Tag(interpreter, "abi3", platform);
        foreach (var platform in platforms)
            yield return new Tag(interpreter, "none", platform);
        if (useAbi3)
            for (var older = minor - 1; older > 1; older--)
                foreach (var platform in platforms)
                    yield return new Tag($"cp{major}{older}", "abi3", platform);
    }

    /// <summary>The ABI of a non-CPython interpreter, from its extension-module suffix
    /// (".pypy38-pp73-x86_64-linux-gnu.so" → "pypy38_pp73"); empty when the suffix names none.</summary>
    public static IReadOnlyList<string> GenericAbis(InterpreterInfo info)
    {
        var extSuffix = info.ConfigVars.GetValueOrDefault("EXT_SUFFIX");
        if (extSuffix is null || !extSuffix.StartsWith('.'))
            throw new EnvToolException(
                $"interpreter {info.Executable} reports an invalid EXT_SUFFIX '{extSuffix}'",
                "its sysconfig data is broken; reinstall that Python");
        var parts = extSuffix.Split('.');
        if (parts.Length < 3)
            return CPythonAbis(info); // CPython 3.7 and older on Windows: ".pyd"
        var soabi = parts[1];
        var dashed = soabi.Split('-');
        string abi;
        if (soabi.StartsWith("cpython", StringComparison.Ordinal))
            abi = dashed.Length > 1 ? "cp" + dashed[1]
                : throw new EnvToolException($"interpreter {info.Executable} reports an invalid EXT_SUFFIX '{extSuffix}'");
        else if (soabi.StartsWith("cp", StringComparison.Ordinal))
            abi = dashed[0];
        else if (soabi.StartsWith("pypy", StringComparison.Ordinal))
            abi = string.Join('-', dashed.Take(2));
        else if (soabi.StartsWith("graalpy", StringComparison.Ordinal))
            abi = string.Join('-', dashed.Take(3));
        else if (soabi.Length > 0)
            abi = soabi;
        else
            return [];
        return [PlatformTags.Normalize(abi)];
    }

    /// <summary><c>generic_tags</c>: each ABI (then "none") on each platform.</summary>
    public static IEnumerable<Tag> Generic(string interpreter, IReadOnlyList<string> abis, IReadOnlyList<string> platforms)
    {
        IEnumerable<string> all = abis.Contains("none") ? abis : abis.Append("none");
        foreach (var abi in all)
            foreach (var platform in platforms)
                yield return new Tag(interpreter, abi, platform);
    }

    /// <summary>
    /// <c>compatible_tags</c>: pyXY-none-PLATFORM for this and every older minor (with bare pyX after the
    /// newest), then <paramref name="interpreter"/>-none-any when given, then the same py versions with "any".
    /// </summary>
    public static IEnumerable<Tag> Compatible(int major, int minor, string? interpreter, IReadOnlyList<string> platforms)
    {
        var versions = PyVersionsNewestFirst(major, minor);
        foreach (var version in versions)
            foreach (var platform in platforms)
                yield return new Tag(version, "none", platform);
        if (interpreter is not null)
            yield return new Tag(interpreter, "none", "any");
        foreach (var version in versions)
            yield return new Tag(version, "none", "any");
    }

    private static List<string> PyVersionsNewestFirst(int major, int minor)
    {
        var versions = new List<string> { $"py{major}{minor}", $"py{major}" };
        for (var older = minor - 1; older >= 0; older--)
            versions.Add($"py{major}{older}");
        return versions;
    }

    /// <summary>A "t" among the ABI flags of the first ABI (cp313t) marks a free-threaded build.</summary>
    private static bool IsFreeThreaded(IReadOnlyList<string> abis)
    {
        if (abis.Count == 0 || !abis[0].StartsWith("cp", StringComparison.Ordinal)) return false;
        var i = 2;
        while (i < abis[0].Length && char.IsAsciiDigit(abis[0][i])) i++;
        return i > 2 && abis[0].AsSpan(i).Contains('t');
    }

    private static bool AtLeast(InterpreterInfo info, int major, int minor) =>
        (info.Major, info.Minor).CompareTo((major, minor)) >= 0;

    /// <summary>A sysconfig flag as Python would test it: null when unset, else its truthiness
    /// (values arrive as <c>str(value)</c>, so 0/False/empty are false).</summary>
    private static bool? ConfigFlag(InterpreterInfo info, string name) =>
        info.ConfigVars.GetValueOrDefault(name) switch
        {
            null => null,
            "" or "0" or "False" or "None" => false,
            _ => true,
        };
}
