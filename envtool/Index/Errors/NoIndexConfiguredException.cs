using EnvTool.Store.Errors;

namespace EnvTool.Index.Errors;

/// <summary>Nothing to resolve from: no --index-url, no index variable, no --find-links.</summary>
public sealed class NoIndexConfiguredException() : EnvToolException(
    "no package source configured",
    $"pass --index-url URL (a PEP 503 simple API) or --find-links DIR, or set {DefaultIndex.EnvironmentVariable}");
