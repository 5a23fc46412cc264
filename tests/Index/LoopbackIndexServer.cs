using System.Diagnostics;
using System.Text.Json;
using EnvTool.Tests.Support;

namespace EnvTool.Tests.Index;

/// <summary>
/// A real HTTP server on 127.0.0.1 (Python's http.server, one process per instance) serving a directory
/// the way a simple-API index does: <c>/simple/name/</c> answers with <c>index.json</c> when the Accept
/// header asks for PEP 691 JSON (and JSON is enabled), else <c>index.html</c>; strong ETags with 304 on
/// If-None-Match; optional Cache-Control, Basic auth and forced error statuses. Every request is
/// appended to a log so tests can count what reached the server.
/// </summary>
public sealed class LoopbackIndexServer : IDisposable
{
    private const string Script = """
        import base64, hashlib, json, os, sys, threading
        from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

        root, log_path, config = sys.argv[1], sys.argv[2], json.loads(sys.argv[3])
        lock = threading.Lock()
        JSON_TYPE = "application/vnd.pypi.simple.v1+json"

        class Handler(BaseHTTPRequestHandler):
            protocol_version = "HTTP/1.1"

            def log_message(self, *args):
                pass

            def do_GET(self):
                status, headers, body = self.answer()
                with lock, open(log_path, "a") as log:
                    log.write(json.dumps({"path": self.path, "status": status,
                                          "authorization": self.headers.get("Authorization"),
                                          "accept": self.headers.get("Accept")}) + "\n")
                self.send_response(status)
                for name, value in headers:
                    self.send_header(name, value)
                self.send_header("Content-Length", str(len(body)))
                self.end_headers()
                self.wfile.write(body)

            def answer(self):
                path = self.path.split("?")[0]
                if path in config.get("fail", {}):
                    return config["fail"][path], [("Content-Type", "text/plain")], b"forced failure"
                if "auth" in config:
                    expected = "Basic " + base64.b64encode(config["auth"].encode()).decode()
                    if self.headers.get("Authorization") != expected:
                        return 401, [("WWW-Authenticate", 'Basic realm="test"')], b"credentials needed"
                local = os.path.join(root, path.lstrip("/"))
                content_type = "application/octet-stream"
                if path.endswith("/"):
                    as_json, as_html = os.path.join(local, "index.json"), os.path.join(local, "index.html")
                    wants_json = JSON_TYPE in (self.headers.get("Accept") or "")
                    if config.get("json", True) and wants_json and os.path.isfile(as_json):
                        local, content_type = as_json, JSON_TYPE
                    elif os.path.isfile(as_html):
                        local, content_type = as_html, "text/html; charset=utf-8"
                    else:
                        return 404, [], b"not found"
                if not os.path.isfile(local):
                    return 404, [], b"not found"
                with open(local, "rb") as f:
                    body = f.read()
                etag = '"' + hashlib.sha256(body).hexdigest()[:20] + '"'
                headers = [("Content-Type", content_type), ("ETag", etag)]
                if "cache_control" in config:
                    headers.append(("Cache-Control", config["cache_control"]))
                if self.headers.get("If-None-Match") == etag:
                    return 304, headers, b""
                return 200, headers, body

        server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        print(server.server_address[1], flush=True)
        server.serve_forever()
        """;

    private readonly Process _process;
    private readonly string _logPath;

    public sealed record Options
    {
        public bool Json { get; init; } = true;
        public string? CacheControl { get; init; }
        /// <summary>"user:password" the server insists on.</summary>
        public string? Auth { get; init; }
        public IReadOnlyDictionary<string, int> Fail { get; init; } = new Dictionary<string, int>();
    }

    public sealed record Request(string Path, int Status, string? Authorization, string? Accept);

    public LoopbackIndexServer(string root, Options? options = null)
    {
        var python = TestPythons.RequireDefault();
        options ??= new Options();
        _logPath = Path.Combine(Path.GetTempPath(), $"envtool-index-server-{Guid.NewGuid():N}.log");
        File.WriteAllText(_logPath, "");
        var config = new Dictionary<string, object> { ["json"] = options.Json, ["fail"] = options.Fail };
        if (options.CacheControl is not null) config["cache_control"] = options.CacheControl;
        if (options.Auth is not null) config["auth"] = options.Auth;

        var start = new ProcessStartInfo(python)
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (var arg in new[] { "-c", Script, root, _logPath, JsonSerializer.Serialize(config, ConfigJson.Default.DictionaryStringObject) })
            start.ArgumentList.Add(arg);
        _process = Process.Start(start)!;
        var port = _process.StandardOutput.ReadLine();
        if (port is null)
            throw new InvalidOperationException("index server did not start: " + _process.StandardError.ReadToEnd());
        Url = $"http://127.0.0.1:{port.Trim()}/";
    }

    /// <summary>The server's root URL, ending in '/'.</summary>
    public string Url { get; }

    /// <summary>The simple API root: <c>{Url}simple/</c>.</summary>
    public string SimpleUrl => Url + "simple/";

    public IReadOnlyList<Request> Requests() =>
        File.ReadAllLines(_logPath)
            .Where(l => l.Length > 0)
            .Select(l =>
            {
                using var doc = JsonDocument.Parse(l);
                var r = doc.RootElement;
                return new Request(r.GetProperty("path").GetString()!, r.GetProperty("status").GetInt32(),
                    r.GetProperty("authorization").GetString(), r.GetProperty("accept").GetString());
            })
            .ToList();

    public IReadOnlyList<Request> RequestsFor(string path) => Requests().Where(r => r.Path == path).ToList();

    public void Dispose()
    {
        try { _process.Kill(); } catch (InvalidOperationException) { }
        _process.WaitForExit();
        _process.Dispose();
        File.Delete(_logPath);
    }
}

[System.Text.Json.Serialization.JsonSerializable(typeof(Dictionary<string, object>))]
[System.Text.Json.Serialization.JsonSerializable(typeof(Dictionary<string, int>))]
[System.Text.Json.Serialization.JsonSerializable(typeof(bool))]
[System.Text.Json.Serialization.JsonSerializable(typeof(string))]
internal sealed partial class ConfigJson : System.Text.Json.Serialization.JsonSerializerContext;
