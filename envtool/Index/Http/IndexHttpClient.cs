using System.Net;
using System.Net.Http.Headers;
using System.Text;
using EnvTool.Index.Errors;

namespace EnvTool.Index.Http;

/// <summary>
/// The one HTTP client of the package sources: credentials (URL userinfo, else netrc by host) sent as
/// Basic auth, pages and metadata files through the <see cref="HttpCache"/> with ETag/Last-Modified
/// revalidation and Cache-Control, wheels streamed uncached, every failure turned into a typed error
/// with a redacted URL. Safe to call concurrently; connections per server are capped.
/// </summary>
internal sealed class IndexHttpClient : IDisposable
{
    /// <summary>Parallel downloads beyond this per host mostly queue up on the server's side anyway.</summary>
    public const int MaxConnectionsPerServer = 16;

    private readonly HttpClient _client;
    private readonly HttpCache _cache;
    private readonly bool _offline;
    private readonly Lazy<NetrcFile> _netrc;
    private readonly Dictionary<string, string> _userInfoByOrigin = new(StringComparer.OrdinalIgnoreCase);

    /// <param name="credentialUrls">Configured source URLs; the userinfo of each is used for every request to the same origin.</param>
    public IndexHttpClient(HttpCache cache, bool offline, Lazy<NetrcFile> netrc, IEnumerable<Uri> credentialUrls)
    {
        _cache = cache;
        _offline = offline;
        _netrc = netrc;
        foreach (var url in credentialUrls)
            if (url.UserInfo.Length > 0) _userInfoByOrigin.TryAdd(Origin(url), url.UserInfo);
        var handler = new SocketsHttpHandler
        {
            MaxConnectionsPerServer = MaxConnectionsPerServer,
            ConnectTimeout = TimeSpan.FromSeconds(30),
            PooledConnectionLifetime = TimeSpan.FromMinutes(5),
            AutomaticDecompression = DecompressionMethods.All,
        };
        // Pages and metadata files are read whole; nothing an index serves should come near this limit.
        _client = new HttpClient(handler) { Timeout = TimeSpan.FromMinutes(2), MaxResponseContentBufferSize = 512L * 1024 * 1024 };
        _client.DefaultRequestHeaders.UserAgent.Add(new ProductInfoHeaderValue("envtool", "0.1"));
    }

    /// <summary>A response body with what is needed to interpret it.</summary>
    public sealed record Response(byte[] Body, string? ContentType, Uri FinalUrl, bool FromCache);

    /// <summary>
    /// GET through the cache. Returns null for 404/410 (the thing does not exist). A fresh cached copy
    /// is used without a request unless <paramref name="revalidate"/>; offline, any cached copy is used
    /// and a miss throws <see cref="OfflineCacheMissException"/> naming <paramref name="what"/>.
    /// </summary>
    public async Task<Response?> GetCachedAsync(Uri url, string accept, string what, bool revalidate, CancellationToken cancellationToken)
    {
        var target = UrlRedaction.WithoutCredentials(url);
        var cached = _cache.TryRead(target);
        if (_offline)
            return cached is null ? throw new OfflineCacheMissException(url, what) : FromCache(cached);
        if (cached is not null && !revalidate && cached.Header.IsFresh(DateTimeOffset.UtcNow))
            return FromCache(cached);

        using var response = await TransientRetry.RunAsync(async () =>
        {
            using var request = NewRequest(url, accept);
            if (cached?.Header.ETag is { } etag && EntityTagHeaderValue.TryParse(etag, out var tag))
                request.Headers.IfNoneMatch.Add(tag);
            if (cached?.Header.LastModified is { } lastModified && DateTimeOffset.TryParse(lastModified, out var since))
                request.Headers.IfModifiedSince = since;
            return await SendAsync(request, url, HttpCompletionOption.ResponseContentRead, cancellationToken);
        }, cancellationToken);
        if (response.StatusCode == HttpStatusCode.NotModified && cached is not null)
        {
            var header = cached.Header;
            ApplyFreshness(header, response);
            if (response.Headers.ETag is { } newTag) header.ETag = newTag.ToString();
            _cache.WriteHeader(target, header);
            return FromCache(cached);
        }
        if (response.StatusCode is HttpStatusCode.NotFound or HttpStatusCode.Gone) return null;
        if (!response.IsSuccessStatusCode) throw new IndexHttpException(url, (int)response.StatusCode, response.ReasonPhrase);

        var body = await response.Content.ReadAsByteArrayAsync(cancellationToken);
        var finalUrl = response.RequestMessage?.RequestUri ?? target;
        var contentType = response.Content.Headers.ContentType?.MediaType;
        if (response.Headers.CacheControl?.NoStore == true)
        {
            _cache.Remove(target);
        }
        else
        {
            var header = new CacheHeader
            {
                Url = UrlRedaction.Redact(url),
                FinalUrl = finalUrl.AbsoluteUri,
                ContentType = contentType,
                ETag = response.Headers.ETag?.ToString(),
                LastModified = response.Content.Headers.LastModified?.ToString("R"),
            };
            ApplyFreshness(header, response);
            _cache.Write(target, header, body);
        }
        return new Response(body, contentType, finalUrl, FromCache: false);
    }

