namespace EnvTool.Store.Catalog;

/// <summary>
/// Every schema version the catalog has had, oldest first. Never edit a released step: append a new
/// one. PRAGMA user_version holds the version a catalog is at.
/// </summary>
internal static class CatalogSchema
{
    internal static readonly IReadOnlyList<CatalogMigration> Migrations =
    [
        new(1, "artifacts, objects, entries; trees, environments, generations and roots", """
            CREATE TABLE objects (
                id INTEGER PRIMARY KEY,
                sha256 TEXT NOT NULL,
                executable INTEGER NOT NULL,
                copy INTEGER NOT NULL DEFAULT 0,     -- 0 = the object; n = fresh inode made on EMLINK
                size INTEGER NOT NULL,
                link_count_seen INTEGER NOT NULL DEFAULT 0,
                verified_at INTEGER,                 -- unix ms of the last successful re-hash
                verified_inode INTEGER,
                verified_size INTEGER,
                verified_mtime_ns INTEGER,
                verified_ctime_ns INTEGER,
                UNIQUE (sha256, executable, copy)
            );
            CREATE TABLE artifacts (
                sha256 TEXT PRIMARY KEY NOT NULL,
                file_name TEXT NOT NULL,
                name TEXT NOT NULL,
                version TEXT NOT NULL,
                labels TEXT NOT NULL,                -- one label per line
                size INTEGER NOT NULL,
                imported_at INTEGER NOT NULL,
                last_used_at INTEGER NOT NULL,
                retained_object INTEGER REFERENCES objects(id)
            );
            CREATE INDEX artifacts_retained ON artifacts(retained_object);
            CREATE TABLE entries (
                id INTEGER PRIMARY KEY,
                artifact_sha256 TEXT NOT NULL UNIQUE REFERENCES artifacts(sha256),
                path TEXT NOT NULL,                  -- relative to the store root
                file_count INTEGER NOT NULL,
                bytes INTEGER NOT NULL,
                published_at INTEGER NOT NULL
            );
            CREATE TABLE entry_files (
                entry_id INTEGER NOT NULL REFERENCES entries(id) ON DELETE CASCADE,
                path TEXT NOT NULL,                  -- relative to the entry, '/'-separated
                object_id INTEGER NOT NULL REFERENCES objects(id),
                linked INTEGER NOT NULL,             -- 1 = hard link to the object, 0 = independent copy (EXDEV/EPERM)
                PRIMARY KEY (entry_id, path)
            ) WITHOUT ROWID;
            CREATE INDEX entry_files_object ON entry_files(object_id);
            CREATE TABLE trees (
                id INTEGER PRIMARY KEY,
                key TEXT NOT NULL UNIQUE,            -- digest of interpreter + entries: trees are shared by content
                path TEXT NOT NULL,
                created_at INTEGER NOT NULL,
                last_used_at INTEGER NOT NULL
            );
            CREATE TABLE tree_entries (
                tree_id INTEGER NOT NULL REFERENCES trees(id) ON DELETE CASCADE,
                entry_id INTEGER NOT NULL REFERENCES entries(id),
                PRIMARY KEY (tree_id, entry_id)
            ) WITHOUT ROWID;
            CREATE INDEX tree_entries_entry ON tree_entries(entry_id);
            CREATE TABLE environments (
                id INTEGER PRIMARY KEY,
                path TEXT NOT NULL UNIQUE,
                current_generation INTEGER,
                created_at INTEGER NOT NULL
            );
            CREATE TABLE generations (
                id INTEGER PRIMARY KEY,
                environment_id INTEGER NOT NULL REFERENCES environments(id) ON DELETE CASCADE,
                number INTEGER NOT NULL,
                parent INTEGER REFERENCES generations(id),
                tree_id INTEGER NOT NULL REFERENCES trees(id),
                command TEXT NOT NULL,
                created_at INTEGER NOT NULL,
                UNIQUE (environment_id, number)
            );
            CREATE INDEX generations_tree ON generations(tree_id);
            CREATE TABLE roots (
                id INTEGER PRIMARY KEY,
                kind TEXT NOT NULL,                  -- e.g. generation, ephemeral, operation
                reference TEXT NOT NULL,
                pid INTEGER,
                expires_at INTEGER,
                created_at INTEGER NOT NULL
            );
            CREATE INDEX roots_reference ON roots(kind, reference);
            """),
    ];

    internal static int LatestVersion => Migrations[^1].Version;
}
