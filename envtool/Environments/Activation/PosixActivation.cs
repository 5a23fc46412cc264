namespace EnvTool.Environments.Activation;

/// <summary>bin/activate for bash, zsh and POSIX sh. Variable names match the standard library's venv
/// (<c>_OLD_VIRTUAL_PATH</c>...) so prompts and tools that know venvs keep working.</summary>
internal static class PosixActivation
{
    public const string Content = """
        # Activate an envtool environment. Source it from bash or zsh, do not run it:
        #     source .venv/bin/activate
        # The environment is found from this file's own location. POSIX sh cannot report that, so
        # in sh name it:  VIRTUAL_ENV=/abs/path/.venv . /abs/path/.venv/bin/activate
        # `deactivate` undoes everything. The environment is read-only: change it with
        # `envtool install` / `envtool remove`, not pip.

        deactivate () {
            if [ -n "${_OLD_VIRTUAL_PATH+set}" ]; then
                PATH="$_OLD_VIRTUAL_PATH"
                export PATH
                unset _OLD_VIRTUAL_PATH
            fi
            if [ -n "${_OLD_VIRTUAL_PYTHONHOME+set}" ]; then
                PYTHONHOME="$_OLD_VIRTUAL_PYTHONHOME"
                export PYTHONHOME
                unset _OLD_VIRTUAL_PYTHONHOME
            fi
            if [ -n "${_OLD_VIRTUAL_PS1+set}" ]; then
                PS1="$_OLD_VIRTUAL_PS1"
                export PS1
                unset _OLD_VIRTUAL_PS1
            fi
            unset VIRTUAL_ENV VIRTUAL_ENV_PROMPT
            hash -r 2>/dev/null
            if [ "${1-}" != "nondestructive" ]; then
                unset -f deactivate
            fi
        }

        _envtool_preset="${VIRTUAL_ENV-}"
        deactivate nondestructive

        if [ -n "${BASH_VERSION-}" ]; then
            eval '_envtool_self="${BASH_SOURCE[0]}"'
        elif [ -n "${ZSH_VERSION-}" ]; then
            eval '_envtool_self="${(%):-%x}"'
        elif [ -n "$_envtool_preset" ]; then
            _envtool_self="$_envtool_preset/bin/activate"
        else
            _envtool_self=""
        fi
        unset _envtool_preset

        case "$_envtool_self" in
            */*) ;;
            activate) _envtool_self="./activate" ;;
            *)
                echo "activate: cannot find this environment's path in this shell;" \
                     "run: VIRTUAL_ENV=/abs/path/to/env . /abs/path/to/env/bin/activate" >&2
                unset _envtool_self
                unset -f deactivate
                return 1 2>/dev/null || exit 1
                ;;
        esac

        # `pwd` is logical: it keeps the environment's own path, not the store tree it points at.
        VIRTUAL_ENV="$(CDPATH= cd -- "$(dirname -- "$_envtool_self")/.." && pwd)"
        export VIRTUAL_ENV
        unset _envtool_self
        VIRTUAL_ENV_PROMPT="$(basename -- "$VIRTUAL_ENV")"
        export VIRTUAL_ENV_PROMPT

        _OLD_VIRTUAL_PATH="$PATH"
        PATH="$VIRTUAL_ENV/bin:$PATH"
        export PATH

        if [ -n "${PYTHONHOME+set}" ]; then
            _OLD_VIRTUAL_PYTHONHOME="$PYTHONHOME"
            unset PYTHONHOME
        fi

        if [ -z "${VIRTUAL_ENV_DISABLE_PROMPT-}" ]; then
            _OLD_VIRTUAL_PS1="${PS1-}"
            PS1="($VIRTUAL_ENV_PROMPT) ${PS1-}"
            export PS1
        fi

        hash -r 2>/dev/null
        """;
}
