namespace EnvTool.Store.Verify;

public enum VerifyProblemKind
{
    /// <summary>An object's bytes no longer hash to its name (or its size changed).</summary>
    CorruptObject,
    /// <summary>A catalogued object file is gone.</summary>
    MissingObject,
    /// <summary>An object lost its read-only mode.</summary>
    WrongMode,
    /// <summary>A catalogued entry's directory is gone.</summary>
    MissingEntryDirectory,
    /// <summary>A file the catalog lists for an entry is gone.</summary>
    MissingEntryFile,
    /// <summary>An entry file is neither a link to its object nor a copy with the same bytes.</summary>
    EntryFileMismatch,
    /// <summary>An entry holds a file the catalog does not list.</summary>
    ExtraEntryFile,
    /// <summary>A directory in entries/ without a catalog row (left by a crash).</summary>
    OrphanEntryDirectory,
    /// <summary>A file in objects/ without a catalog row.</summary>
    OrphanObject,
    /// <summary>A staging directory in tmp/ whose owner is gone.</summary>
    StaleStaging,
}
