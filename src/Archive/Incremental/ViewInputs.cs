using System.Text.Encodings.Web;
using System.Text.Json;
using Archive.Core;
using Archive.Corpus;
using Archive.Site;

namespace Archive.Incremental;

/// <summary>
/// Inputs digests (<see cref="ReusingOutput.Write(string, ContentHash, Func{ContentHash}, Func{byte[]})"/>) for the site's
/// files: cheap digests that let a rebuild keep a page without making its view to digest it. They start from one digest
/// of everything the views are made from except the reports' texts: the settings, the input folder, the bureaus and
/// every report's metadata (<see cref="ReportCache.MetadataDigest"/>: all but its text and its file's hash), in corpus
/// order, with the theme and the program.
/// Only the files that show a report's text (its own page, the next year's page that compares with it, its bureau's
/// page with the charts of its figures, its year's open data) add the hash of the report's file. So one report's text
/// changing leaves every other page's inputs digest as it was, and any other change (a title, a date, a
/// bureau, a report added or removed) changes all of them: then every page is digested from its view, as without this.
/// What other reports' texts decide of a file without it showing them (the text a report shares with other bureaus':
/// <see cref="MadeFrom.Across"/>) is added to that file's digest alone.
/// </summary>
public sealed class ViewInputs
{
    private static readonly JsonSerializerOptions Json = new() { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    private readonly ContentHash _model;

    /// <param name="savedSearches">What the saved searches found: their feeds depend on report texts, so whenever a
    /// report starts or stops matching one, no file is kept on this cheap digest alone.</param>
    public ViewInputs(Corpus.Corpus corpus, Theme theme, IReadOnlyList<SavedSearchResult>? savedSearches = null)
    {
        // One loop, not one on every core: with a cache the digests were made when the reports were read (a build
        // without one digests them here), and a rebuild makes these inputs while the searches across reports run, whose
        // work a parallel loop would wait behind for thread-pool threads (1.5 s at 50,000 reports).
        var reports = corpus.Reports.Select(ReportCache.MetadataDigest).ToArray();
        using var digest = new DigestBuilder("view inputs");
        digest.Add(theme.Fingerprint)
            .Add(ContentHash.Of(JsonSerializer.SerializeToUtf8Bytes(corpus.Settings, Json)))
            .Add(corpus.InputDirectory)
            .Add(ContentHash.Of(JsonSerializer.SerializeToUtf8Bytes(corpus.Bureaus, Json)))
            // The rest of input/ that pages show: deadlines.yml (every page with a deadline) and watch.yml.
            .Add(ContentHash.Of(JsonSerializer.SerializeToUtf8Bytes(corpus.Deadlines.All, Json)))
            .Add(ContentHash.Of(JsonSerializer.SerializeToUtf8Bytes(corpus.SavedSearches, Json)))
            .Add(reports.Length);
        foreach (var result in savedSearches ?? [])
        {
            // Which reports match (shown in the feeds and counted on the search page), not their hit counts, which no
            // page shows: a text edit that changes a count alone keeps every page on this digest.
            digest.Add(result.Search.Id).Add(result.Matches.Count);
            foreach (var (report, _) in result.Matches)
            {
                digest.Add(report.Id);
            }
        }

        foreach (var report in reports)
        {
            digest.Add(report);
        }

        _model = digest.Finish();
    }

    /// <summary>The inputs digest of a file that shows no report's text; <paramref name="across"/>: <see cref="MadeFrom.Across"/>.</summary>
    public ContentHash Of(string path, ContentHash across = default) => Digest(path, [], across);

    /// <summary>
    /// The inputs digest of a file that shows the texts of <paramref name="reports"/>; none (digest by the view) when one of
    /// them was not read from a file, whose text has no hash.
    /// </summary>
    public ContentHash Showing(string path, IEnumerable<Report> reports, ContentHash across = default)
    {
        var hashes = reports.Select(r => r.SourceHash).ToList();
        return hashes.Any(h => h.Length == 0) ? default : Digest(path, hashes, across);
    }

    private ContentHash Digest(string path, List<string> sourceHashes, ContentHash across)
    {
        using var digest = new DigestBuilder("file inputs");
        digest.Add(_model).Add(path).Add(across).Add(sourceHashes.Count);
        foreach (var hash in sourceHashes)
        {
            digest.Add(hash);
        }

        return digest.Finish();
    }
}
