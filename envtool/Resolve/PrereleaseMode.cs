namespace EnvTool.Resolve;

/// <summary>When pre-release versions (a, b, rc, dev) may be chosen, named as uv names the modes.</summary>
public enum PrereleaseMode
{
    /// <summary>
    /// The default (uv's <c>if-necessary-or-explicit</c>): a package's pre-releases are candidates when
    /// one of your requirements or constraints on that package names a pre-release (<c>a&gt;=2.0b1</c>),
    /// or when the package has no final release at all. A dependency's own specifier naming a
    /// pre-release does not count: only you opt in.
    /// </summary>
    IfNecessaryOrExplicit,
    /// <summary>Pre-releases are candidates everywhere (<c>--pre</c>, uv's <c>allow</c>).</summary>
    Allow,
    /// <summary>Pre-releases are never candidates.</summary>
    Disallow,
}
