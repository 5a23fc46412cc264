using EnvTool.Store.Errors;

namespace EnvTool.Index.Errors;

/// <summary>
/// Downloaded (or read) bytes do not match what the index promised. Expected and Actual are
/// "sha256:&lt;hex&gt;" (or another algorithm) or "size:&lt;n&gt;".
/// </summary>
public sealed class HashMismatchException : EnvToolException
{
    public HashMismatchException(string fileName, string location, string expected, string actual)
        : base($"{fileName} from {UrlRedaction.Redact(location)} does not match the index's hash: expected {expected}, got {actual}",
               "the file was corrupted in transit or changed on the server; nothing was installed from it")
    {
        FileName = fileName;
        Location = UrlRedaction.Redact(location);
        Expected = expected;
        Actual = actual;
    }

    public string FileName { get; }
    public string Location { get; }
    public string Expected { get; }
    public string Actual { get; }
}
