namespace Archive.Site.Assets;

/// <summary>
/// Why a script cannot be bundled: it uses a form of import or export the bundler does not read, or a module it
/// imports cannot be inlined. The script is then written on its own, and the browser loads its imports.
/// </summary>
internal sealed class NotBundledException(string reason) : Exception(reason);
