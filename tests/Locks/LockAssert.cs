using EnvTool.Standards.Locks;
using Tomlyn;
using Tomlyn.Model;

namespace EnvTool.Tests.Locks;

/// <summary>Field-by-field equality of locks, independent of the writer (opaque TOML compared structurally).</summary>
internal static class LockAssert
{
    /// <param name="compareCreatedBy">False when the writer restamped <c>created-by</c>.</param>
    public static void Same(PyLock expected, PyLock actual, bool compareCreatedBy = true)
    {
        Assert.Equal(Texts(expected.Environments), Texts(actual.Environments));
        Assert.Equal(expected.RequiresPython?.ToString(), actual.RequiresPython?.ToString());
        Assert.Equal(expected.Extras, actual.Extras);
        Assert.Equal(expected.DependencyGroups, actual.DependencyGroups);
        Assert.Equal(expected.DefaultGroups, actual.DefaultGroups);
        if (compareCreatedBy) Assert.Equal(expected.CreatedBy, actual.CreatedBy);
        AssertToml(expected.Tool, actual.Tool, "tool");
        Assert.Equal(expected.Packages.Count, actual.Packages.Count);
        for (var i = 0; i < expected.Packages.Count; i++)
            Same(expected.Packages[i], actual.Packages[i], $"packages[{i}]");
    }

    private static void Same(LockedPackage expected, LockedPackage actual, string path)
    {
        Assert.Equal(expected.Name, actual.Name);
        Assert.Equal(expected.Version, actual.Version);
        Assert.Equal(expected.Marker, actual.Marker);
        Assert.Equal(expected.RequiresPython?.ToString(), actual.RequiresPython?.ToString());
        Assert.Equal(expected.Index, actual.Index);
        Assert.Equal(expected.Vcs, actual.Vcs);
        Assert.Equal(expected.Directory, actual.Directory);
        Assert.Equal(expected.Archive, actual.Archive);
        Assert.Equal(expected.Sdist, actual.Sdist);
        Assert.Equal(expected.Wheels.Count, actual.Wheels.Count);
        for (var i = 0; i < expected.Wheels.Count; i++)
        {
            Assert.Equal(expected.Wheels[i].Name.FileName, actual.Wheels[i].Name.FileName);
            Assert.Equal(expected.Wheels[i] with { Name = actual.Wheels[i].Name }, actual.Wheels[i]);
        }
        AssertTables(expected.Dependencies, actual.Dependencies, $"{path}.dependencies");
        AssertTables(expected.AttestationIdentities, actual.AttestationIdentities, $"{path}.attestation-identities");
        AssertToml(expected.Tool, actual.Tool, $"{path}.tool");
    }

    private static IReadOnlyList<string>? Texts(IEnumerable<object>? items) => items?.Select(i => i.ToString()!).ToList();

    private static void AssertTables(IReadOnlyList<TomlTable>? expected, IReadOnlyList<TomlTable>? actual, string path)
    {
        Assert.Equal(expected is null, actual is null);
        if (expected is null) return;
        Assert.Equal(expected.Count, actual!.Count);
        for (var i = 0; i < expected.Count; i++) AssertToml(expected[i], actual[i], $"{path}[{i}]");
    }

    /// <summary>Same TOML value: same keys (in any order), same types and values; arrays of tables and inline arrays of tables count as the same.</summary>
    public static void AssertToml(object? expected, object? actual, string path)
    {
        switch (expected)
        {
            case null:
                Assert.Null(actual);
                break;
            case TomlTable table:
                var other = Assert.IsType<TomlTable>(actual);
                Assert.Equal(table.Keys.Order(StringComparer.Ordinal), other.Keys.Order(StringComparer.Ordinal));
                foreach (var (key, value) in table) AssertToml(value, other[key], $"{path}.{key}");
                break;
            case TomlTableArray tables:
                var items = Items(actual);
                Assert.Equal(tables.Count, items.Count);
                for (var i = 0; i < tables.Count; i++) AssertToml(tables[i], items[i], $"{path}[{i}]");
                break;
            case TomlArray array:
                var values = Items(actual);
                Assert.Equal(array.Count, values.Count);
                for (var i = 0; i < array.Count; i++) AssertToml(array[i], values[i], $"{path}[{i}]");
                break;
            case TomlDateTime time:
                var otherTime = Assert.IsType<TomlDateTime>(actual);
                Assert.Equal((time.DateTime, time.Kind), (otherTime.DateTime, otherTime.Kind));
                break;
            default:
                Assert.True(Equals(expected, actual), $"{path}: expected {expected} ({expected.GetType().Name}), found {actual} ({actual?.GetType().Name})");
                break;
        }
    }

    private static List<object?> Items(object? value) => value switch
    {
        TomlTableArray tables => tables.Cast<object?>().ToList(),
        TomlArray array => array.ToList(),
        _ => throw new Xunit.Sdk.XunitException($"expected an array, found {value?.GetType().Name}"),
    };
}
