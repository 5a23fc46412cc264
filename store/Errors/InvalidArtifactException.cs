namespace EnvTool.Store.Errors;

/// <summary>An artifact's file list cannot be stored as given (unsafe or duplicate path).</summary>
public sealed class InvalidArtifactException : EnvToolException
{
    public InvalidArtifactException(string artifact, string path, string problem)
        : base($"{artifact}: file \"{path}\" {problem}", "The artifact is malformed; the store was left unchanged.")
    {
        Artifact = artifact;
        Path = path;
    }

    public string Artifact { get; }
    public string Path { get; }
}
