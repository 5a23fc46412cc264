using EnvTool.Python;
using EnvTool.Standards.Markers;
using EnvTool.Standards.Tags;

namespace EnvTool.Standards.Locks;

/// <summary>
/// The interpreter a lock is installed for: its marker values and the wheel tags it accepts, plus the
/// extras and dependency groups the user asked for (null groups mean the lock's <c>default-groups</c>).
/// </summary>
public sealed record LockTarget(MarkerEnvironment Markers, SupportedTags Tags, string Description)
{
    public IReadOnlySet<string> Extras { get; init; } = new HashSet<string>();
    /// <summary>Null: the lock's <c>default-groups</c>, as PEP 751 says installers do by default.</summary>
    public IReadOnlySet<string>? DependencyGroups { get; init; }

    /// <summary>The target for a probed interpreter, described as e.g. "cpython 3.12.1 (linux-x86_64)".</summary>
    public static LockTarget For(InterpreterInfo interpreter) =>
        new(interpreter.Markers, SupportedTags.For(interpreter),
            $"{interpreter.Implementation} {interpreter.FullVersion} ({interpreter.SysconfigPlatform})");
}
