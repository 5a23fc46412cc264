using System.Diagnostics.CodeAnalysis;
using System.Globalization;
using System.Numerics;
using System.Text;

namespace EnvTool.Standards.Versions;

/// <summary>
/// A PEP 440 version, normalized on parsing (<c>V1.0-ALPHA.2</c> is <c>1.0a2</c>). Ordering and
/// equality follow PEP 440 and packaging's <c>Version</c>: trailing zeros of the release do not
/// matter (<c>1.0 == 1.0.0</c>), the local label does (<c>1.0 != 1.0+abc</c>). Release, pre, post,
/// dev and local numbers may have any number of digits, as PEP 440 sets no limit.
/// </summary>
public sealed class Pep440Version : IComparable<Pep440Version>, IEquatable<Pep440Version>
{
    private readonly BigInteger[] _release;
    private readonly LocalSegment[]? _local;
    private readonly int _trimmedLength; // release length without trailing zeros (at least 1)
    private string? _text;
    private int _hash;

    internal Pep440Version(int epoch, BigInteger[] release, PreRelease? pre, BigInteger? post, BigInteger? dev, LocalSegment[]? local)
    {
        Epoch = epoch;
        _release = release;
        Pre = pre;
        Post = post;
        Dev = dev;
        _local = local is { Length: > 0 } ? local : null;
        int n = release.Length;
        while (n > 1 && release[n - 1].IsZero) n--;
        _trimmedLength = n;
    }

    /// <summary>Parses and normalizes a version; throws <see cref="ParseException"/> naming the problem and its column.</summary>
    public static Pep440Version Parse(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        if (!VersionScanner.TryScan(text, 0, text.Length, VersionSyntax.AllowLocal, out var scanned, out var error))
            throw new ParseException("version", text, error.Position, error.Problem);
        return scanned.ToVersion();
    }

    public static bool TryParse(string? text, [NotNullWhen(true)] out Pep440Version? version)
    {
        if (text is not null && VersionScanner.TryScan(text, 0, text.Length, VersionSyntax.AllowLocal, out var scanned, out _))
        {
            version = scanned.ToVersion();
            return true;
        }
        version = null;
        return false;
    }

    public int Epoch { get; }

    /// <summary>The release numbers as written (trailing zeros kept: <c>1.0</c> is [1, 0]).</summary>
    public IReadOnlyList<BigInteger> Release => _release;

    public PreRelease? Pre { get; }

    public BigInteger? Post { get; }

    public BigInteger? Dev { get; }

    /// <summary>The normalized local label (<c>ubuntu.1</c>), or null when there is none.</summary>
    public string? Local => _local is null ? null : string.Join('.', _local.Select(s => s.ToString()));

    /// <summary>A pre-release or a development release.</summary>
    public bool IsPrerelease => Pre is not null || Dev is not null;

    public bool IsPostrelease => Post is not null;

    public bool IsDevrelease => Dev is not null;

    /// <summary>Epoch and release only: <c>1!2.0rc1.post3+x</c> gives <c>1!2.0</c>.</summary>
    public Pep440Version BaseVersion =>
        Pre is null && Post is null && Dev is null && _local is null ? this : new(Epoch, _release, null, null, null, null);

    /// <summary>The version without its local label.</summary>
    public Pep440Version Public => _local is null ? this : new(Epoch, _release, Pre, Post, Dev, null);

    /// <summary>A copy with other post/dev numbers and no local label (used to place specifier bounds).</summary>
    internal Pep440Version WithSuffix(PreRelease? pre, BigInteger? post, BigInteger? dev) => new(Epoch, _release, pre, post, dev, null);

    /// <summary>A version with this epoch and the given release.</summary>
    internal Pep440Version WithRelease(BigInteger[] release, BigInteger? dev) => new(Epoch, release, null, null, dev, null);

    /// <summary>The same version written without trailing zeros in the release (<c>1.0.0</c> as <c>1</c>).</summary>
    internal Pep440Version WithoutTrailingZeros() =>
        _trimmedLength == _release.Length ? this : new(Epoch, _release[.._trimmedLength], Pre, Post, Dev, _local);

    /// <summary>Whether both have the same epoch and the same release, ignoring trailing zeros.</summary>
    internal bool SameRelease(Pep440Version other) => Epoch == other.Epoch && CompareRelease(this, other) == 0;

    /// <summary>The normalized form, exactly as packaging's <c>str(Version(...))</c>.</summary>
    public override string ToString() => _text ??= Format();

