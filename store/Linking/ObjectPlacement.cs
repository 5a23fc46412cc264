using EnvTool.Store.Objects;

namespace EnvTool.Store.Linking;

/// <summary>
/// Where a staged file ended up: a name of <see cref="Object"/> (Linked), or an independent copy of
/// its bytes when the file system refused the link. <see cref="Created"/> means this call published
/// the object file itself (so undoing the import may remove it).
/// </summary>
internal readonly record struct ObjectPlacement(ObjectRef Object, bool Linked, bool Created, uint LinkCount);