    /// <summary>Streams a file (never cached, never buffered whole). The caller disposes the stream.</summary>
    public async Task<Stream> OpenStreamAsync(Uri url, CancellationToken cancellationToken)
    {
        if (_offline) throw new OfflineCacheMissException(url, "download of");
        var response = await TransientRetry.RunAsync(async () =>
        {
            using var request = NewRequest(url, "*/*");
            return await SendAsync(request, url, HttpCompletionOption.ResponseHeadersRead, cancellationToken);
        }, cancellationToken);
        try
        {
            if (!response.IsSuccessStatusCode) throw new IndexHttpException(url, (int)response.StatusCode, response.ReasonPhrase);
            var stream = await response.Content.ReadAsStreamAsync(cancellationToken);
            return new ResponseStream(stream, response);
        }
        catch
        {
            response.Dispose();
            throw;
        }
    }

    private static Response FromCache(HttpCache.Entry entry) =>
        new(entry.Body, entry.Header.ContentType, new Uri(entry.Header.FinalUrl), FromCache: true);

    private static void ApplyFreshness(CacheHeader header, HttpResponseMessage response)
    {
        var cacheControl = response.Headers.CacheControl;
        header.StoredAt = DateTimeOffset.UtcNow - (response.Headers.Age ?? TimeSpan.Zero);
        header.MaxAgeSeconds = cacheControl?.MaxAge is { } maxAge ? (long)maxAge.TotalSeconds : null;
        header.NoCache = cacheControl?.NoCache == true;
    }

    private HttpRequestMessage NewRequest(Uri url, string accept)
    {
        var request = new HttpRequestMessage(HttpMethod.Get, UrlRedaction.WithoutCredentials(url));
        request.Headers.Accept.ParseAdd(accept);
        if (CredentialsFor(url) is { } credentials)
            request.Headers.Authorization = new AuthenticationHeaderValue("Basic",
                Convert.ToBase64String(Encoding.UTF8.GetBytes(credentials)));
        return request;
    }

    /// <summary>"user:password" for <paramref name="url"/>: its own userinfo, a configured source's on the
    /// same origin, or the netrc entry for its host.</summary>
    private string? CredentialsFor(Uri url)
    {
        var userInfo = url.UserInfo.Length > 0 ? url.UserInfo
            : _userInfoByOrigin.TryGetValue(Origin(url), out var known) ? known : null;
        if (userInfo is not null)
        {
            var colon = userInfo.IndexOf(':');
            return colon < 0
                ? Uri.UnescapeDataString(userInfo) + ":"
                : Uri.UnescapeDataString(userInfo[..colon]) + ":" + Uri.UnescapeDataString(userInfo[(colon + 1)..]);
        }
        return _netrc.Value.For(url.Host) is { } entry ? $"{entry.Login}:{entry.Password}" : null;
    }

    private async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, Uri url, HttpCompletionOption completion, CancellationToken cancellationToken)
    {
        try
        {
            return await _client.SendAsync(request, completion, cancellationToken);
        }
        catch (HttpRequestException e)
        {
            throw new IndexUnreachableException(url, e.InnerException?.Message ?? e.Message, e);
        }
        catch (TaskCanceledException e) when (!cancellationToken.IsCancellationRequested)
        {
            throw new IndexUnreachableException(url, $"no answer within {_client.Timeout.TotalSeconds:0} seconds", e);
        }
    }

    private static string Origin(Uri url) => $"{url.Scheme}://{url.Host}:{url.Port}";

    public void Dispose() => _client.Dispose();

    /// <summary>The response body; disposing it releases the response (and its connection).</summary>
    private sealed class ResponseStream(Stream inner, HttpResponseMessage response) : Stream
    {
        public override int Read(byte[] buffer, int offset, int count) => inner.Read(buffer, offset, count);
        public override int Read(Span<byte> buffer) => inner.Read(buffer);
        public override ValueTask<int> ReadAsync(Memory<byte> buffer, CancellationToken cancellationToken = default) =>
            inner.ReadAsync(buffer, cancellationToken);
        public override Task<int> ReadAsync(byte[] buffer, int offset, int count, CancellationToken cancellationToken) =>
            inner.ReadAsync(buffer, offset, count, cancellationToken);

        protected override void Dispose(bool disposing)
        {
            if (disposing)
            {
                inner.Dispose();
                response.Dispose();
            }
            base.Dispose(disposing);
        }

        public override bool CanRead => true;
        public override bool CanSeek => false;
        public override bool CanWrite => false;
        public override long Length => response.Content.Headers.ContentLength ?? throw new NotSupportedException();
        public override long Position { get => throw new NotSupportedException(); set => throw new NotSupportedException(); }
        public override void Flush() { }
        public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();
        public override void SetLength(long value) => throw new NotSupportedException();
        public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();
    }
}
