namespace EnvTool.Environments.Activation;

/// <summary>
/// The activation scripts every tree carries. None of them names a path: a tree is shared by every
/// environment with the same content, so each script finds its environment from its own location
/// (and the environment path is a symlink to the tree, so that location is the user's path, not the
/// store's). The texts are therefore identical in every tree.
/// </summary>
public static class ActivationScripts
{
    public static IReadOnlyList<ActivationScript> All { get; } =
    [
        new("activate", "bash, zsh, sh", PosixActivation.Content),
        new("activate.fish", "fish", FishActivation.Content),
        new("activate.csh", "csh, tcsh", CshActivation.Content),
        new("activate.nu", "nushell", NushellActivation.Content),
        new("Activate.ps1", "PowerShell", PowerShellActivation.Content),
    ];

    /// <summary>What `--help` and the README say about shells that cannot find their own script.</summary>
    public const string Limitations =
        "POSIX sh (dash) and non-interactive csh cannot tell a sourced script its own path: in sh run " +
        "`VIRTUAL_ENV=/abs/env . /abs/env/bin/activate`; in a csh script run " +
        "`source ENV/bin/activate.csh ENV`. bash, zsh, fish, nushell, PowerShell and interactive " +
        "csh/tcsh need nothing extra.";
}
