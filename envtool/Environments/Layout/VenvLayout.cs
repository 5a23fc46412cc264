using EnvTool.Python;

namespace EnvTool.Environments.Layout;

/// <summary>
/// Where things go in a venv for one interpreter, relative to the venv root, exactly as
/// <c>python -m venv</c> and pip lay them out on POSIX.
/// </summary>
public sealed record VenvLayout(string Bin, string SitePackages, string Headers, string Data, string PythonVersion)
{
    public static VenvLayout For(InterpreterInfo interpreter) => new(
        Bin: "bin",
        SitePackages: interpreter.SitePackagesRelative,
        // pip installs a wheel's headers scheme into include/site/pythonX.Y/<distribution> in a venv.
        Headers: $"include/site/python{interpreter.ShortVersion}",
        Data: "",
        PythonVersion: interpreter.ShortVersion);

    /// <summary>The directory of a scheme (purelib, platlib, scripts, headers, data) for one distribution.</summary>
    public string SchemeDirectory(WheelScheme scheme, string distribution) => scheme switch
    {
        WheelScheme.Purelib or WheelScheme.Platlib => SitePackages,
        WheelScheme.Scripts => Bin,
        WheelScheme.Headers => $"{Headers}/{distribution}",
        WheelScheme.Data => Data,
        _ => throw new ArgumentOutOfRangeException(nameof(scheme)),
    };
}

/// <summary>The install schemes a wheel's <c>.data</c> directory may name (the wheel spec's list).</summary>
public enum WheelScheme { Purelib, Platlib, Scripts, Headers, Data }
