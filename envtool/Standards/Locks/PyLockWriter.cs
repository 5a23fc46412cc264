using System.Text;
using Tomlyn.Model;

namespace EnvTool.Standards.Locks;

/// <summary>
/// Writes a lock file deterministically, so the same lock always gives the same bytes and diffs stay
/// small: top-level keys in the PEP's order, <c>created-by = "envtool"</c>, packages sorted by name,
/// then version, then marker; each package's keys in the PEP's order with its wheels as
/// <c>[[packages.wheels]]</c> sorted by file name and hashes as inline tables. Opaque tables
/// (<c>tool</c>, dependencies, attestation identities) keep their own key order.
/// </summary>
public static class PyLockWriter
{
    /// <exception cref="ArgumentException">A package's sources break the PEP's rules (see <see cref="LockedPackage"/>).</exception>
    public static string Write(PyLock lockFile)
    {
        var text = new StringBuilder();
        Line(text, "lock-version", TomlText.String(PyLock.FormatVersion));
        if (lockFile.Environments is { } environments)
            Line(text, "environments", TomlText.StringArray(environments.Select(m => m.ToString())));
        if (lockFile.RequiresPython is { } requiresPython)
            Line(text, "requires-python", TomlText.String(requiresPython.ToString()));
        if (lockFile.Extras is { } extras) Line(text, "extras", TomlText.StringArray(extras));
        if (lockFile.DependencyGroups is { } groups) Line(text, "dependency-groups", TomlText.StringArray(groups));
        if (lockFile.DefaultGroups is { } defaults) Line(text, "default-groups", TomlText.StringArray(defaults));
        Line(text, "created-by", TomlText.String(PyLock.Creator));
        if (lockFile.Packages.Count == 0)
            Line(text, "packages", "[]");

        foreach (var package in Sorted(lockFile.Packages))
            WritePackage(text, package);

        if (lockFile.Tool is { } tool)
            WriteTool(text, "tool", tool);
        return text.ToString();
    }

    /// <summary>Writes the lock to <paramref name="path"/> atomically (a temporary file renamed over it).</summary>
    public static void Save(PyLock lockFile, string path)
    {
        var full = Path.GetFullPath(path);
        var temporary = Path.Combine(Path.GetDirectoryName(full)!, $".{Path.GetFileName(full)}.{Environment.ProcessId}.tmp");
        try
        {
            File.WriteAllText(temporary, Write(lockFile), new UTF8Encoding(encoderShouldEmitUTF8Identifier: false));
            File.Move(temporary, full, overwrite: true);
        }
        finally
        {
            File.Delete(temporary);
        }
    }

    private static IEnumerable<LockedPackage> Sorted(IEnumerable<LockedPackage> packages) =>
        packages
            .OrderBy(p => p.Name.Normalized, StringComparer.Ordinal)
            .ThenBy(p => p.Version, Comparer<Versions.Pep440Version?>.Create((a, b) => a is null ? (b is null ? 0 : -1) : a.CompareTo(b)))
            .ThenBy(p => p.Marker?.ToString() ?? "", StringComparer.Ordinal);

