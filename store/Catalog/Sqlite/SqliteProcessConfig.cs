using System.Runtime.InteropServices;
using SQLitePCL;

namespace EnvTool.Store.Catalog.Sqlite;

/// <summary>
/// SQLite's process-wide settings for a command-line program that opens a catalog for a few
/// milliseconds. They must be set before anything initializes SQLite: configuration is refused after.
/// </summary>
internal static partial class SqliteProcessConfig
{
    internal static void Apply()
    {
        // No allocation statistics: they take a global mutex around every allocation SQLite makes.
        raw.sqlite3_config(raw.SQLITE_CONFIG_MEMSTATUS, 0);
        // No bulk page-cache allocation per connection: SQLite would carve 20 pages out of one block
        // and write a header into each, touching 20 fresh pages (20 page faults, counted on the
        // catalog) for a command that reads a dozen. Pages are then allocated one by one as read.
        ConfigurePageCache(raw.SQLITE_CONFIG_PAGECACHE, 0, 0, 0);
    }

    // sqlite3_config is variadic; SQLitePCLRaw has no overload for the page cache's three arguments.
    [LibraryImport("e_sqlite3", EntryPoint = "sqlite3_config")]
    private static partial int ConfigurePageCache(int option, nint buffer, int size, int count);
}
