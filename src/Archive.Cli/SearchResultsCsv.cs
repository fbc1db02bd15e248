using System.Globalization;
using System.Text;
using Archive.Corpus;
using Archive.Regions;
using Archive.Search.Lucene;

namespace Archive.Cli;

/// <summary>
/// archive search --csv: every result as a spreadsheet row, the columns and rules of the search page's export
/// (theme/assets/search/export.js): id, title, bureau, region (its province and city, the levels the search page's
/// region filter names), year, published, hits, url; UTF-8 with a byte order
/// mark so Excel reads the Chinese; RFC 4180 quoting and CRLF rows; a cell a spreadsheet would run as a formula starts
/// with an apostrophe.
/// </summary>
internal static class SearchResultsCsv
{
    public static void Write(SearchResults results, string input, Stream output)
    {
        var bureaus = BureauRegistry.Read(Path.Combine(input, BureauRegistry.FileName), "input/" + BureauRegistry.FileName, [])
            .ToDictionary(b => b.Id, b => string.Join(' ', DivisionTable.Default.PathOf(b.DivisionCode).Divisions.Take(2).Select(d => d.Name)));
        var root = CorpusReader.Settings(input).AbsoluteRoot;
        using var writer = new StreamWriter(output, new UTF8Encoding(encoderShouldEmitUTF8Identifier: true)) { NewLine = "\r\n" };
        writer.WriteLine("id,title,bureau,region,year,published,hits,url");
        foreach (var result in results.Results)
        {
            writer.WriteLine(string.Join(',',
                Cell(result.Id),
                Cell(result.Title),
                Cell(result.BureauName),
                Cell(bureaus.GetValueOrDefault(result.BureauId, "")),
                result.Year.ToString(CultureInfo.InvariantCulture),
                result.Published?.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture) ?? "",
                result.Hits.ToString(CultureInfo.InvariantCulture),
                Cell(root + result.Url)));
        }
    }

    private static string Cell(string value)
    {
        if (value.Length > 0 && value[0] is '=' or '+' or '-' or '@' or '\t' or '\r')
        {
            value = "'" + value;
        }

        return value.IndexOfAny([',', '"', '\r', '\n']) >= 0 ? "\"" + value.Replace("\"", "\"\"") + "\"" : value;
    }
}
