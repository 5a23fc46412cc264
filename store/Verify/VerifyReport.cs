namespace EnvTool.Store.Verify;

/// <summary>What verify found. A clean store has no problems.</summary>
/// <param name="ObjectsHashed">How many objects were re-hashed (the rest were unchanged since last verified).</param>
/// <param name="EntriesRebuilt">Entries re-imported from their retained artifacts during repair.</param>
public sealed record VerifyReport(
    IReadOnlyList<VerifyProblem> Problems,
    int ObjectsChecked,
    int ObjectsHashed,
    int EntriesChecked,
    IReadOnlyList<string> EntriesRebuilt)
{
    public bool IsClean => Problems.Count == 0;
}
