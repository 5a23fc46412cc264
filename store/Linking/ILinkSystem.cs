namespace EnvTool.Store.Linking;

/// <summary>
/// The one place the store creates hard links. The real implementation is <see cref="PosixLinkSystem"/>;
/// tests substitute one that injects EMLINK/EXDEV/EPERM to exercise the fallbacks.
/// </summary>
public interface ILinkSystem
{
    /// <summary>Creates <paramref name="newPath"/> as another name for <paramref name="existing"/>.</summary>
    LinkStatus Link(string existing, string newPath);
}
