namespace EnvTool.Index.Http;

/// <summary>
/// Login and password per host from a netrc file (the format curl, pip and uv read): whitespace-separated
/// tokens <c>machine &lt;host&gt; login &lt;user&gt; password &lt;secret&gt;</c>, an optional <c>default</c> entry,
/// <c>account</c> ignored, <c>macdef</c> bodies skipped up to the next blank line.
/// </summary>
internal sealed class NetrcFile
{
    private readonly Dictionary<string, (string Login, string Password)> _machines = new(StringComparer.OrdinalIgnoreCase);
    private (string Login, string Password)? _default;

    public static NetrcFile Empty { get; } = new();

    /// <summary>The file at <paramref name="path"/>, or an empty one when it does not exist.</summary>
    public static NetrcFile Load(string path) => File.Exists(path) ? Parse(File.ReadAllText(path)) : Empty;

    /// <summary>$NETRC when set, else ~/.netrc.</summary>
    public static string DefaultPath =>
        Environment.GetEnvironmentVariable("NETRC") is { Length: > 0 } path ? path
        : Path.Combine(Environment.GetFolderPath(Environment.SpecialFolder.UserProfile), ".netrc");

    public (string Login, string Password)? For(string host) =>
        _machines.TryGetValue(host, out var entry) ? entry : _default;

    public static NetrcFile Parse(string text)
    {
        var result = new NetrcFile();
        var tokens = Tokenize(text).GetEnumerator();
        string? machine = null;
        var isDefault = false;
        string login = "", password = "";

        void Flush()
        {
            if (machine is not null) result._machines.TryAdd(machine, (login, password));
            else if (isDefault) result._default ??= (login, password);
            machine = null;
            isDefault = false;
            login = password = "";
        }

        while (tokens.MoveNext())
        {
            switch (tokens.Current)
            {
                case "machine":
                    Flush();
                    if (tokens.MoveNext()) machine = tokens.Current;
                    break;
                case "default":
                    Flush();
                    isDefault = true;
                    break;
                case "login":
                    if (tokens.MoveNext()) login = tokens.Current;
                    break;
                case "password":
                    if (tokens.MoveNext()) password = tokens.Current;
                    break;
                case "account":
                    tokens.MoveNext();
                    break;
            }
        }
        Flush();
        return result;
    }

    private static IEnumerable<string> Tokenize(string text)
    {
        var lines = text.Split('\n');
        for (var l = 0; l < lines.Length; l++)
        {
            var words = lines[l].Split([' ', '\t', '\r'], StringSplitOptions.RemoveEmptyEntries);
            for (var w = 0; w < words.Length; w++)
            {
                if (words[w].StartsWith('#')) break;
                if (words[w] == "macdef")
                {
                    // A macro body runs to the next empty line; it holds no credentials.
                    while (l + 1 < lines.Length && lines[l + 1].Trim().Length > 0) l++;
                    break;
                }
                yield return words[w];
            }
        }
    }
}
