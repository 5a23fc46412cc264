using EnvTool.Tests.Resolve;

namespace EnvTool.Tests.Install;

/// <summary>
/// Small generated stand-ins for Flask, Requests and their dependencies (real wheels whose modules
/// report <c>__version__</c>), published once per test class as a static index served by
/// <c>python3 -m http.server</c> on loopback (<see cref="StaticIndexServer"/>).
/// </summary>
public sealed class StandInIndex : IDisposable
{
    private readonly StaticIndexServer _server = new();

    public StandInIndex()
    {
        IndexUrl = _server.Publish(Universe(), "standins").AbsoluteUri;
        FindLinks = Path.Combine(_server.Root, "standins", "files");
    }

    /// <summary><c>http://127.0.0.1:PORT/standins/simple/</c>.</summary>
    public string IndexUrl { get; }

    /// <summary>The directory holding every wheel (for <c>--find-links</c>).</summary>
    public string FindLinks { get; }

    public StaticIndexServer Server => _server;

    /// <summary>flask 3.0 needs werkzeug, jinja2 (needs markupsafe), itsdangerous, click and blinker.</summary>
    public static readonly string[] FlaskSet = ["blinker", "click", "flask", "itsdangerous", "jinja2", "markupsafe", "werkzeug"];

    public static Universe Universe() => new Universe()
        .Add("Flask", "2.0", "Werkzeug>=2.0", "Jinja2>=3.0", "itsdangerous>=2.0", "click>=8.0")
        .Add("Flask", "3.0", "Werkzeug>=3.0", "Jinja2>=3.1", "itsdangerous>=2.1", "click>=8.1", "blinker>=1.6")
        .Add("Werkzeug", "2.0", "MarkupSafe>=2.0")
        .Add("Werkzeug", "3.0", "MarkupSafe>=2.1")
        .Add("Jinja2", "3.1", "MarkupSafe>=2.0")
        .Add("MarkupSafe", "2.1")
        .Add("itsdangerous", "2.1")
        .Add("click", "8.1")
        .Add("blinker", "1.7")
        .Add("requests", "2.31", "idna>=2.5", "urllib3>=1.21", "certifi>=2017.4.17", "charset-normalizer>=2")
        .Add("idna", "3.6")
        .Add("urllib3", "2.1")
        .Add("certifi", "2024.2.2")
        .Add("charset-normalizer", "3.3");

    public void Dispose() => _server.Dispose();
}
