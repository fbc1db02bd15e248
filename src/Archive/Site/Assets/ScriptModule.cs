namespace Archive.Site.Assets;

/// <summary>A static import the bundler can inline: <c>import { a, b } from './x.js';</c> on a line of its own.</summary>
/// <param name="Start">Where its line starts.</param>
/// <param name="End">Where the next line starts (or the source ends).</param>
internal sealed record ModuleImport(int Start, int End, IReadOnlyList<string> Names, string Specifier);

/// <summary>An exported declaration (<c>export function f</c>): the bundler removes [Start, End), "export ".</summary>
internal sealed record ModuleExport(int Start, int End, string Name);

/// <summary>
/// What bundling needs to know of an ES module: its static imports, its exports, and whether it uses its own address
/// (import.meta, or import() of a specifier resolved against it). Only the forms our scripts use are read; any other
/// import or export throws <see cref="NotBundledException"/>.
/// </summary>
internal sealed class ScriptModule
{
    private readonly string _source;
    private readonly List<ScriptToken> _tokens;
    private readonly List<ModuleImport> _imports = [];
    private readonly List<ModuleExport> _exports = [];

    private ScriptModule(string source)
    {
        _source = source;
        _tokens = [.. ScriptLexer.Tokens(source).Where(t => t.Kind is not (ScriptTokenKind.Space or ScriptTokenKind.Comment))];
    }

    public string Source => _source;

    public IReadOnlyList<ModuleImport> Imports => _imports;

    public IReadOnlyList<ModuleExport> Exports => _exports;

    public bool UsesOwnAddress { get; private set; }

    /// <summary>
    /// Reads a module's imports, and its exports when <paramref name="readExports"/> (an entry's exports stay as they
    /// are, so any form will do); <paramref name="name"/> names it in what is thrown.
    /// </summary>
    public static ScriptModule Read(string source, string name, bool readExports)
    {
        var module = new ScriptModule(source);
        module.ReadStatements(name, readExports);
        return module;
    }

    private void ReadStatements(string name, bool readExports)
    {
        var depth = 0;
        for (var i = 0; i < _tokens.Count; i++)
        {
            var token = _tokens[i];
            if (token.Is(_source, "{"))
            {
                depth++;
            }
            else if (token.Is(_source, "}"))
            {
                depth--;
            }
            else if (token.Kind == ScriptTokenKind.Word && !Significant(i, -1).Is(_source, "."))
            {
                if (token.Is(_source, "import"))
                {
                    ReadImport(i, depth, name);
                }
                else if (token.Is(_source, "export") && depth == 0 && readExports)
                {
                    _exports.Add(ReadExport(i, name));
                }
            }
        }
    }

    private void ReadImport(int at, int depth, string name)
    {
        var next = Significant(at, 1);
        if (next.Is(_source, ".") || next.Is(_source, "("))
        {
            UsesOwnAddress = true;
            return;
        }

        if (depth > 0)
        {
            // A name (a method called import in an object); a static import cannot be here.
            return;
        }

        var where = $"{name}: ";
        if (next.Is(_source, "*"))
        {
            throw new NotBundledException(where + "a namespace import (import * as)");
        }

        if (next.Kind == ScriptTokenKind.Literal)
        {
            throw new NotBundledException(where + "an import for side effects only (import 'x')");
        }

        if (!next.Is(_source, "{"))
        {
            throw new NotBundledException(where + "a default import (import x from)");
        }

        var names = new List<string>();
        var i = IndexOf(next) + 1;
        for (; i < _tokens.Count && !_tokens[i].Is(_source, "}"); i++)
        {
            var token = _tokens[i];
            if (token.Kind == ScriptTokenKind.Word && token.Is(_source, "as"))
            {
                throw new NotBundledException(where + "an import renamed with 'as'");
            }

            if (token.Kind == ScriptTokenKind.Word)
            {
                names.Add(token.Text(_source));
            }
            else if (!token.Is(_source, ",") && token.Kind != ScriptTokenKind.LineBreak)
            {
                throw new NotBundledException(where + "an import it cannot read");
            }
        }

        var from = Significant(i, 1);
        var specifier = Significant(IndexOf(from), 1);
        if (!from.Is(_source, "from") || specifier.Kind != ScriptTokenKind.Literal || _source[specifier.Start] is not ('\'' or '"'))
        {
            throw new NotBundledException(where + "an import it cannot read");
        }

        // On a line of its own, so that taking the line out joins no two statements.
        var last = IndexOf(specifier);
        if (last + 1 < _tokens.Count && _tokens[last + 1].Is(_source, ";"))
        {
            last++;
        }

        var lineStarts = at == 0 || _tokens[at - 1].Kind == ScriptTokenKind.LineBreak;
        var lineEnds = last + 1 == _tokens.Count || _tokens[last + 1].Kind == ScriptTokenKind.LineBreak;
        if (!lineStarts || !lineEnds)
        {
            throw new NotBundledException(where + "an import that shares its line with other code");
        }

        var start = at == 0 ? 0 : _tokens[at - 1].End;
        var end = last + 1 == _tokens.Count ? _source.Length : _tokens[last + 1].End;
        _imports.Add(new ModuleImport(start, end, names, _source[(specifier.Start + 1)..(specifier.End - 1)]));
    }

    private ModuleExport ReadExport(int at, string name)
    {
        var next = Significant(at, 1);
        var declaration = Significant(IndexOf(next), 1);
        if (next.Is(_source, "async") && declaration.Is(_source, "function"))
        {
            declaration = Significant(IndexOf(declaration), 1);
        }
        else if (!next.Is(_source, "function") && !next.Is(_source, "const") && !next.Is(_source, "class"))
        {
            throw new NotBundledException($"{name}: an export other than export function, async function, const or class ({next.Text(_source)})");
        }

        if (declaration.Kind != ScriptTokenKind.Word)
        {
            throw new NotBundledException($"{name}: an export whose name it cannot read ({declaration.Text(_source)})");
        }

        return new ModuleExport(_tokens[at].Start, next.Start, declaration.Text(_source));
    }

    // The token `step` significant tokens (line breaks skipped) away from the one at `index`, or an empty one.
    private ScriptToken Significant(int index, int step)
    {
        for (var i = index + step; i >= 0 && i < _tokens.Count; i += step)
        {
            if (_tokens[i].Kind is not (ScriptTokenKind.LineBreak or ScriptTokenKind.LineBreakingComment))
            {
                return _tokens[i];
            }
        }

        return new ScriptToken(ScriptTokenKind.Space, _source.Length, _source.Length);
    }

    private int IndexOf(ScriptToken token) => _tokens.BinarySearch(token, Comparer<ScriptToken>.Create((a, b) => a.Start.CompareTo(b.Start)));
}
