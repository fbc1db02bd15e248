using Archive.Site.Assets;
using Archive.Tests.Support;
using System.Diagnostics;
using System.IO.Compression;
using System.Text;
using System.Text.RegularExpressions;

namespace Archive.Tests.Site;

/// <summary>
/// The theme's scripts as the site writes them: minified without changing what they do, and the search, trends and
/// report pages' entry scripts bundled with the modules they import.
/// </summary>
public class ScriptBundleTests(BuiltSite site) : IClassFixture<BuiltSite>
{
    private const string Node = "/usr/bin/node";
    private static readonly string Assets = Path.Combine(RepoPaths.Theme, "assets");
    private static readonly string[] Entries = ["search/app.js", "search/trends.js", "search/mark.js"];

    [Fact]
    public void Comment_markers_inside_strings_are_kept()
    {
        const string source = "const a = '// not a comment'; // a comment\nconst b = \"/* nor this */\" + 'it\\'s // still';\n";

        Assert.Equal("const a = '// not a comment';\nconst b = \"/* nor this */\" + 'it\\'s // still';\n", ScriptMinifier.Minify(source));
    }

    [Fact]
    public void Template_literals_are_kept_byte_for_byte_with_their_expressions()
    {
        const string template = "`first line // not a comment\n    indented ${ {a:1}.a } and ${`nested ${x /* kept */} `}\n  /* text */ ${ '}' } ${ /}`/.source }\n`";
        var source = $"  function f() {{\n    return {template};   // gone\n  }}\n";

        Assert.Equal($"function f() {{\nreturn {template};\n}}\n", ScriptMinifier.Minify(source));
    }

    [Theory]
    [InlineData("const r = /[/'\"`]+/g; // gone", "const r = /[/'\"`]+/g;")]
    [InlineData("const r = /\\/\\/  x/; const s = '//'", "const r = /\\/\\/  x/; const s = '//'")]
    [InlineData("x = /a  b/.test(s) /* gone */ && y", "x = /a  b/.test(s) && y")]
    [InlineData("return /a  b/", "return /a  b/")]
    [InlineData("if (typeof /a  b/ === 'object') f(/ +/)", "if (typeof /a  b/ === 'object') f(/ +/)")]
    [InlineData("const q = a /  b  / c; // note", "const q = a / b / c;")]
    [InlineData("const q = a++ /  b  / c", "const q = a++ / b / c")]
    [InlineData("const q = x.return /  b  / c", "const q = x.return / b / c")]
    [InlineData("const q = f(a) /  b  / c", "const q = f(a) / b / c")]
    public void Regex_literals_are_kept_and_divisions_are_code(string source, string minified) =>
        Assert.Equal(minified + "\n", ScriptMinifier.Minify(source));

    [Theory]
    [InlineData("a/* c */b", "a b\n")]
    [InlineData("f(a, /* c */ b)", "f(a, b)\n")]
    [InlineData("return /* a\n comment */ value", "return\nvalue\n")]
    [InlineData("  let a = b  \n\n\n    \t\n  let c = d\t\n", "let a = b\nlet c = d\n")]
    [InlineData("let i = 0\nlet j = i\n++\nj\nconst s = `a`\n[1].map(f)", "let i = 0\nlet j = i\n++\nj\nconst s = `a`\n[1].map(f)\n")]
    [InlineData("const s = 'line \\\n  continued'", "const s = 'line \\\n  continued'\n")]
    public void Comments_indentation_and_blank_lines_go_and_other_line_breaks_stay(string source, string minified) =>
        Assert.Equal(minified, ScriptMinifier.Minify(source));

    [Fact]
    public void Minifying_twice_changes_nothing_more()
    {
        foreach (var file in ThemeScripts())
        {
            var once = ScriptMinifier.Minify(File.ReadAllText(file));
            Assert.Equal(once, ScriptMinifier.Minify(once));
        }
    }

