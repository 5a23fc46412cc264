using System.Text.Json;
using EnvTool.Store.IO;
using EnvTool.Store.Objects;

namespace EnvTool.Python;

/// <summary>
/// Remembers <see cref="InterpreterProbe"/> answers on disk so that asking the same interpreter again
/// runs no Python. One JSON file per asked path (a venv's <c>bin/python</c> and its base interpreter
/// resolve to the same binary yet answer differently, so the asked path names the file); the answer is
/// reused only while the executable's real path, modification time and size are what they were, and
/// it was produced by the current probe script. Files are replaced atomically (temp file + rename), so
/// concurrent envtool processes never read a half-written answer.
/// </summary>
public sealed class InterpreterCache
{
    public InterpreterCache(string directory) => Directory = directory;

    /// <summary>$ENVTOOL_CACHE_DIR/interpreters, else $XDG_CACHE_HOME/envtool/interpreters, else ~/.cache/envtool/interpreters.</summary>
    public static InterpreterCache Default => new(DefaultDirectory());

    public string Directory { get; }

    public static string DefaultDirectory()
    {
        if (Environment.GetEnvironmentVariable("ENVTOOL_CACHE_DIR") is { Length: > 0 } envtool)
            return Path.Combine(envtool, "interpreters");
        var xdg = Environment.GetEnvironmentVariable("XDG_CACHE_HOME") is { Length: > 0 } x && Path.IsPathRooted(x)
            ? x
            : Path.Combine(Environment.GetFolderPath(Environment.SpecialFolder.UserProfile), ".cache");
        return Path.Combine(xdg, "envtool", "interpreters");
    }

    /// <summary>What <paramref name="executable"/> reports, from the cache when still valid, else by probing it.</summary>
    /// <exception cref="InterpreterProbeException">It could not be probed (not cached: a failure is asked again next time).</exception>
    public InterpreterInfo Get(string executable)
    {
        var path = Path.GetFullPath(executable);
        var key = Stamp(path);
        if (key is null) return InterpreterProbe.Probe(path); // missing: let the probe say so
        var entryPath = EntryPath(path);
        if (Cached(path, entryPath, key.Value) is { } cached) return cached;
        var answer = InterpreterProbe.Answer(path);
        var info = InterpreterProbe.Interpret(path, answer);
        info = info with { MuslVersion = MuslVersion.Detect(info.RealExecutable) };
        Write(entryPath, new InterpreterCacheEntry(InterpreterProbeScript.Digest, key.Value.RealPath, key.Value.ModifiedTicks, key.Value.Size, answer, info.MuslVersion));
        return info;
    }

    /// <summary>What <paramref name="executable"/> reported when last asked, if that answer is still valid; never runs Python.</summary>
    public InterpreterInfo? TryGetCached(string executable)
    {
        var path = Path.GetFullPath(executable);
        return Stamp(path) is { } key ? Cached(path, EntryPath(path), key) : null;
    }

    private static InterpreterInfo? Cached(string path, string entryPath, (string RealPath, long ModifiedTicks, long Size) key)
    {
        if (Read(entryPath) is not { } entry || entry.Script != InterpreterProbeScript.Digest
            || entry.RealPath != key.RealPath || entry.ModifiedTicks != key.ModifiedTicks || entry.Size != key.Size)
            return null;
        try { return InterpreterProbe.Interpret(path, entry.Answer) with { MuslVersion = entry.Musl }; }
        catch (InterpreterProbeException) { return null; } // a damaged entry is a miss
    }

    /// <summary>The file that holds the answer for <paramref name="executable"/> (whether or not it exists yet).</summary>
    public string EntryPath(string executable)
    {
        return Path.Combine(Directory, NameDigest.Hex(Path.GetFullPath(executable))[..32] + ".json");
    }

    private static (string RealPath, long ModifiedTicks, long Size)? Stamp(string path)
    {
        var real = RealPath.Resolve(path);
        if (real is null) return null;
        var file = new FileInfo(real);
        if (!file.Exists) return null;
        return (real, file.LastWriteTimeUtc.Ticks, file.Length);
    }

    private static InterpreterCacheEntry? Read(string entryPath)
    {
        if (CacheFile.TryReadBytes(entryPath) is not { } utf8) return null;
        try
        {
            // Parsed from UTF-8: see InterpreterProbeOutput.Parse.
            using var document = JsonDocument.Parse(utf8);
            var o = document.RootElement;
            return new InterpreterCacheEntry(
                o.GetProperty("script").GetString()!, o.GetProperty("real_path").GetString()!,
                o.GetProperty("modified_ticks").GetInt64(), o.GetProperty("size").GetInt64(), o.GetProperty("answer").GetString()!,
                o.TryGetProperty("musl", out var musl) ? musl.GetString() : null);
        }
        // A damaged entry is a miss; probing again rewrites it.
        catch (Exception e) when (e is JsonException or KeyNotFoundException or InvalidOperationException)
        {
            return null;
        }
    }

    private static void Write(string entryPath, InterpreterCacheEntry entry)
    {
        using var buffer = new MemoryStream();
        using (var json = new Utf8JsonWriter(buffer, PlainJsonEncoder.WriterOptions(indented: true)))
        {
            json.WriteStartObject();
            json.WriteString("script", entry.Script);
            json.WriteString("real_path", entry.RealPath);
            json.WriteNumber("modified_ticks", entry.ModifiedTicks);
            json.WriteNumber("size", entry.Size);
            json.WriteString("answer", entry.Answer);
            if (entry.Musl is { } musl) json.WriteString("musl", musl);
            json.WriteEndObject();
        }
        CacheFile.TryWrite(entryPath, System.Text.Encoding.UTF8.GetString(buffer.ToArray()));
    }
}

/// <summary>One cached answer: the probe script's own output, valid while the executable's stamp is unchanged.</summary>
internal sealed record InterpreterCacheEntry(string Script, string RealPath, long ModifiedTicks, long Size, string Answer, string? Musl);
