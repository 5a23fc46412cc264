using EnvTool.Store.Catalog;
using EnvTool.Store.Native;

namespace EnvTool.Store.Verify;

internal enum ObjectHealth
{
    Good,
    Corrupt,
    Missing,
    WrongMode,
}

/// <summary>The verdict on one catalogued object. <see cref="NewState"/> is set when it was hashed and found good.</summary>
internal sealed record ObjectCheck(ObjectRow Row, ObjectHealth Health, string Detail, FileStatus? Status, VerifiedState? NewState);
