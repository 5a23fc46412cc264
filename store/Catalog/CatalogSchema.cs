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
        new(2, "trees: spec, link mode, requested/direct-url per package, generated objects; bytecode overlays", """
            ALTER TABLE trees ADD COLUMN spec TEXT NOT NULL DEFAULT '';          -- the canonical text the key digests
            ALTER TABLE trees ADD COLUMN link_mode TEXT NOT NULL DEFAULT 'hardlink';
            ALTER TABLE tree_entries ADD COLUMN requested INTEGER NOT NULL DEFAULT 0;
            ALTER TABLE tree_entries ADD COLUMN direct_url TEXT;
            CREATE TABLE tree_objects (                                         -- files a tree generated (scripts, RECORD, pyvenv.cfg...)
                tree_id INTEGER NOT NULL REFERENCES trees(id) ON DELETE CASCADE,
                object_id INTEGER NOT NULL REFERENCES objects(id),
                PRIMARY KEY (tree_id, object_id)
            ) WITHOUT ROWID;
            CREATE INDEX tree_objects_object ON tree_objects(object_id);
            CREATE TABLE overlays (                                             -- compiled files of one entry for one interpreter
                id INTEGER PRIMARY KEY,
                entry_id INTEGER NOT NULL REFERENCES entries(id),
                tag TEXT NOT NULL,                   -- e.g. cpython-311-a70d0d0a (cache tag, magic number)
                path TEXT NOT NULL,                  -- relative to the store root
                file_count INTEGER NOT NULL,
                bytes INTEGER NOT NULL,
                published_at INTEGER NOT NULL,
                UNIQUE (entry_id, tag)
            );
            CREATE TABLE overlay_files (
                overlay_id INTEGER NOT NULL REFERENCES overlays(id) ON DELETE CASCADE,
                path TEXT NOT NULL,                  -- relative to the overlay (the entry's layout)
                object_id INTEGER NOT NULL REFERENCES objects(id),
                linked INTEGER NOT NULL,
                PRIMARY KEY (overlay_id, path)
            ) WITHOUT ROWID;
            CREATE INDEX overlay_files_object ON overlay_files(object_id);
            CREATE TABLE tree_overlays (
                tree_id INTEGER NOT NULL REFERENCES trees(id) ON DELETE CASCADE,
                overlay_id INTEGER NOT NULL REFERENCES overlays(id),
                PRIMARY KEY (tree_id, overlay_id)
            ) WITHOUT ROWID;
            CREATE INDEX tree_overlays_overlay ON tree_overlays(overlay_id);
            """),
        new(3, "generations: what changed, rollback origin, the caller's build settings", """
            -- environments.current_generation holds a generation NUMBER of that environment.
            ALTER TABLE generations ADD COLUMN restores INTEGER;                -- a rollback's target generation number, else NULL
            ALTER TABLE generations ADD COLUMN settings TEXT NOT NULL DEFAULT ''; -- opaque to the store: how the caller builds this environment's trees
            CREATE TABLE generation_changes (
                generation_id INTEGER NOT NULL REFERENCES generations(id) ON DELETE CASCADE,
                position INTEGER NOT NULL,
                kind TEXT NOT NULL CHECK (kind IN ('added', 'removed', 'changed')),
                name TEXT NOT NULL,
                before TEXT,                                                    -- version before (removed, changed)
                after TEXT,                                                     -- version after (added, changed)
                PRIMARY KEY (generation_id, position)
            ) WITHOUT ROWID;
            CREATE INDEX generations_parent ON generations(parent);
            """),
        new(4, "roots: what keeps an ephemeral environment or an operation in flight alive", """
            -- roots.reference is 'tree:<key>' or 'entry:<artifact sha256>': what the root keeps.
            -- ephemeral: path must still exist and expires_at (unix ms) not be past. operation: pid must be alive.
            ALTER TABLE roots ADD COLUMN path TEXT;                              -- ephemeral: the environment's path
            ALTER TABLE roots ADD COLUMN pid_started INTEGER;                    -- operation: the process's start time (clock ticks after boot), so a reused pid does not count
            CREATE INDEX overlays_entry ON overlays(entry_id);
            """),
        new(5, "ephemeral roots: one per environment path, last use; what an ephemeral environment's needs resolved to", """
            -- A root of kind 'ephemeral' is a script's or tool's environment (see step 4): reference
            -- 'tree:<key>', path = its symlink, expires_at = last use + the expiry window, pid and
            -- pid_started = the last `envtool run` that used it (the program it exec'd keeps the pid).
            ALTER TABLE roots ADD COLUMN last_used_at INTEGER;                  -- unix ms
            CREATE UNIQUE INDEX roots_ephemeral_path ON roots(path) WHERE kind = 'ephemeral';
            -- The caller's digest of what an ephemeral environment needs (requirements, sources,
            -- interpreter) and the tree that satisfied it: lets the environment be recreated after its
            -- symlink was wiped, with no resolution. Not a root: it goes with the tree.
            CREATE TABLE ephemeral_keys (
                key TEXT PRIMARY KEY NOT NULL,
                tree_id INTEGER NOT NULL REFERENCES trees(id) ON DELETE CASCADE,
                created_at INTEGER NOT NULL
            ) WITHOUT ROWID;
            CREATE INDEX ephemeral_keys_tree ON ephemeral_keys(tree_id);
            """),
        new(6, "roots: the owner lock that says whether the process behind an operation or ephemeral root is alive", """
            -- A pid means nothing on another machine sharing the store, in another pid namespace, or
            -- to a user who cannot see the process: the owner is alive exactly while the flock on
            -- locks/owner-<owner>.lock is held. Rows without it (older versions) go by pid.
            ALTER TABLE roots ADD COLUMN owner TEXT;
            """),
        new(7, "generations: what changed, as one JSON column instead of a row per package", """
            -- A generation's changes in the order they were given, as a JSON array of
            -- [kind, name, before, after] (kind 'added', 'removed' or 'changed'; before/after null
            -- where they do not apply). A row per package cost a 94-package environment 94 inserts and
            -- about eight more WAL pages per commit than this column; they are only ever read whole.
            ALTER TABLE generations ADD COLUMN changes TEXT NOT NULL DEFAULT '[]';
            -- Each generation's rows joined in position order (positions are 0, 1, 2, ...), then the
            -- longest join, the one with no next position, is its array.
            CREATE TEMP TABLE migrated_changes (generation_id INTEGER PRIMARY KEY, changes TEXT NOT NULL);
            INSERT INTO migrated_changes (generation_id, changes)
                WITH RECURSIVE joined(generation_id, position, text) AS (
                    SELECT generation_id, position, json_array(kind, name, before, after) FROM generation_changes WHERE position = 0
                    UNION ALL
                    SELECT j.generation_id, x.position, j.text || ',' || json_array(x.kind, x.name, x.before, x.after)
                    FROM joined j JOIN generation_changes x ON x.generation_id = j.generation_id AND x.position = j.position + 1
                )
                SELECT generation_id, '[' || text || ']' FROM joined j
                WHERE NOT EXISTS (SELECT 1 FROM generation_changes x WHERE x.generation_id = j.generation_id AND x.position = j.position + 1);
            UPDATE generations SET changes = (SELECT m.changes FROM migrated_changes m WHERE m.generation_id = generations.id)
                WHERE id IN (SELECT generation_id FROM migrated_changes);
            DROP TABLE migrated_changes;
            DROP TABLE generation_changes;
            """),
    ];

    internal static int LatestVersion => Migrations[^1].Version;

    /// <summary>
    /// The oldest schema a read-only layer may have. A layer is read for its artifacts and entries
    /// only, and the steps after this one changed other tables (step 7: generations), so a cache baked
    /// by the envtool before them still serves. Raise it with a step that changes what a layer is read for.
    /// </summary>
    internal const int LayerReadableSince = 6;
}
