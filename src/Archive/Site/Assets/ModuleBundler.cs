using System.Text;

namespace Archive.Site.Assets;

/// <summary>A script as written to the site: minified, and bundled unless <see cref="NotBundledBecause"/> says why not.</summary>
public sealed record ScriptBundle(string Text, string? NotBundledBecause);

/// <summary>
/// Makes an ES module self-contained, so that a page fetches one script instead of a chain of imports: each module it
/// imports, and theirs, is inlined once, in the order the browser would run them, as
/// <c>const __archive_module_N = await (async () => { … return { exports }; })();</c>, and each import becomes a
/// destructuring of one of those. The wrapper is async so that top-level await in a module still works. A script that
/// uses anything else (see <see cref="ScriptModule"/>) is only minified: the browser loads its imports as before.
/// </summary>
public static partial class ModuleBundler
{
    // The names the bundle gives inlined modules; a script that already uses one is not bundled.
    private const string ModulePrefix = "__archive_module_";

    /// <summary>The script at <paramref name="entryFile"/>, with the modules it imports from <paramref name="assetsDirectory"/> inlined.</summary>
    public static ScriptBundle Bundle(string assetsDirectory, string entryFile)
    {
        var minified = ScriptMinifier.Minify(File.ReadAllText(entryFile));
        try
        {
            return new ScriptBundle(new Inliner(assetsDirectory, entryFile).Bundle(minified), null);
        }
        catch (NotBundledException e)
        {
            return new ScriptBundle(minified, e.Message);
        }
    }

    /// <summary>
    /// The scripts of <paramref name="assetsDirectory"/> that another script imports, in any form (by full path). Only
    /// the others, the pages' entries, are bundled: were an imported module bundled too, an entry that could not be
    /// bundled would load two copies of a module both import (engine.js with its own texts.js, and texts.js), and
    /// module state would be split between them.
    /// </summary>
    public static IReadOnlySet<string> ImportedModules(string assetsDirectory)
    {
        var imported = new HashSet<string>(StringComparer.Ordinal);
        foreach (var file in Directory.EnumerateFiles(assetsDirectory, "*.js", SearchOption.AllDirectories))
        {
            foreach (System.Text.RegularExpressions.Match specifier in Specifiers().Matches(File.ReadAllText(file)))
            {
                imported.Add(Path.GetFullPath(Path.Combine(Path.GetDirectoryName(file)!, specifier.Groups[1].Value)));
            }
        }

        return imported;
    }

    // A relative module specifier after "from", "import" or "import(": over-matching (in a comment, say) only leaves a
    // script unbundled, which still works.
    [System.Text.RegularExpressions.GeneratedRegex(@"(?:\bfrom|\bimport)\s*\(?\s*['""](\.{1,2}/[^'""]+)['""]")]
    private static partial System.Text.RegularExpressions.Regex Specifiers();

    // One bundle in the making: the modules inlined so far, by full path, and those whose imports are being inlined.
    private sealed class Inliner(string assetsDirectory, string entryFile)
    {
        private readonly string _root = Path.TrimEndingDirectorySeparator(Path.GetFullPath(assetsDirectory)) + Path.DirectorySeparatorChar;
        private readonly string _entry = Path.GetFullPath(entryFile);
        private readonly Dictionary<string, (int Number, ScriptModule Module)> _inlined = new(StringComparer.Ordinal);
        private readonly HashSet<string> _reading = new(StringComparer.Ordinal);
        private readonly StringBuilder _bundle = new();

        public string Bundle(string minifiedEntry)
        {
            // The entry's own exports and uses of its address stay as they are: it is still the module the page loads.
            var entry = Read(minifiedEntry, _entry, readExports: false);
            if (entry.Imports.Count == 0)
            {
                return minifiedEntry;
            }

            _reading.Add(_entry);
            var imports = Destructure(entry, _entry);
            return _bundle.Append(imports).Append(Body(entry, removeExports: false)).ToString();
        }

