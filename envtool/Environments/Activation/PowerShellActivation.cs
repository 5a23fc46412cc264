namespace EnvTool.Environments.Activation;

/// <summary>bin/Activate.ps1. Not exercised by the test suite: no PowerShell can be installed on the
/// machines this project is built on (see README).</summary>
internal static class PowerShellActivation
{
    public const string Content = """
        # Activate an envtool environment in PowerShell:  . .venv/bin/Activate.ps1
        # `deactivate` undoes everything. Change the environment with `envtool install`, not pip.

        function global:deactivate ([switch] $NonDestructive) {
            if (Test-Path variable:_OLD_VIRTUAL_PATH) {
                $env:PATH = $_OLD_VIRTUAL_PATH
                Remove-Variable -Name _OLD_VIRTUAL_PATH -Scope Global
            }
            if (Test-Path variable:_OLD_VIRTUAL_PYTHONHOME) {
                $env:PYTHONHOME = $_OLD_VIRTUAL_PYTHONHOME
                Remove-Variable -Name _OLD_VIRTUAL_PYTHONHOME -Scope Global
            }
            if (Test-Path function:_envtool_old_prompt) {
                Copy-Item -Path function:_envtool_old_prompt -Destination function:prompt
                Remove-Item -Path function:_envtool_old_prompt
            }
            if (Test-Path env:VIRTUAL_ENV) { Remove-Item -Path env:VIRTUAL_ENV }
            if (Test-Path env:VIRTUAL_ENV_PROMPT) { Remove-Item -Path env:VIRTUAL_ENV_PROMPT }
            if (-not $NonDestructive) { Remove-Item -Path function:deactivate }
        }

        deactivate -NonDestructive

        # $PSScriptRoot is the folder as invoked (the user's environment path), not the store tree.
        $env:VIRTUAL_ENV = Split-Path -Parent $PSScriptRoot
        $env:VIRTUAL_ENV_PROMPT = Split-Path -Leaf $env:VIRTUAL_ENV
        $global:_OLD_VIRTUAL_PATH = $env:PATH
        $env:PATH = (Join-Path $env:VIRTUAL_ENV "bin") + [System.IO.Path]::PathSeparator + $env:PATH
        if (Test-Path env:PYTHONHOME) {
            $global:_OLD_VIRTUAL_PYTHONHOME = $env:PYTHONHOME
            Remove-Item -Path env:PYTHONHOME
        }
        if (-not $env:VIRTUAL_ENV_DISABLE_PROMPT) {
            Copy-Item -Path function:prompt -Destination function:_envtool_old_prompt
            function global:prompt {
                Write-Host -NoNewline "($env:VIRTUAL_ENV_PROMPT) "
                _envtool_old_prompt
            }
        }
        """;
}
