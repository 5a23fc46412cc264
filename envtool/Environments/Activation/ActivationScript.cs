namespace EnvTool.Environments.Activation;

/// <summary>One activation script as it appears in a tree's <c>bin/</c>.</summary>
public sealed record ActivationScript(string FileName, string Shell, string Content);
