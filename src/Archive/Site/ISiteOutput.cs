using Archive.Core;
using Archive.Corpus;

namespace Archive.Site;

/// <summary>
/// Where the site's producers hand their files. A producer says what a file is made from (<see cref="MadeFrom"/>) and
/// how to make it; the writer behind this decides whether it must be made at all (Incremental.SiteOutput keeps what
/// the last build made from the same things) and does the writing.
/// </summary>
public interface ISiteOutput
{
    /// <summary>A file made already (a 404 page, the sitemap): written, or kept when its bytes are the last build's.</summary>
    void Write(string relativePath, byte[] bytes);

    /// <summary>A file copied from the input or the theme.</summary>
    void Copy(string sourceFile, string relativePath);

    /// <summary>
    /// A report's original file, whose bytes have the SHA-256 its report records (the input's reader checked it): a
    /// writer that remembers what it copied may keep the last build's copy without reading the file at all.
    /// </summary>
    void CopyOriginal(string sourceFile, string relativePath, string sha256) => Copy(sourceFile, relativePath);

    /// <summary>A file declared with what it is made from; <paramref name="make"/> is called only when it must be made.</summary>
    void Write(string relativePath, MadeFrom madeFrom, Func<ShownTexts, byte[]> make);

    /// <summary>
    /// A file made of lines, each with the digest of what it is made from (a year of open data): when the last build's
    /// file is still there, <paramref name="make"/> gets it with its lines' digests, to copy the lines that did not
    /// change instead of making them again.
    /// </summary>
    void WriteLines(string relativePath, MadeFrom madeFrom, Func<ShownTexts, EarlierLines?, LinesFile> make);
}

/// <summary>
/// What a file of the site is made from: <see cref="Shows"/>, the reports whose text it shows or shows what is read
/// from it (a report's own page and the next year's comparing with it, its bureau's page with its figures' charts, its
/// year's open data), and <see cref="Digest"/>, a digest of everything else it is made from
/// (a page's view, a feed's entries), which changes whenever the file would.
/// </summary>
public sealed record MadeFrom(IReadOnlyList<Report> Shows, Func<ShownTexts, ContentHash> Digest)
{
    /// <summary>
    /// A digest of what the file shows that other reports' texts decide without the file showing them: the text a
    /// report shares with other bureaus' reports (which of its paragraphs, where else they stand). None for most files.
    /// A file's cheap inputs digest takes it in, so that a change elsewhere that changes it makes the file again.
    /// </summary>
    public ContentHash Across { get; init; }

    /// <summary>A file that shows no report's text.</summary>
    public static MadeFrom Metadata(Func<ContentHash> digest) => new([], _ => digest());
}

/// <summary>A file made of lines: its bytes, and per line the digest of what it was made from and its length in bytes.</summary>
public sealed record LinesFile(byte[] Bytes, ContentHash[] Lines, int[] Lengths)
{
    /// <summary>
    /// The file of <paramref name="lines"/> in order, each with the digest of what it was made from (none for a line
    /// no later build may copy, such as a header), copied once into an array of the exact size.
    /// </summary>
    public static LinesFile Join(IReadOnlyList<(ContentHash Digest, ReadOnlyMemory<byte> Bytes)> lines)
    {
        var bytes = new byte[lines.Sum(l => (long)l.Bytes.Length)];
        var at = 0;
        foreach (var (_, line) in lines)
        {
            line.Span.CopyTo(bytes.AsSpan(at));
            at += line.Length;
        }

        return new LinesFile(bytes, [.. lines.Select(l => l.Digest)], [.. lines.Select(l => l.Bytes.Length)]);
    }
}

/// <summary>The file the last build wrote for a path, with its lines as that build described them (<see cref="LinesFile"/>).</summary>
public sealed record EarlierLines(byte[] File, ContentHash[] Lines, int[] Lengths)
{
    /// <summary>The lines a later build may copy, by their digests; none when the file is not the one described.</summary>
    public Dictionary<ContentHash, ReadOnlyMemory<byte>> ByDigest()
    {
        var lines = new Dictionary<ContentHash, ReadOnlyMemory<byte>>();
        if (Lengths.Sum(l => (long)l) != File.Length)
        {
            return lines;
        }

        var offset = 0;
        for (var i = 0; i < Lines.Length; i++)
        {
            if (!Lines[i].IsNone)
            {
                lines[Lines[i]] = File.AsMemory(offset, Lengths[i]);
            }

            offset += Lengths[i];
        }

        return lines;
    }
}

/// <summary>
/// The texts a file may show: those of the reports its <see cref="MadeFrom"/> declares, and no others, so that a file
/// cannot show a report's text without the build knowing that it depends on it.
/// </summary>
public sealed class ShownTexts(IReadOnlyList<Report> shows, Func<Report, ReportBody> read)
{
    /// <summary>The texts of a file that shows none.</summary>
    public static readonly ShownTexts None = new([], _ => throw new InvalidOperationException("no text to read"));

    // By reference: a year shows thousands of reports, and a report's value equality compares every field. Made when
    // first asked: most files show one report or none.
    private HashSet<Report>? _many;

    public ReportBody Of(Report report) =>
        Shows(report)
            ? read(report)
            : throw new InvalidOperationException($"a file that does not declare that it shows report {report.Id} asked for its text");

    private bool Shows(Report report)
    {
        if (shows.Count <= 4)
        {
            return shows.Any(r => ReferenceEquals(r, report));
        }

        // Asked from several threads at once (a year's lines are made on every core).
        return LazyInitializer.EnsureInitialized(ref _many, () => new HashSet<Report>(shows, ReferenceEqualityComparer.Instance)).Contains(report);
    }
}
