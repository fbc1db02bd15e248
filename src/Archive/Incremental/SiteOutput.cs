using Archive.Core;
using Archive.Site;

namespace Archive.Incremental;

/// <summary>
/// The site's files as its producers declare them (<see cref="ISiteOutput"/>), turned into the two digests by which
/// <see cref="ReusingOutput"/> keeps a file from the last build: the cheap one of its inputs (<see cref="ViewInputs"/>:
/// the corpus's metadata, plus the file hashes of the reports whose text it shows) and the one of what the producer
/// says it is made from. Files made of lines get the last build's file and line digests (<see cref="YearLines"/>).
/// </summary>
public sealed class SiteOutput(ReusingOutput output, ViewInputs inputs, YearLines? yearLines) : ISiteOutput
{
    public void Write(string relativePath, byte[] bytes) => output.Write(relativePath, bytes);

    public void Copy(string sourceFile, string relativePath) => output.Copy(sourceFile, relativePath);

    // At 50,000 reports, reading every original to compare it with the last build's copy took 1.5 s of a rebuild.
    public void CopyOriginal(string sourceFile, string relativePath, string sha256) =>
        output.Write(relativePath, ContentHash.Of(System.Text.Encoding.UTF8.GetBytes("original sha256 " + sha256)), () => File.ReadAllBytes(sourceFile));

    public void Write(string relativePath, MadeFrom madeFrom, Func<ShownTexts, byte[]> make)
    {
        var texts = TextsOf(madeFrom);
        output.Write(relativePath, InputsOf(relativePath, madeFrom), () => madeFrom.Digest(texts), () => make(texts));
    }

    public void WriteLines(string relativePath, MadeFrom madeFrom, Func<ShownTexts, EarlierLines?, LinesFile> make)
    {
        var texts = TextsOf(madeFrom);
        var digest = default(ContentHash);
        output.Write(relativePath, InputsOf(relativePath, madeFrom), () => digest = madeFrom.Digest(texts), () =>
        {
            // The lines of unchanged reports come out of the file the last build wrote, when it is still there.
            var last = yearLines?.Of(relativePath) is { } record && output.ReadKept(relativePath, record.SourceDigest) is { } file
                ? new EarlierLines(file, record.Lines, record.Lengths)
                : null;
            var made = make(texts, last);
            yearLines?.Set(relativePath, new YearLines.Record(digest, made.Lines, made.Lengths));
            return made.Bytes;
        });
    }

    private ShownTexts TextsOf(MadeFrom madeFrom) => madeFrom.Shows.Count == 0 ? ShownTexts.None : new ShownTexts(madeFrom.Shows, report => report.ReadBody());

    private ContentHash InputsOf(string relativePath, MadeFrom madeFrom) =>
        madeFrom.Shows.Count == 0 ? inputs.Of(relativePath, madeFrom.Across) : inputs.Showing(relativePath, madeFrom.Shows, madeFrom.Across);
}
