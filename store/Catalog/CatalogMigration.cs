namespace EnvTool.Store.Catalog;

/// <summary>One forward step of the catalog schema: running <see cref="Sql"/> on version Version-1 yields <see cref="Version"/>.</summary>
internal sealed record CatalogMigration(int Version, string Description, string Sql);