    private static void WritePackage(StringBuilder text, LockedPackage package)
    {
        if (package.SourceProblem() is { } problem)
            throw new ArgumentException($"package {package.Display}: {problem}", nameof(package));

        text.Append('\n').Append("[[packages]]\n");
        Line(text, "name", TomlText.String(package.Name.Normalized));
        if (package.Version is { } version) Line(text, "version", TomlText.String(version.ToString()));
        if (package.Marker is { } marker) Line(text, "marker", TomlText.String(marker.ToString()));
        if (package.RequiresPython is { } requiresPython) Line(text, "requires-python", TomlText.String(requiresPython.ToString()));
        if (package.Index is { } index) Line(text, "index", TomlText.String(index));
        if (package.Dependencies is { } dependencies)
            Line(text, "dependencies", dependencies.Count == 0 ? "[]"
                : $"[\n{string.Concat(dependencies.Select(d => $"    {TomlText.InlineTable(d)},\n"))}]");

        if (package.Vcs is { } vcs)
        {
            text.Append("\n[packages.vcs]\n");
            Line(text, "type", TomlText.String(vcs.Type));
            Optional(text, "url", vcs.Url);
            Optional(text, "path", vcs.Path);
            Optional(text, "requested-revision", vcs.RequestedRevision);
            Line(text, "commit-id", TomlText.String(vcs.CommitId));
            Optional(text, "subdirectory", vcs.Subdirectory);
        }
        if (package.Directory is { } directory)
        {
            text.Append("\n[packages.directory]\n");
            Line(text, "path", TomlText.String(directory.Path));
            if (directory.Editable) Line(text, "editable", "true");
            Optional(text, "subdirectory", directory.Subdirectory);
        }
        if (package.Archive is { } archive)
        {
            text.Append("\n[packages.archive]\n");
            FileKeys(text, archive);
            Optional(text, "subdirectory", archive.Subdirectory);
        }
        if (package.Sdist is { } sdist)
        {
            text.Append("\n[packages.sdist]\n");
            Line(text, "name", TomlText.String(sdist.Name));
            FileKeys(text, sdist);
        }
        foreach (var wheel in package.Wheels.OrderBy(w => w.Name.FileName, StringComparer.Ordinal))
        {
            text.Append("\n[[packages.wheels]]\n");
            Line(text, "name", TomlText.String(wheel.Name.FileName));
            FileKeys(text, wheel);
        }
        foreach (var attestation in package.AttestationIdentities ?? [])
        {
            text.Append("\n[[packages.attestation-identities]]\n");
            Entries(text, attestation);
        }
        if (package.Tool is { } tool)
        {
            text.Append("\n[packages.tool]\n");
            Entries(text, tool);
        }
    }

    /// <summary>The keys every locked file has, in the PEP's order (after <c>name</c>).</summary>
    private static void FileKeys(StringBuilder text, LockedFile file)
    {
        if (file.UploadTime is { } time) Line(text, "upload-time", TomlText.UtcDateTime(time));
        Optional(text, "url", file.Url);
        Optional(text, "path", file.Path);
        if (file.Size is { } size) Line(text, "size", size.ToString(System.Globalization.CultureInfo.InvariantCulture));
        Line(text, "hashes", $"{{{string.Join(", ", file.Hashes.All.Select(h => $"{TomlText.Key(h.Algorithm)} = {TomlText.String(h.DigestHex)}"))}}}");
    }

    /// <summary>
    /// A top-level opaque table: its plain values under <c>[name]</c>, then each sub-table as its own
    /// <c>[name.key]</c> section (values below that level inline).
    /// </summary>
    private static void WriteTool(StringBuilder text, string name, TomlTable table)
    {
        var plain = table.Where(pair => pair.Value is not TomlTable).ToList();
        var tables = table.Where(pair => pair.Value is TomlTable).ToList();
        if (plain.Count > 0 || tables.Count == 0)
        {
            text.Append('\n').Append('[').Append(name).Append("]\n");
            foreach (var (key, value) in plain) Line(text, TomlText.Key(key), TomlText.Value(value));
        }
        foreach (var (key, value) in tables)
        {
            text.Append('\n').Append('[').Append(name).Append('.').Append(TomlText.Key(key)).Append("]\n");
            Entries(text, (TomlTable)value);
        }
    }

    private static void Entries(StringBuilder text, TomlTable table)
    {
        foreach (var (key, value) in table) Line(text, TomlText.Key(key), TomlText.Value(value));
    }

    private static void Optional(StringBuilder text, string key, string? value)
    {
        if (value is not null) Line(text, key, TomlText.String(value));
    }

    private static void Line(StringBuilder text, string key, string value) =>
        text.Append(key).Append(" = ").Append(value).Append('\n');
}
