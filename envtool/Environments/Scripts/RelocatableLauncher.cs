namespace EnvTool.Environments.Scripts;

/// <summary>
/// The first lines of every script in a tree's <c>bin/</c>: valid as sh and as Python at once.
/// sh runs the environment's own <c>bin/python</c> found next to the script (by the path it was
/// called with, so <c>sys.prefix</c> is the user's environment path; through the real file when
/// the script itself was symlinked elsewhere); Python then reads the same file and sees only a string.
/// A shebang naming an absolute interpreter, as pip writes, would tie the tree to one path.
/// </summary>
public static class RelocatableLauncher
{
    /// <param name="interpreterArgs">Arguments a <c>#!python -X</c> line passed to the interpreter, or empty.</param>
    public static string Header(string interpreterArgs = "")
    {
        var args = string.IsNullOrWhiteSpace(interpreterArgs) ? "" : " " + interpreterArgs.Trim();
        return "#!/bin/sh\n" +
               "'''true'\n" +
               "here=$(dirname -- \"$0\")\n" +
               "[ -x \"$here/python\" ] || here=$(dirname -- \"$(readlink -f -- \"$0\")\")\n" +
               $"exec \"$here/python\"{args} \"$0\" \"$@\"\n" +
               "'''\n";
    }
}
