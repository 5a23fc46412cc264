namespace EnvTool.Index.Http;

/// <summary>
/// Retries an idempotent read when the connection failed under it (reset, refused for a moment,
/// closed mid-body: simple servers such as `python -m http.server` close kept-alive connections
/// that a pooled client then reuses). Anything else, and the last failure, propagates unchanged.
/// </summary>
public static class TransientRetry
{
    private static readonly TimeSpan[] Delays = [TimeSpan.FromMilliseconds(50), TimeSpan.FromMilliseconds(250), TimeSpan.FromSeconds(1)];

    public static async Task<T> RunAsync<T>(Func<Task<T>> attempt, CancellationToken cancellationToken)
    {
        for (var i = 0; ; i++)
        {
            try
            {
                return await attempt();
            }
            catch (Exception e) when (i < Delays.Length && IsTransient(e) && !cancellationToken.IsCancellationRequested)
            {
                await Task.Delay(Delays[i], cancellationToken);
            }
        }
    }

    private static bool IsTransient(Exception e) => e switch
    {
        HttpRequestException { StatusCode: null } => true,
        IOException => true,
        Errors.IndexUnreachableException { InnerException: { } inner } => IsTransient(inner),
        _ => false,
    };
}
