using System.Diagnostics;
using System.Text.RegularExpressions;

namespace EnvTool.Python;

/// <summary>
/// The musl libc version an executable runs against, as packaging's musllinux tags find it: the ELF's
/// program interpreter is musl's loader, and that loader run without arguments prints its version.
/// </summary>
public static partial class MuslVersion
{
    /// <summary>e.g. "1.2.4"; null when the executable is not linked against musl.</summary>
    public static string? Detect(string executable)
    {
        var loader = ElfProgramInterpreter.Read(executable);
        if (loader is null || !Path.GetFileName(loader).Contains("musl", StringComparison.Ordinal) || !File.Exists(loader))
            return null;
        var psi = new ProcessStartInfo(loader) { RedirectStandardError = true, RedirectStandardOutput = true, UseShellExecute = false };
        try
        {
            using var process = Process.Start(psi)!;
            var stderr = process.StandardError.ReadToEndAsync();
            process.StandardOutput.ReadToEnd();
            process.WaitForExit();
            return ParseLoaderBanner(stderr.Result);
        }
        catch (System.ComponentModel.Win32Exception)
        {
            return null;
        }
    }

    /// <summary>Reads "musl libc (x86_64)\nVersion 1.2.4\n..." as "1.2.4".</summary>
    internal static string? ParseLoaderBanner(string banner)
    {
        var lines = banner.Split('\n').Select(l => l.Trim()).Where(l => l.Length > 0).ToList();
        if (lines.Count < 2 || !lines[0].StartsWith("musl", StringComparison.Ordinal)) return null;
        var match = VersionLine().Match(lines[1]);
        return match.Success ? match.Groups[1].Value : null;
    }

    [GeneratedRegex(@"^Version (\d+\.\d+(?:\.\d+)?)", RegexOptions.CultureInvariant)]
    private static partial Regex VersionLine();
}
