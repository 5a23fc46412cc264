namespace EnvTool.Store.Native;

/// <summary>The user this process runs as.</summary>
public static class CurrentUser
{
    /// <summary>The real user id (getuid(2)).</summary>
    public static uint Id => Libc.GetUid();
}
