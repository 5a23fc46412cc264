namespace EnvTool.Store.Verify;

/// <summary>
/// The verdict on one catalogued entry: its problems (empty = intact) and, for objects whose own
/// file is missing or bad, an entry file that still holds their exact bytes (to restore them from).
/// </summary>
internal sealed record EntryCheck(long EntryId, string ArtifactSha256, string Path, IReadOnlyList<VerifyProblem> Problems, IReadOnlyDictionary<long, string> IntactCopies)
{
    public bool Damaged => Problems.Count > 0;
}
