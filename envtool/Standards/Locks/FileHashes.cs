using EnvTool.Standards.Metadata;

namespace EnvTool.Standards.Locks;

/// <summary>
/// The <c>hashes</c> table of a locked file: at least one digest, one per algorithm, kept sorted by
/// algorithm name so output and equality do not depend on the order they were written in.
/// </summary>
public sealed class FileHashes : IEquatable<FileHashes>
{
    private readonly RecordHash[] _hashes;

    private FileHashes(RecordHash[] hashes) => _hashes = hashes;

    /// <summary>Sorted by algorithm name (ordinal).</summary>
    public IReadOnlyList<RecordHash> All => _hashes;

    /// <summary>The sha256 digest, the one the store addresses artifacts by; null when the lock gives other algorithms only.</summary>
    public RecordHash? Sha256 => _hashes.FirstOrDefault(h => h.Algorithm == "sha256");

    /// <exception cref="ArgumentException">No hash, or two for the same algorithm.</exception>
    public static FileHashes Of(IEnumerable<RecordHash> hashes)
    {
        var sorted = hashes.OrderBy(h => h.Algorithm, StringComparer.Ordinal).ToArray();
        if (sorted.Length == 0) throw new ArgumentException("at least one hash is required", nameof(hashes));
        for (var i = 1; i < sorted.Length; i++)
            if (sorted[i].Algorithm == sorted[i - 1].Algorithm)
                throw new ArgumentException($"two {sorted[i].Algorithm} hashes", nameof(hashes));
        return new FileHashes(sorted);
    }

    /// <summary>One sha256 digest given as hex, the common case.</summary>
    public static FileHashes Sha256Hex(string hex) => Of([RecordHash.FromHex("sha256", hex)]);

    public bool Equals(FileHashes? other) => other is not null && _hashes.SequenceEqual(other._hashes);
    public override bool Equals(object? obj) => Equals(obj as FileHashes);

    public override int GetHashCode()
    {
        var hash = new HashCode();
        foreach (var h in _hashes) hash.Add(h);
        return hash.ToHashCode();
    }

    /// <summary>As TOML would show it, e.g. <c>sha256=ab12…</c>, for messages.</summary>
    public override string ToString() => string.Join(", ", _hashes.Select(h => $"{h.Algorithm}={h.DigestHex}"));
}
