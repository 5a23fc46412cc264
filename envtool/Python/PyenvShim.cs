using System.Text.RegularExpressions;
using EnvTool.Store.IO;

namespace EnvTool.Python;

/// <summary>
/// pyenv puts shell scripts named like interpreters on PATH that pick a version at run time. Probing a
/// shim would cache whatever it pointed at that day under the shim's own unchanging path, so discovery
/// follows a shim to the real executable instead, choosing the version as pyenv does:
/// $PYENV_VERSION, else the nearest <c>.python-version</c>, else <c>$PYENV_ROOT/version</c>.
/// </summary>
public static partial class PyenvShim
{
    private const int MaxShimSize = 8192;

    /// <summary>Whether <paramref name="path"/> is a pyenv shim script (small, a shell script that execs pyenv).</summary>
    public static bool IsShim(string path) => ReadShim(path) is not null;

    /// <summary>
    /// What running <paramref name="path"/> runs: the path itself when it is not a shim; for a shim the
    /// interpreter of the selected version, or null when the shim selects the system Python (found later
    /// on PATH anyway) or a version that is not installed or lacks this program.
    /// </summary>
    public static string? Follow(string path, DiscoveryEnvironment environment)
    {
        var script = ReadShim(path);
        if (script is null) return path;
        var root = RootLine().Match(script) is { Success: true } m ? m.Groups[1].Value : environment.PyenvRoot;
        var program = Path.GetFileName(path);
        foreach (var version in SelectedVersions(root, environment))
        {
            if (version == "system") return null;
            var dir = VersionDirectory(root, version);
            var exe = dir is null ? null : Path.Combine(dir, "bin", program);
            if (exe is not null && File.Exists(exe)) return exe;
        }
        return null;
    }

    private static string? ReadShim(string path)
    {
        try
        {
            // Interpreters are megabytes, shims a few hundred bytes: the size decides before any read
            // (asked of every --python path, which is almost always an interpreter).
            if (WholeFile.ReadAtMost(path, MaxShimSize) is not { Length: >= 2 } bytes || bytes[0] != '#' || bytes[1] != '!') return null;
            var text = System.Text.Encoding.UTF8.GetString(bytes);
            return ExecLine().IsMatch(text) ? text : null;
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            return null;
        }
    }

    private static IEnumerable<string> SelectedVersions(string root, DiscoveryEnvironment environment)
    {
        if (environment.PyenvVersion is { } pinned)
            return pinned.Split(':', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        if (PythonVersionFile.FindFrom(environment.WorkingDirectory) is { } local)
            return Words(local.Lines);
        var global = Path.Combine(root, "version");
        if (File.Exists(global))
        {
            var lines = File.ReadAllLines(global).Select(l => l.Trim()).Where(l => l.Length > 0 && !l.StartsWith('#')).ToList();
            if (lines.Count > 0) return Words(lines);
        }
        return ["system"];
    }

    private static IEnumerable<string> Words(IEnumerable<string> lines) =>
        lines.SelectMany(l => l.Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries));

    /// <summary>An installed version by exact name, else (as pyenv 2.3+ does) the newest one with that prefix: "3.11" is 3.11.7.</summary>
    private static string? VersionDirectory(string root, string version)
    {
        var versions = Path.Combine(root, "versions");
        var exact = Path.Combine(versions, version);
        if (Directory.Exists(exact)) return exact;
        if (!Directory.Exists(versions)) return null;
        return Directory.GetDirectories(versions)
            .Where(d => Path.GetFileName(d).StartsWith(version + ".", StringComparison.Ordinal))
            .OrderByDescending(d => PyenvVersionOrder.Key(Path.GetFileName(d)), PyenvVersionOrder.Comparer)
            .FirstOrDefault();
    }

    [GeneratedRegex(@"pyenv""?\s+exec\b")]
    private static partial Regex ExecLine();

    [GeneratedRegex(@"^export PYENV_ROOT=""([^""]+)""", RegexOptions.Multiline)]
    private static partial Regex RootLine();
}

/// <summary>Orders pyenv version directory names ("3.9.18" before "3.10.13"); names that are not dotted numbers sort last.</summary>
internal static class PyenvVersionOrder
{
    public static int[] Key(string name)
    {
        var parts = name.Split('.');
        var key = new int[parts.Length];
        for (var i = 0; i < parts.Length; i++)
            if (!int.TryParse(parts[i], out key[i]) || key[i] < 0) return [];
        return key;
    }

    public static readonly IComparer<int[]> Comparer = Comparer<int[]>.Create((a, b) =>
    {
        for (var i = 0; i < Math.Min(a.Length, b.Length); i++)
            if (a[i] != b[i]) return a[i].CompareTo(b[i]);
        return a.Length.CompareTo(b.Length);
    });
}
