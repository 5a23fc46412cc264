using System.Text;
using EnvTool.Environments.Activation;
using EnvTool.Python;

namespace EnvTool.Environments.Trees;

/// <summary>
/// What <c>python -m venv --without-pip</c> of the same interpreter lays out on Linux, minus any
/// path of the environment itself: <c>pyvenv.cfg</c> (with envtool's read-only note and no
/// <c>command</c> line, which would name the environment), the <c>bin/python*</c> links, the
/// activation scripts, <c>lib/pythonX.Y/site-packages</c>, <c>include</c> and <c>lib64 -> lib</c>.
/// </summary>
internal static class VenvSkeleton
{
    internal const string Owner = "the environment";

    internal static void AddTo(TreePlan plan, InterpreterInfo python)
    {
        plan.Add("pyvenv.cfg", new TreeSource.Generated(PyvenvCfg(python), Executable: false), Owner);

        // venv: python -> python3 -> the base interpreter, and python3.X -> python3 since 3.9. We
        // point at the real executable, which the tree's key names, not at whichever alias was asked.
        plan.Add("bin/python", new TreeSource.Symlink("python3"), Owner);
        plan.Add("bin/python3", new TreeSource.Symlink(python.RealExecutable), Owner);
        if (python.Major > 3 || python.Minor >= 9)
            plan.Add($"bin/python{python.ShortVersion}", new TreeSource.Symlink("python3"), Owner);
        foreach (var script in ActivationScripts.All)
            plan.Add("bin/" + script.FileName, new TreeSource.Generated(Encoding.UTF8.GetBytes(script.Content), Executable: false), Owner);

        plan.AddDirectory(python.SitePackagesRelative, Owner);
        plan.AddDirectory("include", Owner);
        if (python.IncludeRelative != "include") plan.AddDirectory(python.IncludeRelative, Owner);
        // venv adds lib64 on 64-bit POSIX (not macOS), where some tools look for lib64/pythonX.Y.
        if (python.PointerBits == 64 && !python.SysconfigPlatform.StartsWith("macosx", StringComparison.Ordinal))
            plan.Add("lib64", new TreeSource.Symlink("lib"), Owner);
        // venv writes a .gitignore ignoring everything since 3.13.
        if (python.Major > 3 || python.Minor >= 13)
            plan.Add(".gitignore", new TreeSource.Generated("# Created by venv; see https://docs.python.org/3/library/venv.html\n*\n"u8.ToArray(), Executable: false), Owner);
    }

    /// <summary>
    /// venv's keys (home, include-system-site-packages, version, executable) plus envtool's own.
    /// site.py and getpath read only <c>key = value</c> lines, so the note (no '=' in it) is ignored.
    /// </summary>
    internal static byte[] PyvenvCfg(InterpreterInfo python) => Encoding.UTF8.GetBytes(
        "# This environment is read-only: envtool built it in its store and shares it. Change it with\n" +
        "# `envtool install --env PATH PACKAGE` or `envtool remove --env PATH PACKAGE`, not with pip.\n" +
        $"home = {python.Home}\n" +
        "include-system-site-packages = false\n" +
        $"version = {python.FullVersion}\n" +
        $"executable = {python.RealExecutable}\n" +
        $"envtool = {EnvToolVersion.Current}\n");
}