    private string Format()
    {
        var sb = new StringBuilder();
        if (Epoch != 0) sb.Append(Epoch.ToString(CultureInfo.InvariantCulture)).Append('!');
        for (int i = 0; i < _release.Length; i++)
        {
            if (i > 0) sb.Append('.');
            sb.Append(_release[i].ToString(CultureInfo.InvariantCulture));
        }
        if (Pre is { } pre) sb.Append(pre.Kind).Append(pre.Number.ToString(CultureInfo.InvariantCulture));
        if (Post is { } post) sb.Append(".post").Append(post.ToString(CultureInfo.InvariantCulture));
        if (Dev is { } dev) sb.Append(".dev").Append(dev.ToString(CultureInfo.InvariantCulture));
        if (_local is not null) sb.Append('+').Append(Local);
        return sb.ToString();
    }

    public int CompareTo(Pep440Version? other) => other is null ? 1 : Compare(this, other, ignoreLocal: false);

    /// <summary>Compares as if neither version had a local label (how most specifier operators look at candidates).</summary>
    internal static int ComparePublic(Pep440Version a, Pep440Version b) => Compare(a, b, ignoreLocal: true);

    private static int Compare(Pep440Version a, Pep440Version b, bool ignoreLocal)
    {
        if (ReferenceEquals(a, b)) return 0;
        int c = a.Epoch.CompareTo(b.Epoch);
        if (c != 0) return c;
        c = CompareRelease(a, b);
        if (c != 0) return c;
        c = a.PreRank.CompareTo(b.PreRank);
        if (c != 0) return c;
        c = (a.Pre?.Number ?? BigInteger.Zero).CompareTo(b.Pre?.Number ?? BigInteger.Zero);
        if (c != 0) return c;
        // No post-release sorts before any post-release.
        c = CompareAbsentFirst(a.Post, b.Post);
        if (c != 0) return c;
        // No dev-release sorts after any dev-release.
        c = a.Dev is null ? (b.Dev is null ? 0 : 1) : b.Dev is null ? -1 : a.Dev.Value.CompareTo(b.Dev.Value);
        if (c != 0) return c;
        return ignoreLocal ? 0 : CompareLocal(a._local, b._local);
    }

    /// <summary>
    /// Where the pre-release part sorts: a dev-release of a final (1.0.dev1) before every alpha,
    /// then a, b, rc, then no pre-release at all.
    /// </summary>
    private int PreRank => Pre is { } pre ? pre.Rank : Post is null && Dev is not null ? -1 : 3;

    private static int CompareAbsentFirst(BigInteger? x, BigInteger? y) =>
        x is null ? (y is null ? 0 : -1) : y is null ? 1 : x.Value.CompareTo(y.Value);

    private static int CompareRelease(Pep440Version a, Pep440Version b)
    {
        int n = Math.Max(a._trimmedLength, b._trimmedLength);
        for (int i = 0; i < n; i++)
        {
            var x = i < a._trimmedLength ? a._release[i] : BigInteger.Zero;
            var y = i < b._trimmedLength ? b._release[i] : BigInteger.Zero;
            int c = x.CompareTo(y);
            if (c != 0) return c;
        }
        return 0;
    }

    private static int CompareLocal(LocalSegment[]? x, LocalSegment[]? y)
    {
        if (x is null) return y is null ? 0 : -1;
        if (y is null) return 1;
        int n = Math.Min(x.Length, y.Length);
        for (int i = 0; i < n; i++)
        {
            int c = x[i].CompareTo(y[i]);
            if (c != 0) return c;
        }
        return x.Length.CompareTo(y.Length);
    }

    public bool Equals(Pep440Version? other) => other is not null && Compare(this, other, ignoreLocal: false) == 0;

    public override bool Equals(object? obj) => obj is Pep440Version other && Equals(other);

    public override int GetHashCode()
    {
        if (_hash != 0) return _hash;
        var h = new HashCode();
        h.Add(Epoch);
        for (int i = 0; i < _trimmedLength; i++) h.Add(_release[i]);
        h.Add(Pre);
        h.Add(Post);
        h.Add(Dev);
        if (_local is not null)
            foreach (var segment in _local) h.Add(segment);
        int hash = h.ToHashCode();
        return _hash = hash == 0 ? 1 : hash;
    }

    public static bool operator ==(Pep440Version? a, Pep440Version? b) => a is null ? b is null : a.Equals(b);
    public static bool operator !=(Pep440Version? a, Pep440Version? b) => !(a == b);
    public static bool operator <(Pep440Version a, Pep440Version b) => a.CompareTo(b) < 0;
    public static bool operator >(Pep440Version a, Pep440Version b) => a.CompareTo(b) > 0;
    public static bool operator <=(Pep440Version a, Pep440Version b) => a.CompareTo(b) <= 0;
    public static bool operator >=(Pep440Version a, Pep440Version b) => a.CompareTo(b) >= 0;
}
