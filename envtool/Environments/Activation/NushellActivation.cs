namespace EnvTool.Environments.Activation;

/// <summary>bin/activate.nu: a nushell overlay; hiding it restores the environment variables.</summary>
internal static class NushellActivation
{
    public const string Content = """
        # Activate an envtool environment in nushell:  overlay use .venv/bin/activate.nu
        # `deactivate` (or `overlay hide activate`) undoes it. Change the environment with
        # `envtool install`, not pip.

        export-env {
            # CURRENT_FILE is the path as used, not resolved: the user's environment path.
            let venv = ($env.CURRENT_FILE | path dirname | path dirname)
            let bin = ($venv | path join "bin")
            let path_name = (if (($env | columns) | any {|c| $c == "PATH" }) { "PATH" } else { "Path" })
            let old_path = ($env | get $path_name)
            let new_path = (if (($old_path | describe) | str starts-with "list") { $old_path | prepend $bin } else { $"($bin):($old_path)" })
            let name = ($venv | path basename)
            load-env {
                VIRTUAL_ENV: $venv
                VIRTUAL_ENV_PROMPT: $name
                $path_name: $new_path
            }
            if (($env.VIRTUAL_ENV_DISABLE_PROMPT? | default "") == "") {
                let old_prompt = ($env.PROMPT_COMMAND? | default "")
                $env.PROMPT_COMMAND = {||
                    let rest = (if (($old_prompt | describe) == "closure") { do $old_prompt } else { $old_prompt })
                    $"\(($name)\) ($rest)"
                }
            }
            hide-env -i PYTHONHOME
        }

        export alias deactivate = overlay hide activate
        """;
}