        // Inlines a module after the modules it imports (depth first, as the browser evaluates them); its number.
        private int Inline(string file)
        {
            if (_inlined.TryGetValue(file, out var inlined))
            {
                return inlined.Number;
            }

            if (!_reading.Add(file))
            {
                throw new NotBundledException($"{Name(file)} is imported in a cycle");
            }

            var module = Read(ScriptMinifier.Minify(File.ReadAllText(file)), file, readExports: true);
            // import.meta.url and import('./x.js') would mean the bundle's address, not the module's.
            if (module.UsesOwnAddress && Path.GetDirectoryName(file) != Path.GetDirectoryName(_entry))
            {
                throw new NotBundledException($"{Name(file)} uses import.meta or import() from another folder than {Name(_entry)}");
            }

            var imports = Destructure(module, file);
            var number = _inlined.Count + 1;
            _inlined[file] = (number, module);
            _reading.Remove(file);
            _bundle.Append($"const {ModulePrefix}{number} = await (async () => {{\n")
                .Append(imports)
                .Append(Body(module, removeExports: true))
                .Append("return { ").AppendJoin(", ", module.Exports.Select(e => e.Name)).Append(" };\n})();\n");
            return number;
        }

        // The module's imports as destructurings of the modules they name, which are inlined first. Put before the
        // module's body, since imports are bound before any of a module's code runs.
        private string Destructure(ScriptModule module, string file)
        {
            var lines = new StringBuilder();
            foreach (var import in module.Imports)
            {
                var imported = Resolve(file, import.Specifier);
                var number = Inline(imported);
                var exported = _inlined[imported].Module.Exports.Select(e => e.Name).ToHashSet(StringComparer.Ordinal);
                if (import.Names.FirstOrDefault(n => !exported.Contains(n)) is { } missing)
                {
                    throw new NotBundledException($"{Name(file)} imports {missing}, which {Name(imported)} does not export as a function, class or const");
                }

                lines.Append("const { ").AppendJoin(", ", import.Names).Append($" }} = {ModulePrefix}{number};\n");
            }

            return lines.ToString();
        }

        private ScriptModule Read(string minified, string file, bool readExports)
        {
            if (minified.Contains(ModulePrefix, StringComparison.Ordinal))
            {
                throw new NotBundledException($"{Name(file)} uses the name {ModulePrefix}, which the bundle gives modules");
            }

            return ScriptModule.Read(minified, Name(file), readExports);
        }

        // The file a relative specifier names, which must be a script of the assets folder.
        private string Resolve(string importer, string specifier)
        {
            if (!(specifier.StartsWith("./", StringComparison.Ordinal) || specifier.StartsWith("../", StringComparison.Ordinal)) || specifier.IndexOfAny(['?', '#', '%', '\\']) >= 0)
            {
                throw new NotBundledException($"{Name(importer)} imports '{specifier}', which is not a plain relative path");
            }

            var file = Path.GetFullPath(Path.Combine(Path.GetDirectoryName(importer)!, specifier));
            if (!file.StartsWith(_root, StringComparison.Ordinal) || !File.Exists(file))
            {
                throw new NotBundledException($"{Name(importer)} imports '{specifier}', which is not a file of {_root}");
            }

            return file;
        }

        // The module's code without its imports, and without the "export " of its declarations when it is inlined.
        private static string Body(ScriptModule module, bool removeExports)
        {
            var cuts = module.Imports.Select(i => (i.Start, i.End))
                .Concat(removeExports ? module.Exports.Select(e => (e.Start, e.End)) : [])
                .OrderBy(cut => cut.Start);
            var body = new StringBuilder(module.Source.Length);
            var at = 0;
            foreach (var (start, end) in cuts)
            {
                body.Append(module.Source, at, start - at);
                at = end;
            }

            return body.Append(module.Source, at, module.Source.Length - at).ToString();
        }

        private string Name(string file) => Path.GetRelativePath(_root, file).Replace('\\', '/');
    }
}