    [Fact]
    public void Every_theme_script_parses_before_and_after_minifying_and_its_functions_answer_the_same()
    {
        using var temp = new TempFolder();
        foreach (var file in ThemeScripts())
        {
            var relative = Path.GetRelativePath(Assets, file);
            var minified = temp.Write(Path.Combine("minified", relative), ScriptMinifier.Minify(File.ReadAllText(file)));
            Assert.True(ScriptMinifier.Minify(File.ReadAllText(file)).Length < new FileInfo(file).Length, relative);
            AssertParses(temp.Write(Path.Combine("original", relative), File.ReadAllBytes(file)));
            AssertParses(minified);
        }

        // The pure functions, whose regexes and templates minifying could break, on inputs that reach them.
        var compare = temp.Write("compare.mjs", """
            globalThis.document = { getElementById: () => null, querySelector: () => null };
            globalThis.location = { search: '' };
            const answers = async folder => {
              const load = name => import(new URL(`${folder}/${name}`, import.meta.url));
              const [query, normalize, exporting, trends] = await Promise.all(['search/query.js', 'search/normalize.js', 'search/export.js', 'search/trends.js'].map(load));
              await Promise.all(['search/app.js', 'search/mark.js', 'cite.js'].map(load));
              return JSON.stringify([
                ['"双随机 一公开" OR 环保 -污染', 'ＡＢＣ　ｄｅｆ', 'a OR b OR -c', '－减 “引号” x\ty'].map(q => query.parseQuery(q)),
                normalize.normalize('Ｈｅｌｌｏ，世界！ 123 𠀀x'),
                ['=1+2', 'a,b', 'say "hi"', 'plain'].map(exporting.cell),
                exporting.fileName('a/b:c*d?"e"<f>|g h', 'csv'),
                trends.parseTerms('环保, 污染；"大气"  水、 环保'),
              ]);
            };
            const [original, minified] = [await answers('original'), await answers('minified')];
            if (original !== minified) { console.error(`original ${original}\nminified ${minified}`); process.exit(1); }
            console.log(original);
            """);
        var (code, output) = RunNode(compare);

        Assert.True(code == 0, output);
        Assert.Contains("双随机", output);
    }

    [Fact]
    public void The_search_trends_and_report_scripts_are_bundled_and_run_without_their_modules()
    {
        using var temp = new TempFolder();
        foreach (var entry in Entries)
        {
            var bundle = ModuleBundler.Bundle(Assets, Path.Combine(Assets, entry));
            Assert.Null(bundle.NotBundledBecause);
            Assert.DoesNotMatch(new Regex(@"^\s*import\s[^\n]*from\s*['""]\.", RegexOptions.Multiline), bundle.Text);
            // Alone in its folder: a module it still imported would not be found.
            AssertParses(temp.Write(Path.Combine("bundles", entry), bundle.Text));
        }

        var run = temp.Write("run.mjs", """
            globalThis.document = { getElementById: () => null, querySelector: () => null };
            globalThis.location = { search: '?q=x' };
            const bundled = await import('./bundles/search/trends.js');
            await import('./bundles/search/app.js');
            await import('./bundles/search/mark.js');
            console.log(JSON.stringify(bundled.parseTerms('环保，污染 大气')));
            """);
        var (code, output) = RunNode(run);

        Assert.True(code == 0, output);
        Assert.Equal("""["环保","污染","大气"]""", output.Trim());
    }

    [Fact]
    public void The_site_writes_each_script_at_its_own_path_bundled_and_minified()
    {
        // The pages' entries bundled; the modules they import minified only.
        var imported = ModuleBundler.ImportedModules(Assets);
        Assert.Contains(Path.GetFullPath(Path.Combine(Assets, "search", "engine.js")), imported);
        Assert.DoesNotContain(Path.GetFullPath(Path.Combine(Assets, "search", "app.js")), imported);
        foreach (var file in ThemeScripts())
        {
            var relative = Path.GetRelativePath(Assets, file).Replace('\\', '/');
            var expected = imported.Contains(Path.GetFullPath(file)) ? ScriptMinifier.Minify(File.ReadAllText(file)) : ModuleBundler.Bundle(Assets, file).Text;
            Assert.Equal(expected, site.Read("assets/" + relative));
        }

        Assert.Contains("const __archive_module_1 = ", site.Read("assets/search/app.js"));
        Assert.Equal(File.ReadAllBytes(Path.Combine(Assets, "style.css")), File.ReadAllBytes(Path.Combine(site.Output, "assets", "style.css")));
    }

    [Fact]
    public void The_search_page_bundle_defines_each_module_it_imports_once()
    {
        var text = ModuleBundler.Bundle(Assets, Path.Combine(Assets, "search/app.js")).Text;
        var defined = Regex.Matches(text, @"^const (__archive_module_\d+) = ", RegexOptions.Multiline).Select(m => m.Groups[1].Value).ToList();

        Assert.Equal(ImportedFrom("search/app.js").Count, defined.Count);
        Assert.Equal(defined.Count, defined.Distinct().Count());
    }

