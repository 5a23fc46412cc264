using EnvTool.Environments;
using EnvTool.Environments.Ephemeral;
using EnvTool.Install;
using EnvTool.Standards.Locks;
using EnvTool.Store;
using EnvTool.Store.Objects;

namespace EnvTool.Running;

/// <summary>
/// Turns a <see cref="RunPlan"/> into a ready ephemeral environment: chooses the interpreter, keys
/// the needs, and only when the store has no tree for them resolves (<see cref="ResolverProvider"/>)
/// or installs the lock exactly (<see cref="LockProvider"/>).
/// </summary>
/// <param name="directory">Where the symlinks go; null: $TMPDIR/envtool-$UID.</param>
/// <param name="lifetime">How long after its last use an environment keeps its tree (null: 30 days).</param>
public sealed class EphemeralRunner(ContentStore store, string? directory = null, TimeSpan? lifetime = null)
{
    public EphemeralEnvironment Prepare(RunPlan plan, string? python, CancellationToken ct = default)
    {
        var interpreter = RunInterpreter.Choose(python, plan.RequiresPython, plan.Source);
        var lockDigest = plan.LockPath is { } path ? Convert.ToHexStringLower(NameDigest.Hash(File.ReadAllBytes(path))) : null;
        var needs = new EphemeralNeeds(plan.Requests, plan.Sources, interpreter, lockDigest);
        var root = EphemeralDirectory.Ensure(directory ?? EphemeralDirectory.DefaultPath());
        return new EphemeralEnvironments(store, root, lifetime).Prepare(needs, () => Provider(plan).Provide(plan.Requests, interpreter, [], null, ct), ct);
    }

    private IPackageProvider Provider(RunPlan plan) =>
        plan.LockPath is { } path ? new LockProvider(store, PyLockReader.Read(path), plan.Sources) : new ResolverProvider(store, plan.Sources);
}
