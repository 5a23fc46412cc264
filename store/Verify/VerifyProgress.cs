namespace EnvTool.Store.Verify;

/// <summary>Progress of one verify phase ("objects", "entries", "orphans", "repair").</summary>
public readonly record struct VerifyProgress(string Phase, long Done, long Total);
