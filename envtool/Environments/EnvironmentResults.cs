using EnvTool.Environments.Trees;
using EnvTool.Python;
using EnvTool.Store.Environments;

namespace EnvTool.Environments;

/// <summary>What create, install, remove or rollback did.</summary>
/// <param name="Changed">False when the result equals the current generation: no generation was made.</param>
/// <param name="Generation">The current generation afterwards.</param>
/// <param name="Interpreter">The interpreter the tree was built for; null for a rollback or no change (nothing was built).</param>
/// <param name="Packages">The environment's packages afterwards, sorted by name.</param>
/// <param name="TreeReused">The tree existed already (another environment or generation had this exact set).</param>
/// <param name="Warnings">From the tree build, e.g. a link-mode fallback; for the caller to show.</param>
public sealed record EnvironmentChange(
    string Path,
    bool Changed,
    GenerationRecord Generation,
    InterpreterInfo? Interpreter,
    IReadOnlyList<TreePackage> Packages,
    IReadOnlyList<GenerationChange> Changes,
    bool TreeReused,
    IReadOnlyList<string> Warnings);

/// <summary>The packages of an environment's current generation, sorted by name.</summary>
public sealed record EnvironmentListing(string Path, int Generation, EnvironmentSettings Settings, IReadOnlyList<TreePackage> Packages);

/// <summary>Every generation of an environment, oldest first, and which one is current.</summary>
public sealed record EnvironmentHistory(string Path, int Current, IReadOnlyList<GenerationRecord> Generations);

/// <summary>What <c>envtool create</c> asks for.</summary>
public sealed record CreateRequest(
    string Path,
    IReadOnlyList<PackageRequest> Packages,
    InterpreterRequest Python,
    Store.Trees.LinkMode LinkMode,
    bool Compile,
    string Command);
