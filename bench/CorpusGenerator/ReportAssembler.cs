using System.Globalization;
using System.Text;
using System.Text.RegularExpressions;
using Archive.Corpus;

namespace CorpusGenerator;

/// <summary>
/// Writes one generated report: front matter like a reviewed import's, then a title line, a preamble and numbered
/// sections (一、 → （一） → 1.) of real paragraphs, cut so the text is a uniformly drawn 5–25 KB of UTF-8.
/// </summary>
internal sealed partial class ReportAssembler(TextPool pool, bool recombine = false)
{
    public const int MinBytes = 5 * 1024;
    public const int MaxBytes = 25 * 1024;

    // Share of paragraphs drawn from bureau reports rather than government work reports.
    private const double BureauShare = 0.6;

    // A heading is only opened when this much room is left, so no section ends up empty.
    private const int RoomForSection = 400;
    private const int ShortestCut = 60;

    /// <summary>The report file's content.</summary>
    public string Write(PlannedReport plan)
    {
        var random = new Random(plan.Seed);
        var id = $"{plan.Bureau.Id}-{plan.Year}";
        var title = $"{plan.Bureau.Name}{plan.Year}年法治政府建设年度报告";
        var published = Published(plan.Year, random);
        var source = random.NextDouble() < 0.7 ? $"https://reports.example.org/{plan.Bureau.DivisionCode}/{id}.html" : null;
        var report = new Report(
            id, title, plan.Bureau.Id, plan.Year, published, source, null, ReportText.Of(new ReportBody([], [])), [],
            Inferences(plan, title, published, source), Reviewed: true, SourceFile: "");
        return ReportFile.Format(report, Body(title, plan.Year, random));
    }

    /// <summary>
    /// A raw report's text (<c>--raw</c>): its title line, preamble and sections, drawn from the bureau reports' pool
    /// at <paramref name="bureauShare"/> (a 人社 bureau's vocabulary is theirs; other departments' mostly the work
    /// reports'), each paragraph recombined from 2–5 sentences of the pool.
    /// </summary>
    public string RawText(PlannedReport plan, Random random, double bureauShare) =>
        Body($"{plan.Bureau.Name}{plan.Year}年法治政府建设年度报告", plan.Year, random, bureauShare);

    private string Body(string title, int year, Random random, double share = BureauShare)
    {
        var target = random.Next(MinBytes, MaxBytes + 1);
        var text = new Text(target);
        text.Add(title);
        for (var i = random.Next(1, 3); i > 0 && text.Fits(ShortestCut); i--)
        {
            text.AddCut(Paragraph(year, random, share));
        }

        for (var one = 1; text.Fits(RoomForSection); one++)
        {
            text.Add(TextPool.Number(1, one, Heading(1, year, random)));
            if (random.NextDouble() < 0.6)
            {
                for (var two = 1; two <= random.Next(2, 5) && text.Fits(RoomForSection); two++)
                {
                    text.Add(TextPool.Number(2, two, Heading(2, year, random)));
                    if (random.NextDouble() < 0.4)
                    {
                        for (var three = 1; three <= random.Next(2, 5) && text.Fits(RoomForSection); three++)
                        {
                            text.Add(TextPool.Number(3, three, Heading(3, year, random)));
                            text.AddCut(Paragraph(year, random, share));
                        }
                    }
                    else
                    {
                        AddParagraphs(text, random.Next(1, 4), year, random, share);
                    }
                }
            }
            else
            {
                AddParagraphs(text, random.Next(1, 5), year, random, share);
            }
        }

        return text.ToString();
    }

    private void AddParagraphs(Text text, int count, int year, Random random, double share)
    {
        for (var i = 0; i < count && text.Fits(ShortestCut); i++)
        {
            text.AddCut(Paragraph(year, random, share));
        }
    }

    private string Heading(int level, int year, Random random) =>
        Renumbered(pool.Headings[level][random.Next(pool.Headings[level].Count)], year, random);

