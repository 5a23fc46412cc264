using System.Runtime.InteropServices;
using System.Text;

namespace EnvTool.Cli;

/// <summary>
/// Standard output and error, when they go to a pipe or a file, written with write(2) straight to
/// their descriptors. .NET's console streams write the same way, but their first write also sets the
/// process up for an interactive terminal (a signal-handling thread, a pipe, terminal modes), which
/// costs a command whose output is redirected 0.1 ms: 6% of a NativeAOT hello world, paired over
/// 300 rounds. On a terminal the console stays as it is (Spectre.Console, colour, progress).
/// Like the console, a reader that went away (EPIPE, as in <c>envtool list | head -1</c>) is not an
/// error: what is left to write is dropped; a closed descriptor is not one either.
/// </summary>
internal static partial class RedirectedOutput
{
    private const int StdoutDescriptor = 1;
    private const int StderrDescriptor = 2;

    /// <summary>Swaps the console's writers for descriptor writers where the stream is redirected.</summary>
    internal static void Install()
    {
        OccupyClosedStandardDescriptors();
        if (Console.IsOutputRedirected) Console.SetOut(Writer(StdoutDescriptor));
        if (Console.IsErrorRedirected) Console.SetError(Writer(StderrDescriptor));
    }

    /// <summary>
    /// A standard descriptor the caller closed (<c>envtool ... &gt;&amp;-</c>) would otherwise go to
    /// the next file this process opens, and output meant for the terminal would be written into it
    /// (a cache file, a download). /dev/null takes its place, as OpenSSH and SQLite do for theirs.
    /// </summary>
    private static void OccupyClosedStandardDescriptors()
    {
        for (var descriptor = 0; descriptor <= StderrDescriptor; descriptor++)
            if (DescriptorFlags(descriptor, GetDescriptorFlags) < 0 && Marshal.GetLastPInvokeError() == Ebadf)
                OpenNullDevice("/dev/null", ReadWrite); // the lowest free descriptor: this one
    }

    private static StreamWriter Writer(int descriptor)
    {
        // The console's encoding (from LANG), without the byte-order mark a stream would start with.
        var encoding = Console.OutputEncoding;
        if (encoding.CodePage == Encoding.UTF8.CodePage) encoding = new UTF8Encoding(encoderShouldEmitUTF8Identifier: false);
        return new StreamWriter(new DescriptorStream(descriptor), encoding, bufferSize: 4096, leaveOpen: true) { AutoFlush = true };
    }

    /// <summary>A write-only stream over a descriptor the process does not own (never closed).</summary>
    private sealed class DescriptorStream(int descriptor) : Stream
    {
        private bool _readerGone;

        public override bool CanRead => false;
        public override bool CanSeek => false;
        public override bool CanWrite => true;
        public override long Length => throw new NotSupportedException();
        public override long Position { get => throw new NotSupportedException(); set => throw new NotSupportedException(); }

        public override void Write(byte[] buffer, int offset, int count) => Write(buffer.AsSpan(offset, count));

        public override unsafe void Write(ReadOnlySpan<byte> buffer)
        {
            fixed (byte* start = buffer)
            {
                var written = 0;
                while (written < buffer.Length && !_readerGone)
                {
                    var n = WriteDescriptor(descriptor, start + written, (nuint)(buffer.Length - written));
                    if (n >= 0)
                    {
                        written += (int)n;
                        continue;
                    }
                    var errno = Marshal.GetLastPInvokeError();
                    if (errno == Eintr) continue;
                    if (errno == Eagain) WaitWritable(descriptor); // a non-blocking descriptor: wait until it takes more
                    else if (errno is Epipe or Ebadf) _readerGone = true;
                    else throw new IOException($"cannot write to descriptor {descriptor}: {Marshal.GetPInvokeErrorMessage(errno)}", errno);
                }
            }
        }

        public override void Flush() { }
        public override int Read(byte[] buffer, int offset, int count) => throw new NotSupportedException();
        public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();
        public override void SetLength(long value) => throw new NotSupportedException();
    }

    private const int GetDescriptorFlags = 1; // F_GETFD
    private const int ReadWrite = 2; // O_RDWR
    private const int Eintr = 4;
    private const int Ebadf = 9;
    private const int Eagain = 11;
    private const int Epipe = 32;
    private const short PollOut = 0x4;

    private static unsafe void WaitWritable(int descriptor)
    {
        var request = new PollRequest { Descriptor = descriptor, Events = PollOut };
        PollDescriptors(&request, 1, -1); // the result does not matter: the next write says what happened
    }

    [StructLayout(LayoutKind.Sequential)]
    private struct PollRequest
    {
        public int Descriptor;
        public short Events;
        public short Returned;
    }

    // fcntl(2) and open(2) are variadic in C; on Linux (x86-64 and AArch64) these arguments travel like fixed ones.
    [LibraryImport("libc", EntryPoint = "fcntl", SetLastError = true)]
    private static partial int DescriptorFlags(int descriptor, int command);

    [LibraryImport("libc", EntryPoint = "open", SetLastError = true, StringMarshalling = StringMarshalling.Utf8)]
    private static partial int OpenNullDevice(string path, int flags);

    [LibraryImport("libc", EntryPoint = "write", SetLastError = true)]
    private static unsafe partial nint WriteDescriptor(int descriptor, byte* buffer, nuint count);

    [LibraryImport("libc", EntryPoint = "poll", SetLastError = true)]
    private static unsafe partial int PollDescriptors(PollRequest* requests, nuint count, int timeoutMs);
}
