namespace EnvTool.Standards.Names;

/// <summary>
/// Extra names (PEP 685): validated by the same rule as distribution names and always compared in
/// their PEP 503 normal form, which is what this type hands out.
/// </summary>
public static class ExtraName
{
    /// <summary>The normal form of a valid extra name; throws <see cref="ParseException"/> otherwise.</summary>
    public static string Parse(string extra)
    {
        if (NameRule.FindProblem(extra) is { } problem)
            throw new ParseException("extra name", extra, problem.Position, problem.Message);
        return PackageName.Normalize(extra);
    }

    public static bool TryParse(string? extra, out string normalized)
    {
        if (extra is null || NameRule.FindProblem(extra) is not null)
        {
            normalized = "";
            return false;
        }
        normalized = PackageName.Normalize(extra);
        return true;
    }

    /// <summary>PEP 685 comparison form; the same folding as <see cref="PackageName.Normalize"/>.</summary>
    public static string Normalize(string extra) => PackageName.Normalize(extra);
}
