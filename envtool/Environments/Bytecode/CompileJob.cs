namespace EnvTool.Environments.Bytecode;

/// <summary>One source file to compile: read <paramref name="Source"/>, write <paramref name="Output"/>,
/// and name the code <paramref name="DisplayPath"/> (Python replaces it with the real path on import).</summary>
internal sealed record CompileJob(string Source, string Output, string DisplayPath);