    private string Paragraph(int year, Random random, double share)
    {
        var bureau = random.NextDouble() < share;
        if (!recombine)
        {
            var source = bureau ? pool.BureauParagraphs : pool.GeneralParagraphs;
            return Renumbered(source[random.Next(source.Count)], year, random);
        }

        // Sentences drawn at random: a term then recurs as often as its sentence is drawn, and the words across two
        // sentences almost never, as in reports written apart, instead of whole paragraphs repeating.
        var sentences = bureau ? pool.BureauSentences : pool.GeneralSentences;
        var text = new StringBuilder();
        for (var i = random.Next(2, 6); i > 0; i--)
        {
            text.Append(sentences[random.Next(sentences.Count)]);
        }

        return Renumbered(text.ToString(), year, random);
    }

    // Years in the source become the report's year and every other number is redrawn with as many digits, so the
    // same paragraph reads differently in different reports, as the figures of real reports do.
    private static string Renumbered(string text, int year, Random random) =>
        Numbers().Replace(text, m => m.Groups["year"].Success ? year.ToString(CultureInfo.InvariantCulture) : RandomDigits(m.Length, random));

    private static string RandomDigits(int length, Random random)
    {
        var digits = new char[length];
        for (var i = 0; i < length; i++)
        {
            digits[i] = (char)('0' + (i == 0 && length > 1 ? random.Next(1, 10) : random.Next(10)));
        }

        return new string(digits);
    }

    // Most reports are out before the 1 April deadline of the next year, a few in the last weeks of the year itself,
    // some late; the importer finds no date for about one in ten.
    internal static DateOnly? Published(int year, Random random)
    {
        var roll = random.NextDouble();
        return roll switch
        {
            < 0.10 => null,
            < 0.22 => new DateOnly(year + 1, 4, 2).AddDays(random.Next(0, 240)),
            < 0.32 => new DateOnly(year, 11, 15).AddDays(random.Next(0, 47)),
            _ => new DateOnly(year + 1, 1, 5).AddDays(random.Next(0, 86)),
        };
    }

    private static List<Inference> Inferences(PlannedReport plan, string title, DateOnly? published, string? source) =>
    [
        new("title", title, Confidence.High, "the first line of the text, which names the bureau and the year"),
        new("bureau", plan.Bureau.Name, Confidence.High, "named in the title"),
        new("region", plan.Bureau.DivisionCode, Confidence.High, $"{plan.Region.DisplayName}, named in the bureau's name"),
        new("year", plan.Year.ToString(CultureInfo.InvariantCulture), Confidence.High, $"the title covers {plan.Year}年"),
        published is { } date
            ? new("published", date.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture), Confidence.High, "the date under the closing signature")
            : new("published", null, Confidence.Unknown, "no date in the text or on the page; add it if it is known"),
        source is null
            ? new("source", null, Confidence.Unknown, "no address or 来源 line; add the page's URL as source if it is known")
            : new("source", source, Confidence.High, "the address the page was saved from"),
    ];

    // A year is 20xx followed by 年; any other run of digits is a number.
    [GeneratedRegex("(?<year>20[0-9]{2})(?=年)|[0-9]+")]
    private static partial Regex Numbers();

    /// <summary>Lines of text that stop at a byte budget: the last paragraph is cut to fit and closed with 。.</summary>
    private sealed class Text(int budget)
    {
        private readonly StringBuilder lines = new();
        private int bytes;

        public bool Fits(int needed) => budget - bytes >= needed;

        public void Add(string line)
        {
            lines.Append(line).Append('\n');
            bytes += Encoding.UTF8.GetByteCount(line) + 1;
        }

        public void AddCut(string paragraph)
        {
            var room = budget - bytes - 1;
            if (Encoding.UTF8.GetByteCount(paragraph) > room)
            {
                // Characters here are 1–3 bytes (no surrogates in these texts); cut on a character, leave room for 。.
                var cut = new StringBuilder();
                var used = 3;
                foreach (var c in paragraph)
                {
                    var size = Encoding.UTF8.GetByteCount([c]);
                    if (char.IsSurrogate(c) || used + size > room)
                    {
                        break;
                    }

                    cut.Append(c);
                    used += size;
                }

                paragraph = cut.Append('。').ToString();
            }

            Add(paragraph);
        }

        public override string ToString() => lines.ToString();
    }
}
