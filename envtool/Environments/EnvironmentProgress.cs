namespace EnvTool.Environments;

/// <summary>How far an environment change is: <paramref name="Step"/> is e.g. "import demo-1.0-py3-none-any.whl", "build", "switch".</summary>
public sealed record EnvironmentProgress(string Step, long Done, long Total);
