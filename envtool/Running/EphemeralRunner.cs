using EnvTool.Environments;
using EnvTool.Environments.Ephemeral;
using EnvTool.Index;
using EnvTool.Store;

namespace EnvTool.Running;

/// <summary>
/// Turns a <see cref="RunPlan"/> into a ready ephemeral environment: chooses the interpreter, keys
/// the needs, and asks the package provider only when the store has no tree for them yet.
/// </summary>
/// <param name="providers">The package provider for a set of sources (and whether pre-releases are allowed).</param>
/// <param name="lifetime">How long after its last use an environment keeps its tree (null: 30 days).</param>
public sealed class EphemeralRunner(ContentStore store, Func<IndexOptions, bool, IPackageProvider> providers,
                                    string? directory = null, TimeSpan? lifetime = null)
{
    public EphemeralEnvironment Prepare(RunPlan plan, string? python, CancellationToken ct = default)
    {
        var interpreter = RunInterpreter.Choose(python, plan.RequiresPython, plan.Source);
        var needs = new EphemeralNeeds(plan.Requests, plan.Sources, plan.Pre, interpreter);
        var root = EphemeralDirectory.Ensure(directory ?? EphemeralDirectory.DefaultPath());
        return new EphemeralEnvironments(store, root, lifetime).Prepare(needs,
            () => providers(plan.Sources, plan.Pre).Provide(plan.Requests, interpreter, [], null, ct), ct);
    }
}
