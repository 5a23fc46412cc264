namespace EnvTool.Store.Errors;

/// <summary>A store archive (export/import) that cannot be read as one: corrupt, truncated, tampered with or of another format.</summary>
public sealed class InvalidArchiveException : EnvToolException
{
    public InvalidArchiveException(string archive, string problem, string? hint = null, Exception? inner = null)
        : base($"{archive}: {problem}", hint ?? "The archive is damaged or not an envtool store archive; export it again.", inner: inner)
    {
        Archive = archive;
    }

    public string Archive { get; }
}