    [Fact]
    public void The_search_page_scripts_cost_far_fewer_compressed_bytes_bundled()
    {
        var sources = ImportedFrom("search/app.js").Append(Path.GetFullPath(Path.Combine(Assets, "search/app.js"))).ToList();
        var separately = sources.Sum(file => Brotli(File.ReadAllBytes(file)));
        var bundle = ModuleBundler.Bundle(Assets, Path.Combine(Assets, "search/app.js"));
        var bundled = Brotli(Encoding.UTF8.GetBytes(bundle.Text));

        // Measured when written (brotli 11): 15 files, 29,801 bytes separately and 16,498 bundled, 0.55. Comments
        // are a large share of our scripts, and each small file compresses poorly on its own. Minified but not bundled
        // they cost 19,622 (0.66); 0.6 leaves room for the scripts to change. (16 files since decode.js left index.js.)
        Assert.Null(bundle.NotBundledBecause);
        Assert.Equal(16, sources.Count);
        Assert.True(bundled < 0.6 * separately, $"bundled {bundled} bytes, separately {separately}");
    }

    [Theory]
    [InlineData("import x from './lib.js';\nconsole.log(x);", "export default 1;", "a default import")]
    [InlineData("import { one } from './lib.js';\nconsole.log(one);", "const one = 1;\nexport default one;\nexport { one };", "an export other than")]
    [InlineData("import * as lib from './lib.js';\nconsole.log(lib.one);", "export const one = 1;", "a namespace import")]
    [InlineData("import { one as two } from './lib.js';\nconsole.log(two);", "export const one = 1;", "renamed with 'as'")]
    [InlineData("import './lib.js';\nconsole.log(1);", "export const one = 1;", "side effects only")]
    [InlineData("import { one } from './lib.js';\nconsole.log(one);", "export let one = 1;", "an export other than")]
    [InlineData("import { one } from './lib.js';\nconsole.log(one);", "import { two } from './main.js';\nexport const one = 1;", "in a cycle")]
    [InlineData("import { one } from './missing.js';\nconsole.log(one);", "export const one = 1;", "not a file of")]
    [InlineData("import { one } from 'lib';\nconsole.log(one);", "export const one = 1;", "not a plain relative path")]
    [InlineData("import { one } from './sub/lib.js';\nconsole.log(one);", "export const one = new URL('x', import.meta.url).href;", "import.meta")]
    public void A_script_the_bundler_cannot_read_is_written_minified_and_unbundled(string main, string lib, string reason)
    {
        using var temp = new TempFolder();
        var entry = temp.Write("assets/main.js", "// The entry.\n" + main + "\n");
        temp.Write("assets/lib.js", "  " + lib + "\n");
        temp.Write("assets/sub/lib.js", lib + "\n");

        var bundle = ModuleBundler.Bundle(temp.Combine("assets"), entry);

        Assert.Contains(reason, bundle.NotBundledBecause ?? "");
        Assert.Equal(ScriptMinifier.Minify(File.ReadAllText(entry)), bundle.Text);
        AssertParses(temp.Write("out/main.js", bundle.Text));
    }

    [Fact]
    public void An_unbundled_script_still_runs_with_its_modules_written_beside_it()
    {
        using var temp = new TempFolder();
        temp.Write("assets/main.js", "import greet, { name } from './lib.js';\nconsole.log(greet(name));\n");
        temp.Write("assets/lib.js", "export const name = 'world';\nexport default function greet(who) {\n  return `hello ${who}`; // greets\n}\n");

        var (code, output) = RunNode(WriteAsTheSiteDoes(temp, "main.js", "lib.js"));

        Assert.True(code == 0, output);
        Assert.Equal("hello world", output.Trim());
    }

    [Fact]
    public void An_unbundled_script_shares_one_copy_of_each_module_with_the_modules_it_imports()
    {
        // main.js cannot be bundled (a namespace import); engine.js, which it imports, must not carry its own state.js.
        using var temp = new TempFolder();
        temp.Write("assets/main.js", "import * as engine from './engine.js';\nimport { state } from './state.js';\nengine.bump();\nconsole.log(state.count);\n");
        temp.Write("assets/engine.js", "import { state } from './state.js';\nexport function bump() {\n  state.count++;\n}\n");
        temp.Write("assets/state.js", "export const state = { count: 0 };\n");

        var (code, output) = RunNode(WriteAsTheSiteDoes(temp, "main.js", "engine.js", "state.js"));

        Assert.True(code == 0, output);
        Assert.Equal("1", output.Trim());
    }

