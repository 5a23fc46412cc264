using System.Diagnostics;
using EnvTool.Store.Native;

namespace EnvTool.Tests.Support;

/// <summary>
/// A real FUSE mount of a directory: a passthrough file system in Python (Debian's python3-fusepy),
/// run for the test. The kernel reports it as FUSE, which envtool treats as a network file system
/// (sshfs is one), and it keeps a removed file that is still open under a hidden name until it is
/// closed, as NFS does. With <c>refuseLocks</c> every flock(2) fails with ENOLCK, as on an NFS
/// server without a lock manager; otherwise flocks are real, taken on the backing files.
/// </summary>
public sealed class FuseMount : IDisposable
{
    private const long FuseMagic = 0x65735546;

    // fusepy's fuse_operations stops at ioctl; libfuse 2.9 goes on with poll, write_buf, read_buf and
    // flock. With flock set, the kernel sends flock(2) to this process instead of keeping it local.
    private const string Script = """
        import ctypes, errno, fcntl, os, sys
        import fusepy

        class Operations(ctypes.Structure):
            _fields_ = fusepy.fuse_operations._fields_ + [
                ('poll', ctypes.c_void_p), ('write_buf', ctypes.c_void_p), ('read_buf', ctypes.c_void_p),
                ('flock', ctypes.CFUNCTYPE(ctypes.c_int, ctypes.c_char_p, ctypes.POINTER(fusepy.fuse_file_info), ctypes.c_int)),
            ]
        fusepy.fuse_operations = Operations

        class Fuse(fusepy.FUSE):
            def flock(self, path, fip, op):
                return self.operations('flock', None, fip.contents.fh, op)

        class Passthrough(fusepy.Operations):
            def __init__(self, root, refuse_locks):
                self.root = root
                self.refuse_locks = refuse_locks
            def _p(self, path): return self.root + path
            def access(self, path, mode):
                if not os.access(self._p(path), mode): raise fusepy.FuseOSError(errno.EACCES)
            def chmod(self, path, mode): os.chmod(self._p(path), mode)
            def chown(self, path, uid, gid): os.lchown(self._p(path), uid, gid)
            def getattr(self, path, fh=None):
                st = os.lstat(self._p(path))
                return {k: getattr(st, k) for k in ('st_atime', 'st_ctime', 'st_gid', 'st_mode', 'st_mtime', 'st_nlink', 'st_size', 'st_uid', 'st_ino')}
            def readdir(self, path, fh): return ['.', '..'] + os.listdir(self._p(path))
            def readlink(self, path): return os.readlink(self._p(path))
            def mkdir(self, path, mode): os.mkdir(self._p(path), mode)
            def rmdir(self, path): os.rmdir(self._p(path))
            def unlink(self, path): os.unlink(self._p(path))
            def symlink(self, target, source): os.symlink(source, self._p(target))
            def link(self, target, source): os.link(self._p(source), self._p(target))
            def rename(self, old, new): os.rename(self._p(old), self._p(new))
            def utimens(self, path, times=None): os.utime(self._p(path), times, follow_symlinks=False)
            def truncate(self, path, length, fh=None):
                if fh is not None: os.ftruncate(fh, length)
                else: os.truncate(self._p(path), length)
            def statfs(self, path):
                st = os.statvfs(self._p(path))
                return {k: getattr(st, k) for k in ('f_bavail', 'f_bfree', 'f_blocks', 'f_bsize', 'f_favail', 'f_ffree', 'f_files', 'f_flag', 'f_frsize', 'f_namemax')}
            def open(self, path, flags): return os.open(self._p(path), flags)
            def create(self, path, mode, fi=None): return os.open(self._p(path), os.O_WRONLY | os.O_CREAT | os.O_TRUNC, mode)
            def read(self, path, size, offset, fh): return os.pread(fh, size, offset)
            def write(self, path, data, offset, fh): return os.pwrite(fh, data, offset)
            def flush(self, path, fh): pass
            def release(self, path, fh): os.close(fh)
            def fsync(self, path, datasync, fh): os.fsync(fh)
            def flock(self, path, fh, op):
                if self.refuse_locks: raise fusepy.FuseOSError(errno.ENOLCK)
                fcntl.flock(fh, op)

        backing, mountpoint, mode = sys.argv[1:4]
        Fuse(Passthrough(backing, mode == 'refuse-locks'), mountpoint, foreground=True, nothreads=True, default_permissions=True, use_ino=True)
        """;

    private readonly Process _process;

    private FuseMount(string path, Process process)
    {
        Path = path;
        _process = process;
    }

    /// <summary>Where the file system is mounted.</summary>
    public string Path { get; }

    /// <summary>Mounts <paramref name="backing"/> at <paramref name="mountPoint"/> (both existing directories), or skips the test saying why it cannot.</summary>
    public static FuseMount Mount(string backing, string mountPoint, bool refuseLocks)
    {
        Skip.IfNot(CurrentUser.Id == 0, "mounting a FUSE file system needs root");
        Skip.IfNot(File.Exists("/dev/fuse"), "no /dev/fuse on this machine");
        Skip.IfNot(File.Exists("/usr/bin/python3"), "needs Debian's python3 with python3-fusepy");
        using (var probe = Process.Start(new ProcessStartInfo("/usr/bin/python3", ["-c", "import fusepy"]) { RedirectStandardError = true })!)
        {
            probe.WaitForExit();
            Skip.IfNot(probe.ExitCode == 0, "python3-fusepy is not installed (apt-get install python3-fusepy)");
        }
        var script = System.IO.Path.Combine(System.IO.Path.GetDirectoryName(backing)!, "passthrough-fuse.py");
        File.WriteAllText(script, Script);
        var psi = new ProcessStartInfo("/usr/bin/python3", [script, backing, mountPoint, refuseLocks ? "refuse-locks" : "locks"])
        {
            RedirectStandardError = true,
            RedirectStandardOutput = true,
        };
        var process = Process.Start(psi)!;
        var stderr = process.StandardError.ReadToEndAsync();
        _ = process.StandardOutput.ReadToEndAsync();
        // The mount appears once the file system has answered the kernel's INIT.
        var waited = Stopwatch.StartNew();
        while (FileSystemKind.TypeOf(mountPoint) != FuseMagic)
        {
            if (process.HasExited)
            {
                process.Dispose();
                Skip.If(true, "a FUSE file system cannot be mounted here: " + stderr.Result.Trim());
            }
            if (waited.Elapsed > TimeSpan.FromMinutes(1))
            {
                process.Kill();
                process.Dispose();
                throw new TimeoutException("the FUSE file system did not mount within a minute");
            }
            Thread.Sleep(20);
        }
        return new FuseMount(mountPoint, process);
    }

    public void Dispose()
    {
        using (var umount = Process.Start("umount", ["--lazy", Path]))
            umount.WaitForExit();
        if (!_process.WaitForExit(TimeSpan.FromSeconds(30))) _process.Kill();
        _process.Dispose();
    }
}
