namespace EnvTool.Store.Errors;

/// <summary>Something already in the store is not what the catalog or its name says.</summary>
public sealed class StoreCorruptException : EnvToolException
{
    public StoreCorruptException(string path, string problem)
        : base($"The store is damaged: {path} {problem}", "Run `envtool store verify --repair`.")
    {
        PathName = path;
    }

    public string PathName { get; }
}
