namespace EnvTool.Store.Errors;

/// <summary>An artifact would unpack to more files or bytes than the store allows (a zip bomb guard).</summary>
public class StoreLimitException : EnvToolException
{
    public StoreLimitException(string artifact, string what, long limit)
        : base($"{artifact}: unpacking it would exceed the limit of {limit} {what}",
               "Raise the limit only if you trust this artifact.")
    {
        Artifact = artifact;
        Limit = limit;
    }

    public string Artifact { get; }
    public long Limit { get; }
}
