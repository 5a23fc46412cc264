using System.Diagnostics;
using System.Globalization;
using System.Text;
using EnvTool.Python;
using EnvTool.Store.Errors;

namespace EnvTool.Environments.Bytecode;

/// <summary>
/// Compiles Python sources with the target interpreter itself, so the bytecode matches its magic
/// number exactly: one worker process per core, each fed a batch of files on stdin. The .pyc files
/// are unchecked-hash based (PEP 552): a read-only tree never changes its sources, so Python need
/// not stat them, and nothing in a .pyc depends on where the tree lives. Files that do not compile
/// (Python 2 syntax in test data, templates named .py) are skipped, as pip skips them.
/// </summary>
internal static class BytecodeCompiler
{
    // Jobs arrive as NUL-terminated fields (paths cannot hold NUL); the reply is the count compiled.
    private const string Worker = """
        import os, sys, py_compile
        mode = py_compile.PycInvalidationMode.UNCHECKED_HASH
        fields = sys.stdin.buffer.read().split(b'\0')
        done = 0
        for i in range(0, len(fields) - 2, 3):
            source, output, display = (os.fsdecode(f) for f in fields[i:i + 3])
            try:
                py_compile.compile(source, cfile=output, dfile=display, doraise=True, invalidation_mode=mode)
                done += 1
            except Exception:
                pass
        sys.stdout.write('%d\n' % done)
        """;

    /// <summary>Hash-based .pyc files exist since Python 3.7.</summary>
    internal static bool Supports(InterpreterInfo python) =>
        python.CacheTag is not null && (python.Major > 3 || python.Minor >= 7);

    /// <summary>Compiles every job; returns how many compiled.</summary>
    internal static int Compile(InterpreterInfo python, IReadOnlyList<CompileJob> jobs, CancellationToken ct)
    {
        if (jobs.Count == 0) return 0;
        var workers = Math.Max(1, Math.Min(Environment.ProcessorCount, (jobs.Count + 63) / 64));
        var batches = Enumerable.Range(0, workers).Select(w => jobs.Where((_, i) => i % workers == w).ToList()).ToList();
        var processes = new List<Process>();
        try
        {
            foreach (var batch in batches) processes.Add(Start(python, batch));
            using var kill = ct.Register(() =>
            {
                foreach (var p in processes) TryKill(p);
            });
            var counts = processes.Select(p => (Process: p, Stdout: p.StandardOutput.ReadToEndAsync(), Stderr: p.StandardError.ReadToEndAsync())).ToList();
            var total = 0;
            foreach (var (p, stdout, stderr) in counts)
            {
                p.WaitForExit();
                ct.ThrowIfCancellationRequested();
                if (p.ExitCode != 0 || !int.TryParse(stdout.Result.Trim(), NumberStyles.None, CultureInfo.InvariantCulture, out var n))
                    throw new EnvToolException($"compiling bytecode with {python.Executable} failed (exit {p.ExitCode}): {LastLine(stderr.Result)}",
                        "pass --no-compile to skip bytecode");
                total += n;
            }
            return total;
        }
        finally
        {
            foreach (var p in processes)
            {
                TryKill(p);
                p.Dispose();
            }
        }
    }

    private static Process Start(InterpreterInfo python, List<CompileJob> batch)
    {
        var psi = new ProcessStartInfo(python.RealExecutable)
        {
            RedirectStandardInput = true,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (var arg in new[] { "-I", "-W", "ignore", "-c", Worker }) psi.ArgumentList.Add(arg);
        var process = Process.Start(psi) ?? throw new EnvToolException($"cannot run {python.RealExecutable}");
        var input = new StringBuilder();
        foreach (var job in batch) input.Append(job.Source).Append('\0').Append(job.Output).Append('\0').Append(job.DisplayPath).Append('\0');
        var bytes = new UTF8Encoding(false).GetBytes(input.ToString());
        // Written in the background: a worker may fill its stdout pipe before reading all of stdin.
        _ = Task.Run(() =>
        {
            try
            {
                process.StandardInput.BaseStream.Write(bytes);
                process.StandardInput.Close();
            }
            catch (IOException)
            {
                // The worker died; its exit code tells.
            }
        });
        return process;
    }

    private static void TryKill(Process p)
    {
        try
        {
            if (!p.HasExited) p.Kill();
        }
        catch (InvalidOperationException)
        {
        }
    }

    private static string LastLine(string text) =>
        text.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).LastOrDefault() ?? "no error output";
}
