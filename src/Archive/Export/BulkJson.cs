using System.Buffers;
using System.Globalization;
using System.Text.Encodings.Web;
using System.Text.Json;

namespace Archive.Export;

/// <summary>
/// Writes one report as the two lines the _bulk API takes: the action, then the document. Each line is one compact
/// JSON value ending in '\n'. Chinese stays readable; the relaxed encoder still escapes control characters and
/// U+2028/U+2029, so no value can break a line, and characters outside the Basic Multilingual Plane are written as
/// \u surrogate pairs, which every JSON parser reads back as the same character.
/// </summary>
internal sealed class BulkJson : IDisposable
{
    private static readonly JsonWriterOptions Options = new()
    {
        Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
        Indented = false,
    };

    private readonly string _index;
    private readonly ArrayBufferWriter<byte> _buffer = new();
    private readonly Utf8JsonWriter _writer;

    public BulkJson(string index)
    {
        _index = index;
        _writer = new Utf8JsonWriter(_buffer, Options);
    }

    /// <summary>The action and document lines of <paramref name="document"/>; valid until the next call.</summary>
    public ReadOnlySpan<byte> Lines(ReportDocument document)
    {
        _buffer.ResetWrittenCount();
        WriteLine(() => WriteAction(document.Report.Id));
        WriteLine(() => WriteDocument(document));
        return _buffer.WrittenSpan;
    }

    public void Dispose() => _writer.Dispose();

    // A JSON writer accepts one top-level value; resetting it between lines lets it write the next.
    private void WriteLine(Action write)
    {
        _writer.Reset(_buffer);
        write();
        _writer.Flush();
        _buffer.Write("\n"u8);
    }

    private void WriteAction(string id)
    {
        _writer.WriteStartObject();
        _writer.WriteStartObject("index");
        _writer.WriteString("_index", _index);
        _writer.WriteString("_id", id);
        _writer.WriteEndObject();
        _writer.WriteEndObject();
    }

    private void WriteDocument(ReportDocument document)
    {
        var report = document.Report;
        var bureau = document.Bureau;
        var region = document.Region;
        var w = _writer;
        w.WriteStartObject();
        w.WriteString(DocumentFields.Id, report.Id);
        w.WriteString(DocumentFields.Title, report.Title);
        w.WriteString(DocumentFields.BureauId, bureau.Id);
        w.WriteString(DocumentFields.Bureau, bureau.Name);
        WriteArray(DocumentFields.BureauAliases, bureau.Aliases);
        w.WriteString(DocumentFields.BureauKind, bureau.Kind);
        w.WriteString(DocumentFields.Region, region.DisplayName);
        WriteArray(DocumentFields.RegionNames, region.Divisions.Select(d => d.Name));
        WriteArray(DocumentFields.RegionCodes, region.Divisions.Select(d => d.Code));
        w.WriteString(DocumentFields.DivisionCode, bureau.DivisionCode);
        w.WriteString(DocumentFields.ProvinceCode, region.Province.Code);
        WriteIfKnown(DocumentFields.CityCode, region.City?.Code);
        WriteIfKnown(DocumentFields.DistrictCode, region.District?.Code);
        w.WriteNumber(DocumentFields.Year, report.Year);

        // Unknown is left out rather than written as null, so "exists" queries find the reports with a known date.
        if (report.Published is DateOnly published)
        {
            w.WriteString(DocumentFields.Published, published.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture));
            w.WriteBoolean(DocumentFields.Late, document.Late);
        }

        WriteIfKnown(DocumentFields.SourceUrl, report.SourceUrl);
        WriteIfKnown(DocumentFields.Sha256, report.Original?.Sha256);
        w.WriteString(DocumentFields.Url, document.Url);
        WriteArray(DocumentFields.Headings, document.Headings);
        w.WriteString(DocumentFields.Body, document.Body);
        w.WriteEndObject();
    }

    private void WriteIfKnown(string name, string? value)
    {
        if (value is not null)
        {
            _writer.WriteString(name, value);
        }
    }

    private void WriteArray(string name, IEnumerable<string> values)
    {
        _writer.WriteStartArray(name);
        foreach (var value in values)
        {
            _writer.WriteStringValue(value);
        }

        _writer.WriteEndArray();
    }
}
