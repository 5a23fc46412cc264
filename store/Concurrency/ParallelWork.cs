using System.Runtime.ExceptionServices;

namespace EnvTool.Store.Concurrency;

/// <summary>
/// Runs independent pieces of work on every core and, when one fails, rethrows that failure itself
/// (with its own stack trace) rather than an AggregateException: callers catch the store's typed
/// exceptions, and the user sees the one message that names the bad input.
/// </summary>
public static class ParallelWork
{
    public static void ForEach<T>(IEnumerable<T> items, Action<T> work, CancellationToken ct = default)
    {
        try
        {
            Parallel.ForEach(items, new ParallelOptions { MaxDegreeOfParallelism = Environment.ProcessorCount, CancellationToken = ct }, work);
        }
        catch (AggregateException e) when (e.InnerExceptions.Count > 0)
        {
            ExceptionDispatchInfo.Throw(e.InnerExceptions[0]);
        }
    }
}