    [Fact]
    public void A_bundle_inlines_shared_and_nested_modules_once_in_the_order_they_run()
    {
        using var temp = new TempFolder();
        temp.Write("assets/main.js", "import { shout } from './text/shout.js';\nimport { log } from './log.js';\nlog('main');\nconsole.log(shout(import.meta.url.endsWith('main.js') ? 'same address' : 'other'));\n");
        temp.Write("assets/log.js", "export const lines = [];\nexport function log(line) {\n  lines.push(line);\n  console.log(line);\n}\n");
        temp.Write("assets/text/shout.js", "import { log } from '../log.js';\nlog('shout');\nconst suffix = await Promise.resolve('!');\nexport async function ignored() {}\nexport class Loud {}\nexport function shout(text) {\n  return `${text.toUpperCase()}${suffix}`;\n}\n");

        var output = WriteAsTheSiteDoes(temp, "main.js", "log.js", "text/shout.js");
        File.Delete(temp.Combine("out", "log.js"));
        File.Delete(temp.Combine("out", "text", "shout.js"));
        var (code, text) = RunNode(output);

        Assert.True(code == 0, text);
        Assert.Equal("shout\nmain\nSAME ADDRESS!", text.Trim());
        Assert.Equal(2, Regex.Matches(File.ReadAllText(output), "^const __archive_module_", RegexOptions.Multiline).Count);
    }

    [Fact]
    public void A_script_without_imports_is_only_minified()
    {
        using var temp = new TempFolder();
        var file = temp.Write("assets/plain.js", "// Plain.\nexport default function f() {\n  return 1;\n}\n");

        var bundle = ModuleBundler.Bundle(temp.Combine("assets"), file);

        Assert.Null(bundle.NotBundledBecause);
        Assert.Equal("export default function f() {\nreturn 1;\n}\n", bundle.Text);
    }

    private static IEnumerable<string> ThemeScripts() => Directory.EnumerateFiles(Assets, "*.js", SearchOption.AllDirectories).Order(StringComparer.Ordinal);

    // Every module an entry imports, and those imports, by full path; read from the sources with a pattern of our own.
    private static HashSet<string> ImportedFrom(string entry)
    {
        var found = new HashSet<string>(StringComparer.Ordinal);
        var pending = new Stack<string>([Path.GetFullPath(Path.Combine(Assets, entry))]);
        while (pending.TryPop(out var file))
        {
            foreach (Match match in Regex.Matches(File.ReadAllText(file), @"^import [^;]* from '(\./[^']+)';$", RegexOptions.Multiline))
            {
                var imported = Path.GetFullPath(Path.Combine(Path.GetDirectoryName(file)!, match.Groups[1].Value));
                if (found.Add(imported))
                {
                    pending.Push(imported);
                }
            }
        }

        return found;
    }

    // Writes the scripts of temp/assets to temp/out as CopyAssets does (in a folder Node treats as modules); the entry's path.
    private static string WriteAsTheSiteDoes(TempFolder temp, string entry, params string[] others)
    {
        temp.Write("out/package.json", """{ "type": "module" }""");
        var imported = ModuleBundler.ImportedModules(temp.Combine("assets"));
        foreach (var file in others.Prepend(entry))
        {
            var source = temp.Combine("assets", file);
            temp.Write(Path.Combine("out", file), imported.Contains(Path.GetFullPath(source)) ? ScriptMinifier.Minify(File.ReadAllText(source)) : ModuleBundler.Bundle(temp.Combine("assets"), source).Text);
        }

        return temp.Combine("out", entry);
    }

    private static void AssertParses(string file)
    {
        // The nearest package.json tells Node that .js files there are ES modules.
        var folder = Path.GetDirectoryName(file)!;
        File.WriteAllText(Path.Combine(folder, "package.json"), """{ "type": "module" }""");
        var (code, output) = RunNode("--check", file);
        Assert.True(code == 0, $"{file} does not parse: {output}");
    }

    private static (int Code, string Output) RunNode(params string[] arguments)
    {
        var start = new ProcessStartInfo(Node) { RedirectStandardError = true, RedirectStandardOutput = true };
        foreach (var argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }

        using var process = Process.Start(start) ?? throw new InvalidOperationException($"could not start {Node}");
        var errors = process.StandardError.ReadToEndAsync();
        var output = process.StandardOutput.ReadToEnd();
        if (!process.WaitForExit(TimeSpan.FromMinutes(1)))
        {
            process.Kill(entireProcessTree: true);
            throw new TimeoutException($"node {string.Join(' ', arguments)} did not finish within a minute");
        }

        return (process.ExitCode, output + errors.Result);
    }

    private static int Brotli(byte[] bytes)
    {
        var compressed = new byte[BrotliEncoder.GetMaxCompressedLength(bytes.Length)];
        Assert.True(BrotliEncoder.TryCompress(bytes, compressed, out var written, quality: 11, window: 22));
        return written;
    }
}
