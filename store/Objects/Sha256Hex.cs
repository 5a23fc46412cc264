namespace EnvTool.Store.Objects;

/// <summary>Lowercase-hex sha256 digests, the only spelling the store accepts or produces.</summary>
public static class Sha256Hex
{
    public static bool IsValid(string? value)
    {
        if (value is null || value.Length != 64) return false;
        foreach (var c in value)
            if (c is not ((>= '0' and <= '9') or (>= 'a' and <= 'f'))) return false;
        return true;
    }

    public static string Of(ReadOnlySpan<byte> digest) => Convert.ToHexStringLower(digest);

    internal static void Require(string value, string what)
    {
        if (!IsValid(value)) throw new ArgumentException($"{what} must be a lowercase hex sha256, got \"{value}\"", what);
    }
}
