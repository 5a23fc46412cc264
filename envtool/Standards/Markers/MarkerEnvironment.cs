namespace EnvTool.Standards.Markers;

/// <summary>
/// The PEP 508 environment markers of one target interpreter, with the names and values
/// that <c>packaging.markers.default_environment()</c> reports.
/// </summary>
public sealed record MarkerEnvironment(
    string ImplementationName,          // implementation_name, e.g. "cpython"
    string ImplementationVersion,       // implementation_version, e.g. "3.11.7"
    string OsName,                      // os_name, e.g. "posix"
    string PlatformMachine,             // platform_machine, e.g. "x86_64"
    string PlatformRelease,             // platform_release
    string PlatformSystem,              // platform_system, e.g. "Linux"
    string PlatformVersion,             // platform_version
    string PythonFullVersion,           // python_full_version, e.g. "3.11.7"
    string PlatformPythonImplementation, // platform_python_implementation, e.g. "CPython"
    string PythonVersion,               // python_version, e.g. "3.11"
    string SysPlatform)                 // sys_platform, e.g. "linux"
{
    /// <summary>
    /// <see cref="PythonFullVersion"/> as a PEP 440 version: untagged CPython builds report e.g.
    /// "3.13.0+", which packaging reads as the local version "3.13.0+local".
    /// </summary>
    public string PythonFullVersionAsVersion =>
        PythonFullVersion.EndsWith('+') ? PythonFullVersion + "local" : PythonFullVersion;

    /// <summary>The value of a marker variable by its PEP 508 name, or null when the name is unknown.</summary>
    public string? Get(string variable) => variable switch
    {
        "implementation_name" => ImplementationName,
        "implementation_version" => ImplementationVersion,
        "os_name" => OsName,
        "platform_machine" => PlatformMachine,
        "platform_release" => PlatformRelease,
        "platform_system" => PlatformSystem,
        "platform_version" => PlatformVersion,
        "python_full_version" => PythonFullVersion,
        "platform_python_implementation" => PlatformPythonImplementation,
        "python_version" => PythonVersion,
        "sys_platform" => SysPlatform,
        _ => null,
    };
}
