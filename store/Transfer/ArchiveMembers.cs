namespace EnvTool.Store.Transfer;

/// <summary>Member names an archive may use: relative, forward slashes, no "." or ".." parts.</summary>
internal static class ArchiveMembers
{
    internal static bool IsSafe(string member) =>
        member.Length > 0 && !member.StartsWith('/') && member.IndexOf('\0') < 0
        && member.Split('/').All(part => part.Length > 0 && part is not ("." or ".."));
}
