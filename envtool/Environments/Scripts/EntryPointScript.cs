using System.Text.RegularExpressions;
using EnvTool.Store.Errors;

namespace EnvTool.Environments.Scripts;

/// <summary>
/// A console or GUI entry point (<c>name = module:attr.path [extras]</c>) rendered as a relocatable
/// script, behaving like the wrappers pip generates (same <c>sys.argv[0]</c> clean-up, same exit code).
/// </summary>
public static partial class EntryPointScript
{
    [GeneratedRegex(@"^(?<module>[\w.]+)\s*(:\s*(?<attr>[\w.]+))?\s*(\[[^\]]*\])?\s*$")]
    private static partial Regex ObjectReference();

    [GeneratedRegex(@"^[^\s/\\]+$")]
    private static partial Regex ScriptName();

    /// <exception cref="EnvToolException">The name or object reference is not valid.</exception>
    public static string Render(string distribution, string name, string objectReference)
    {
        if (!ScriptName().IsMatch(name) || name is "." or "..")
            throw new EnvToolException($"invalid entry point name '{name}' in {distribution}: script names may not contain '/' or spaces");
        var m = ObjectReference().Match(objectReference);
        if (!m.Success || !m.Groups["attr"].Success)
            throw new EnvToolException($"invalid entry point '{name} = {objectReference}' in {distribution}: expected 'module:function'");
        var module = m.Groups["module"].Value;
        var attr = m.Groups["attr"].Value;
        var head = attr.Split('.')[0];
        var call = attr;
        return RelocatableLauncher.Header() +
               "# -*- coding: utf-8 -*-\n" +
               "import re\n" +
               "import sys\n" +
               $"from {module} import {head}\n" +
               "if __name__ == \"__main__\":\n" +
               "    sys.argv[0] = re.sub(r\"(-script\\.pyw|\\.exe)?$\", \"\", sys.argv[0])\n" +
               $"    sys.exit({call}())\n";
    }
}
