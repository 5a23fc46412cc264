using EnvTool.Index.Http;
using System.Security.Cryptography;
using EnvTool.Environments;
using EnvTool.Index;
using EnvTool.Index.Errors;
using EnvTool.Standards.Metadata;
using EnvTool.Store;
using EnvTool.Store.Concurrency;
using EnvTool.Store.Entries;
using EnvTool.Store.Errors;
using EnvTool.Store.IO;
using EnvTool.Store.Staging;
using EnvTool.Wheels;

namespace EnvTool.Install;

/// <summary>One wheel to bring into the store.</summary>
/// <param name="Name">The distribution name as the caller knows it (for messages and, when nothing is imported, the result).</param>
/// <param name="Promise">Who promised the file's size and hashes, for messages, e.g. "pylock.toml"; null for the index.</param>
/// <param name="Allowed">Hash-checking mode: the hashes the file may have (one must match); null when it is off.</param>
public sealed record WantedWheel(string Name, string Version, DistributionFile File, string? Promise = null, IReadOnlyList<RecordHash>? Allowed = null);

/// <summary>A wanted wheel, published in the store.</summary>
/// <param name="Downloaded">Its bytes were fetched by this call (false: the store had the artifact).</param>
public sealed record StoredWheel(WantedWheel Wanted, EntryRecord Entry, string Sha256, bool Downloaded);

/// <summary>
/// Brings wheels into the store: an artifact the store already has (looked up by the sha256 the index
/// or lock promises) is not downloaded at all; the others are downloaded in parallel into the store's
/// tmp/, each hashed while it is read and checked against its promise. Only when EVERY file has been
/// verified are they imported, so one bad file leaves the store exactly as it was.
/// </summary>
public sealed class WheelFetcher(ContentStore store, IPackageIndex index, int parallelDownloads = 8)
{
    private readonly LocalFileDigests _digests = new(store.Layout.CacheDir);

    public IReadOnlyList<StoredWheel> Fetch(IReadOnlyList<WantedWheel> wanted, IProgress<EnvironmentProgress>? progress, CancellationToken ct) =>
        FetchAsync(wanted, progress, ct).GetAwaiter().GetResult();

    public async Task<IReadOnlyList<StoredWheel>> FetchAsync(IReadOnlyList<WantedWheel> wanted, IProgress<EnvironmentProgress>? progress, CancellationToken ct)
    {
        var results = new StoredWheel?[wanted.Count];
        var missing = new List<int>();
        // One root registration and one catalog read for every promised artifact, not one per wheel.
        var promises = wanted.Select(Promise).ToList();
        var stored = store.FindEntries(promises.OfType<string>().Distinct(StringComparer.Ordinal).ToList());
        for (var i = 0; i < wanted.Count; i++)
        {
            if (promises[i] is { } promised && stored.TryGetValue(promised, out var entry))
                results[i] = new StoredWheel(wanted[i], entry, promised, Downloaded: false);
            else
                missing.Add(i);
        }
        if (missing.Count == 0) return results!;

        using var scratch = store.CreateScratch();
        var verified = new (string Path, string Sha256)[wanted.Count];
        var done = 0;
        progress?.Report(new EnvironmentProgress(Plural(missing.Count, "fetch"), 0, missing.Count));
        await Parallel.ForEachAsync(missing, new ParallelOptions { MaxDegreeOfParallelism = Math.Max(1, parallelDownloads), CancellationToken = ct },
            async (i, token) =>
            {
                verified[i] = await DownloadAsync(wanted[i], scratch, token);
                progress?.Report(new EnvironmentProgress(Plural(missing.Count, "fetch"), Interlocked.Increment(ref done), missing.Count));
            });
        foreach (var i in missing) CheckAllowed(wanted[i], verified[i].Path, verified[i].Sha256);

        var importer = new WheelImporter(store);
        done = 0;
        progress?.Report(new EnvironmentProgress(Plural(missing.Count, "import"), 0, missing.Count));
        ParallelWork.ForEach(missing, i =>
        {
            var import = importer.Import(verified[i].Path, null, ct);
            if (import.Sha256 != verified[i].Sha256)
                throw new EnvToolException($"{wanted[i].File.FileName} changed while it was being installed (sha256 {verified[i].Sha256}, now {import.Sha256})",
                    "run the command again");
            results[i] = new StoredWheel(wanted[i], import.Entry, import.Sha256, Downloaded: !wanted[i].File.Url.IsFile);
            progress?.Report(new EnvironmentProgress(Plural(missing.Count, "import"), Interlocked.Increment(ref done), missing.Count));
        }, ct);
        return results!;
    }

