using System.Globalization;
using System.Text;
using Archive.Core;
using Archive.Corpus;

namespace Archive.Site;

/// <summary>
/// The open-data file of shared paragraphs (data/shared-paragraphs.csv): a row for every place of every family of
/// paragraphs that reports of two bureaus or more share, with the family's key, so that a reader can follow a piece
/// of boilerplate through every report that has it. One file for the archive: it names places, not text (17 MB at
/// 50,000 generated reports, under Pages hosts' 25 MiB; an archive twice as large would need it split by year).
/// </summary>
public static class SharedTextData
{
    public const string Header = "family,report_id,bureau,year,anchor,url";

    /// <summary>
    /// A digest of everything <see cref="Csv"/> writes, from the same rows, without writing them: a rebuild digests the
    /// file on every build, and making 17 MB of text for that alone was a quarter of a second of a one-change rebuild.
    /// </summary>
    public static ContentHash Digest(SiteModel model)
    {
        using var digest = new DigestBuilder("shared paragraphs csv");
        digest.Add(Header).Add(model.Corpus.Settings.AbsoluteRoot);
        foreach (var (family, report, paragraph) in Rows(model))
        {
            digest.Add((long)family).Add(report.Id).Add(report.BureauId).Add(report.Year).Add(paragraph);
        }

        return digest.Finish();
    }

    public static byte[] Csv(SiteModel model)
    {
        var csv = new StringBuilder(Header).Append('\n');
        var root = model.Corpus.Settings.AbsoluteRoot;
        foreach (var (family, report, paragraph) in Rows(model))
        {
            var anchor = $"p{paragraph}";
            csv.Append(family.ToString("x16", CultureInfo.InvariantCulture)).Append(',').Append(OpenData.CsvField(report.Id)).Append(',')
                .Append(OpenData.CsvField(report.BureauId)).Append(',').Append(report.Year).Append(',').Append(anchor).Append(',')
                .Append(OpenData.CsvField($"{root}{SitePaths.Report(report.Id)}#{anchor}")).Append('\n');
        }

        return Encoding.UTF8.GetBytes(csv.ToString());
    }

    // A row per place of every family: the family's key, the report and the paragraph's number.
    private static IEnumerable<(ulong Family, Report Report, int Paragraph)> Rows(SiteModel model)
    {
        var reports = model.Corpus.Reports;
        foreach (var family in model.SharedText?.Families ?? [])
        {
            foreach (var place in family.Places)
            {
                yield return (family.Key, reports[place.Report], place.Paragraph);
            }
        }
    }
}
