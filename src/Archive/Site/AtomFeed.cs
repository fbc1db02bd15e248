using System.Globalization;
using System.Text;
using System.Xml;
using Archive.Core;
using Archive.Corpus;

namespace Archive.Site;

/// <summary>Writes an Atom 1.0 feed of reports, newest first, with absolute links.</summary>
public static class AtomFeed
{
    private const string AtomNamespace = "http://www.w3.org/2005/Atom";

    /// <summary>
    /// A digest of everything <see cref="Write"/> writes from the same arguments: a rebuild keeps a feed none of whose
    /// reports changed without writing it again (there is one per bureau).
    /// </summary>
    public static ContentHash Digest(SiteModel model, string title, string feedPath, string pagePath, IEnumerable<Report> reports, IReadOnlyList<MissingReport>? missing = null)
    {
        var settings = model.Corpus.Settings;
        using var digest = new DigestBuilder("atom feed").Add(title).Add(feedPath).Add(pagePath).Add(settings.AbsoluteRoot).Add(settings.Publisher).Add(settings.Title);
        foreach (var report in reports)
        {
            // The summary holds the rest of what an entry shows: id, title, year, bureau, region, published text; the
            // days late follow from the published date and the deadline.
            digest.Add(SummaryDigests.Of(model.SummaryOf(report))).Add(report.Published?.DayNumber ?? -1).Add(model.Corpus.DeadlineOf(report).Date.DayNumber);
        }

        foreach (var gap in missing ?? [])
        {
            digest.Add(gap.Bureau.Id).Add(gap.Bureau.Name).Add(gap.Year).Add(gap.Deadline.DayNumber);
        }

        return digest.Finish();
    }

    /// <summary>
    /// The feed: an entry per report, newest first, its title marked when the report came after its deadline; and,
    /// when <paramref name="missing"/> is given, an entry per report a bureau should have published and has not, dated
    /// at its deadline (the day it became missing).
    /// </summary>
    public static string Write(SiteModel model, string title, string feedPath, string pagePath, IEnumerable<Report> reports, IReadOnlyList<MissingReport>? missing = null)
    {
        var root = model.Corpus.Settings.AbsoluteRoot;
        // An entry needs a timestamp; a report whose publication date is unknown is placed at the end of the year it
        // covers, and its summary says the date is unknown.
        var entries = reports
            .Select(r => (Report: r, Updated: r.Published ?? new DateOnly(r.Year, 12, 31)))
            .OrderByDescending(e => e.Updated)
            .ThenBy(e => e.Report.Id, StringComparer.Ordinal)
            .ToList();

        var text = new StringBuilder();
        var settings = new XmlWriterSettings { Indent = true, Encoding = new UTF8Encoding(false), OmitXmlDeclaration = false };
        using (var xml = XmlWriter.Create(new StringWriterUtf8(text), settings))
        {
            xml.WriteStartDocument();
            xml.WriteStartElement("feed", AtomNamespace);
            xml.WriteAttributeString("xml", "lang", null, "zh-CN");
            xml.WriteElementString("title", AtomNamespace, title);
            xml.WriteElementString("id", AtomNamespace, root + feedPath);
            var newest = entries.Select(e => e.Updated).Concat((missing ?? []).Select(m => m.Deadline)).DefaultIfEmpty(new DateOnly(2000, 1, 1)).Max();
            xml.WriteElementString("updated", AtomNamespace, Timestamp(newest));
            Link(xml, root + feedPath, "self");
            Link(xml, root + pagePath, "alternate");
            xml.WriteStartElement("author", AtomNamespace);
            xml.WriteElementString("name", AtomNamespace, model.Corpus.Settings.Publisher.Length > 0 ? model.Corpus.Settings.Publisher : model.Corpus.Settings.Title);
            xml.WriteEndElement();
            var gaps = (missing ?? []).OrderByDescending(m => m.Deadline).ThenBy(m => m.Bureau.Id, StringComparer.Ordinal).ToList();
            foreach (var gap in gaps)
            {
                xml.WriteStartElement("entry", AtomNamespace);
                xml.WriteElementString("title", AtomNamespace, $"【应有而缺】{gap.Bureau.Name}{gap.Year}年度报告");
                xml.WriteElementString("id", AtomNamespace, $"{root}{feedPath}#missing-{gap.Bureau.Id}-{gap.Year.ToString(CultureInfo.InvariantCulture)}");
                Link(xml, root + SitePaths.Bureau(gap.Bureau.Id), "alternate");
                xml.WriteElementString("updated", AtomNamespace, Timestamp(gap.Deadline));
                xml.WriteElementString("summary", AtomNamespace, $"本库没有{gap.Bureau.Name}的{gap.Year}年度报告；公开期限为{gap.Deadline.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture)}。");
                xml.WriteEndElement();
            }

            foreach (var (report, updated) in entries)
            {
                var summary = model.SummaryOf(report);
                var late = model.Corpus.IsLate(report) ? $"【逾期{model.Corpus.DaysLate(report)}天】" : "";
                xml.WriteStartElement("entry", AtomNamespace);
                xml.WriteElementString("title", AtomNamespace, late + report.Title);
                xml.WriteElementString("id", AtomNamespace, root + summary.Url);
                Link(xml, root + summary.Url, "alternate");
                xml.WriteElementString("updated", AtomNamespace, Timestamp(updated));
                if (report.Published is DateOnly published)
                {
                    xml.WriteElementString("published", AtomNamespace, Timestamp(published));
                }

                xml.WriteElementString("summary", AtomNamespace, $"{summary.BureauName} {report.Year}年度报告，发布日期：{summary.PublishedText}。{summary.RegionName}");
                xml.WriteEndElement();
            }

            xml.WriteEndElement();
            xml.WriteEndDocument();
        }

        return text.ToString();
    }

    private static void Link(XmlWriter xml, string href, string rel)
    {
        xml.WriteStartElement("link", AtomNamespace);
        xml.WriteAttributeString("rel", rel);
        xml.WriteAttributeString("href", href);
        xml.WriteEndElement();
    }

    private static string Timestamp(DateOnly date) => date.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture) + "T00:00:00Z";
}

/// <summary>A StringWriter that declares UTF-8, so XmlWriter writes encoding="utf-8" in the declaration.</summary>
internal sealed class StringWriterUtf8(StringBuilder builder) : StringWriter(builder, CultureInfo.InvariantCulture)
{
    public override Encoding Encoding => Encoding.UTF8;
}
