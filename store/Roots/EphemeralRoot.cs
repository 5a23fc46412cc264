namespace EnvTool.Store.Roots;

/// <summary>
/// One ephemeral environment as the catalog records it (a roots row of kind 'ephemeral').
/// gc keeps its tree while <see cref="Path"/> is a symlink to that tree and <see cref="LastUsed"/>
/// is within the expiry window, or while process <see cref="Pid"/> (started at <see cref="PidStart"/>,
/// see <see cref="Native.ProcessLiveness.IsAlive"/>) still runs.
/// </summary>
/// <param name="Path">The symlink (the root's reference).</param>
/// <param name="Pid">The last process that ran in it: `envtool run` records its own pid, which the program it execs keeps.</param>
public sealed record EphemeralRoot(string Path, string TreeKey, DateTimeOffset LastUsed, int? Pid, long? PidStart, DateTimeOffset Created);
