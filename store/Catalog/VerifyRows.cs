using EnvTool.Store.Objects;

namespace EnvTool.Store.Catalog;

/// <summary>The file state recorded when an object last hashed correctly; unchanged state lets incremental verify skip it.</summary>
internal readonly record struct VerifiedState(ulong Inode, long Size, long MtimeNs, long CtimeNs);

internal sealed record ObjectRow(long Id, ObjectRef Object, long Size, VerifiedState? Verified);

internal sealed record EntryRow(long Id, string ArtifactSha256, string RelativePath);

internal sealed record EntryFileRow(long EntryId, string Path, long ObjectId, bool Linked);
