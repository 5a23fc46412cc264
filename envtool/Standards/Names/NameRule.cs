namespace EnvTool.Standards.Names;

/// <summary>
/// The core-metadata rule shared by distribution names and extra names:
/// <c>^([A-Z0-9]|[A-Z0-9][A-Z0-9._-]*[A-Z0-9])$</c>, ASCII, case-insensitive.
/// </summary>
internal static class NameRule
{
    internal readonly record struct Problem(int Position, string Message);

    /// <summary>The first violation in <paramref name="name"/>, or null when it is valid.</summary>
    internal static Problem? FindProblem(string name)
    {
        if (name.Length == 0)
            return new Problem(-1, "a name cannot be empty");
        for (var i = 0; i < name.Length; i++)
        {
            var c = name[i];
            if (char.IsAsciiLetterOrDigit(c)) continue;
            if (c is not ('-' or '_' or '.'))
                return new Problem(i, $"'{c}' is not allowed in a name (only ASCII letters, digits, '.', '_' and '-')");
            if (i == 0)
                return new Problem(i, "a name must start with a letter or digit");
            if (i == name.Length - 1)
                return new Problem(i, "a name must end with a letter or digit");
        }
        return null;
    }
}
