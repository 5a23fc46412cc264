namespace EnvTool.Store.Errors;

/// <summary>
/// A file's bytes did not match what the artifact promised (sha256 or size). Expected and Actual are
/// "sha256:&lt;hex&gt;" or "size:&lt;n&gt;" so one exception type covers both checks.
/// </summary>
public class ContentMismatchException : EnvToolException
{
    public ContentMismatchException(string artifact, string path, string expected, string actual)
        : base($"{artifact}: {path} does not match its recorded digest: expected {expected}, got {actual}",
               "The file is corrupt or was tampered with; the store was left unchanged.")
    {
        Artifact = artifact;
        Path = path;
        Expected = expected;
        Actual = actual;
    }

    public string Artifact { get; }
    public string Path { get; }
    public string Expected { get; }
    public string Actual { get; }
}
