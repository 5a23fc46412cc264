using EnvTool.Store.Catalog.Sqlite;

namespace EnvTool.Store.Errors;

/// <summary>Recognizes "out of space" however it surfaces: an errno from .NET or libc, or SQLite's SQLITE_FULL.</summary>
internal static class DiskFull
{
    private const int Enospc = 28;
    private const int Edquot = 122;
    private const int SqliteFull = 13;

    internal static bool Is(Exception e) => e switch
    {
        StoreDiskFullException => true,
        IOException io => io.HResult is Enospc or Edquot,
        SqliteException sqlite => sqlite.SqliteErrorCode == SqliteFull,
        _ => false,
    };

    internal static Exception Translate(Exception e, string root) =>
        e as StoreDiskFullException ?? new StoreDiskFullException(root, e);
}
