namespace EnvTool.Index;

/// <summary>Every file the configured sources offer for one project, after the first-index-wins rule.</summary>
public sealed record ProjectPage(string NormalizedName, IReadOnlyList<DistributionFile> Files);
