namespace EnvTool.Store.Errors;

/// <summary>The catalog was written by a newer envtool whose schema this one does not know.</summary>
public sealed class CatalogVersionException : EnvToolException
{
    public CatalogVersionException(string catalogPath, int found, int known)
        : base($"The store catalog {catalogPath} has schema version {found}, but this envtool knows only up to {known}.",
               "Use a newer envtool with this store, or point --store at another directory.")
    {
        Found = found;
        Known = known;
    }

    public int Found { get; }
    public int Known { get; }
}