    /// <summary>
    /// The sha256 the wheel's file should have: what the index or lock promises or, for a local file
    /// it says nothing about (a find-links directory), the digest remembered for the file as it is
    /// now, so a wheel the store holds is not read again. Null when there is none to go by.
    /// </summary>
    private string? Promise(WantedWheel wheel)
    {
        var sha256 = wheel.File.Sha256 ?? (wheel.File.Url.IsFile ? _digests.Cached(wheel.File.Url.LocalPath) : null);
        return sha256 is not null && PromiseIsAllowed(wheel, sha256) ? sha256 : null;
    }

    private static string Plural(int count, string verb) => count == 1 ? $"{verb} 1 wheel" : $"{verb} {count} wheels";

    /// <summary>A local file is read where it is; a remote one lands in the scratch directory. Either way it is hashed and checked.</summary>
    private async Task<(string Path, string Sha256)> DownloadAsync(WantedWheel wheel, ScratchDirectory scratch, CancellationToken ct)
    {
        var file = wheel.File;
        try
        {
            if (file.Url.IsFile)
            {
                var stamp = FileStamp.Of(file.Url.LocalPath);
                await using var local = DownloadVerifier.For(await index.OpenAsync(file, ct), file);
                await local.CopyToAsync(Stream.Null, ct);
                if (stamp is { } before) _digests.Remember(file.Url.LocalPath, before, local.ActualSha256!);
                return (file.Url.LocalPath, local.ActualSha256!);
            }
            // A connection lost mid-body restarts the download into a fresh file; a hash mismatch does not.
            return await TransientRetry.RunAsync(async () =>
            {
                var path = scratch.NewFile(file.FileName);
                await using var download = DownloadVerifier.For(await index.OpenAsync(file, ct), file);
                await using (var output = new FileStream(path, FileMode.CreateNew, FileAccess.Write, FileShare.None, 1 << 16, FileOptions.Asynchronous))
                    await download.CopyToAsync(output, ct);
                return (path, download.ActualSha256!);
            }, ct);
        }
        catch (HashMismatchException e) when (wheel.Promise is { } promise)
        {
            throw new EnvToolException(
                $"{e.FileName} from {e.Location} does not match {promise}: expected {e.Expected}, got {e.Actual}",
                "the file changed since it was locked, or the lock was edited; nothing was installed");
        }
    }

    /// <summary>In hash-checking mode, whether the promised sha256 is one the requirements allow (else the file is fetched and checked).</summary>
    private static bool PromiseIsAllowed(WantedWheel wheel, string sha256) =>
        wheel.Allowed is not { } allowed || allowed.Any(h => h.Algorithm == "sha256" && h.DigestHex == sha256);

    private static void CheckAllowed(WantedWheel wheel, string path, string sha256)
    {
        if (wheel.Allowed is not { } allowed) return;
        foreach (var hash in allowed)
        {
            var actual = hash.Algorithm == "sha256" ? sha256 : HashFile(path, hash.Algorithm);
            if (actual == hash.DigestHex) return;
        }
        throw new EnvToolException(
            $"{wheel.File.FileName} does not match the hashes required for {wheel.Name} {wheel.Version}: expected {string.Join(" or ", allowed.Select(h => $"{h.Algorithm}:{h.DigestHex}"))}, got sha256:{sha256}",
            "the file differs from the one the requirements file was written for; nothing was installed");
    }

    private static string HashFile(string path, string algorithm)
    {
        using var stream = File.OpenRead(path);
        return Convert.ToHexStringLower(algorithm switch
        {
            "sha384" => SHA384.HashData(stream),
            "sha512" => SHA512.HashData(stream),
            _ => SHA256.HashData(stream),
        });
    }
}
