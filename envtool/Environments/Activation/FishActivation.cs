namespace EnvTool.Environments.Activation;

/// <summary>bin/activate.fish (fish 3.5 or newer, for <c>path normalize</c>).</summary>
internal static class FishActivation
{
    public const string Content = """
        # Activate an envtool environment in fish:  source .venv/bin/activate.fish
        # `deactivate` undoes everything. Change the environment with `envtool install`, not pip.

        function deactivate -d "Leave the envtool environment"
            if set -q _OLD_VIRTUAL_PATH
                set -gx PATH $_OLD_VIRTUAL_PATH
                set -e _OLD_VIRTUAL_PATH
            end
            if set -q _OLD_VIRTUAL_PYTHONHOME
                set -gx PYTHONHOME $_OLD_VIRTUAL_PYTHONHOME
                set -e _OLD_VIRTUAL_PYTHONHOME
            end
            if set -q _OLD_FISH_PROMPT_OVERRIDE
                set -e _OLD_FISH_PROMPT_OVERRIDE
                if functions -q _envtool_old_fish_prompt
                    functions -e fish_prompt
                    functions -c _envtool_old_fish_prompt fish_prompt
                    functions -e _envtool_old_fish_prompt
                end
            end
            set -e VIRTUAL_ENV
            set -e VIRTUAL_ENV_PROMPT
            if test "$argv[1]" != nondestructive
                functions -e deactivate
            end
        end

        deactivate nondestructive

        # The file as it was sourced (not resolved), so VIRTUAL_ENV is the user's path, not the store's.
        set -l _envtool_self (status filename)
        if not string match -q -- '/*' $_envtool_self
            set _envtool_self $PWD/$_envtool_self
        end
        set -gx VIRTUAL_ENV (path normalize -- (path dirname -- (path dirname -- $_envtool_self)))
        set -gx VIRTUAL_ENV_PROMPT (path basename -- $VIRTUAL_ENV)

        set -gx _OLD_VIRTUAL_PATH $PATH
        set -gx PATH "$VIRTUAL_ENV/bin" $PATH

        if set -q PYTHONHOME
            set -gx _OLD_VIRTUAL_PYTHONHOME $PYTHONHOME
            set -e PYTHONHOME
        end

        if test -z "$VIRTUAL_ENV_DISABLE_PROMPT"
            functions -c fish_prompt _envtool_old_fish_prompt
            function fish_prompt
                set -l old_status $status
                printf "(%s) " $VIRTUAL_ENV_PROMPT
                echo "exit $old_status" | .
                _envtool_old_fish_prompt
            end
            set -gx _OLD_FISH_PROMPT_OVERRIDE "$VIRTUAL_ENV"
        end
        """;
}
