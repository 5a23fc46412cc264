namespace EnvTool.Store.Native;

/// <summary>The user this process runs as.</summary>
public static class CurrentUser
{
    /// <summary>The real user id (getuid(2)).</summary>
    public static uint Id => Libc.GetUid();

    /// <summary>The effective user id (geteuid(2)): whose permissions the kernel checks.</summary>
    public static uint EffectiveId => Libc.GetEuid();
}
