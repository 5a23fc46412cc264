namespace EnvTool.Store.Entries;

/// <summary>A file written into staging whose size and digest have been checked.</summary>
internal sealed record StagedFile(string RelativePath, string StagedPath, string Sha256, long Size, bool Executable);
