namespace EnvTool.Environments.Activation;

/// <summary>
/// bin/activate.csh for csh and tcsh. csh gives a sourced file no way to learn its own path; in an
/// interactive shell the history holds the `source` line, so that is read; a script passes the
/// environment path as an argument.
/// </summary>
internal static class CshActivation
{
    public const string Content = """
        # Activate an envtool environment in csh/tcsh:
        #     source .venv/bin/activate.csh            (interactive shell)
        #     source .venv/bin/activate.csh .venv      (in a script: name the environment)
        # `deactivate` undoes everything. Change the environment with `envtool install`, not pip.

        alias deactivate 'test $?_OLD_VIRTUAL_PATH != 0 && setenv PATH "$_OLD_VIRTUAL_PATH:q" && unset _OLD_VIRTUAL_PATH; test $?_OLD_VIRTUAL_PROMPT != 0 && set prompt="$_OLD_VIRTUAL_PROMPT:q" && unset _OLD_VIRTUAL_PROMPT; unsetenv VIRTUAL_ENV; unsetenv VIRTUAL_ENV_PROMPT; rehash; test "\!:*" != "nondestructive" && unalias deactivate'

        deactivate nondestructive

        set _envtool_env = ""
        if ($#argv > 0) then
            set _envtool_env = "$argv[1]"
        else
            set _envtool_line = (`history -h 1`)
            if ($#_envtool_line >= 2) then
                if ("$_envtool_line[2]:t" == "activate.csh") set _envtool_env = "$_envtool_line[2]:h:h"
            endif
            unset _envtool_line
        endif

        if ("$_envtool_env" == "") then
            echo "activate.csh: cannot find this environment's path; run: source ENV/bin/activate.csh ENV"
            unset _envtool_env
            unalias deactivate
        else
            if ("$_envtool_env" !~ /*) set _envtool_env = "$cwd/$_envtool_env"
            setenv VIRTUAL_ENV "$_envtool_env"
            unset _envtool_env
            setenv VIRTUAL_ENV_PROMPT "$VIRTUAL_ENV:t"
            set _OLD_VIRTUAL_PATH = "$PATH"
            setenv PATH "$VIRTUAL_ENV/bin:$PATH"
            if (! $?VIRTUAL_ENV_DISABLE_PROMPT && $?prompt) then
                set _OLD_VIRTUAL_PROMPT = "$prompt"
                set prompt = "($VIRTUAL_ENV_PROMPT) $prompt"
            endif
            rehash
        endif
        """;
}
