namespace EnvTool.Index;

/// <summary>Every file the configured sources offer for one project, after the first-index-wins rule.</summary>
public sealed record ProjectPage(string NormalizedName, IReadOnlyList<DistributionFile> Files)
{
    /// <summary>PEP 700: every version the chosen index lists for the project (some may have no files);
    /// empty when the index did not say (HTML pages, find-links).</summary>
    public IReadOnlyList<string> Versions { get; init; } = [];
}
