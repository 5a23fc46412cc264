namespace EnvTool.Store.Verify;

/// <summary>One thing wrong with the store. <see cref="Repaired"/> says whether repair fixed it.</summary>
public sealed record VerifyProblem(VerifyProblemKind Kind, string Path, string Detail, bool Repaired = false);
