namespace EnvTool.Store.Roots;

/// <summary>
/// One ephemeral environment as the catalog records it (a roots row of kind 'ephemeral'). gc keeps
/// its tree while process <see cref="Pid"/> (started at <see cref="PidStarted"/>) still runs, and
/// otherwise while <see cref="Path"/> exists and <see cref="Expires"/> has not passed.
/// </summary>
/// <param name="Path">The symlink.</param>
/// <param name="Expires">The last use plus the expiry window (<see cref="EphemeralRootStore.DefaultLifetime"/> by default).</param>
/// <param name="Pid">The last process that ran in it: `envtool run` records its own pid, which the program it execs keeps.</param>
public sealed record EphemeralRoot(string Path, string TreeKey, DateTimeOffset LastUsed, DateTimeOffset Expires, int? Pid, long? PidStarted);
