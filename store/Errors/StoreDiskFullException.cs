namespace EnvTool.Store.Errors;

/// <summary>The store's file system ran out of space (or quota). The operation was undone.</summary>
public sealed class StoreDiskFullException : EnvToolException
{
    public StoreDiskFullException(string path, Exception? inner = null)
        : base($"The store's disk is full (writing {path}); nothing was changed.",
               "Free some space on that file system (or run `envtool store gc`), then try again.", 1, inner)
    {
        PathName = path;
    }

    public string PathName { get; }
}
