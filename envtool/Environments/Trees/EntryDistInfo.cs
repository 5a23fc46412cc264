using EnvTool.Environments.Layout;
using EnvTool.Store.Entries;
using EnvTool.Store.Errors;

namespace EnvTool.Environments.Trees;

/// <summary>How an unpacked wheel's entry is read: its dist-info directory, its files, and where they go.</summary>
internal static class EntryDistInfo
{
    /// <summary>The entry's one <c>.dist-info</c> directory at its root (the wheel importer checked there is exactly one).</summary>
    internal static string Find(EntryRecord entry)
    {
        var found = Directory.GetDirectories(entry.Path, "*.dist-info").Select(Path.GetFileName).ToList();
        if (found.Count != 1)
            throw new StoreCorruptException(entry.Path, $"should hold one .dist-info directory, found {found.Count}");
        return found[0]!;
    }

    /// <summary>Maps the entry's paths into a venv; the <c>.data</c> directory is named like the dist-info one.</summary>
    internal static WheelFileMapper Mapper(VenvLayout layout, string distInfo, string distribution) =>
        new(layout, distInfo[..^".dist-info".Length] + ".data", distribution);

    /// <summary>Every file of the entry, '/'-separated and relative to it, in ordinal order.</summary>
    internal static List<string> Files(string entryPath)
    {
        var files = Directory.EnumerateFiles(entryPath, "*", new EnumerationOptions { RecurseSubdirectories = true, AttributesToSkip = FileAttributes.ReparsePoint })
            .Select(f => Path.GetRelativePath(entryPath, f))
            .ToList();
        files.Sort(StringComparer.Ordinal);
        return files;
    }
}
