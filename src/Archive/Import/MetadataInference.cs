using Archive.Corpus;
using Archive.Regions;

namespace Archive.Import;

/// <summary>
/// Infers a report's metadata (title, bureau, region, year covered, published date, source) from its lines,
/// its file name and the source's hints. Every field carries a confidence and a reason; a field nothing
/// supports is left unknown, never invented.
/// </summary>
public sealed class MetadataInference(RegionLookup regions)
{
    private readonly BureauInference _bureaus = new(regions);

    public MetadataInference()
        : this(new RegionLookup(DivisionTable.Default))
    {
    }

    public ReportMetadata Infer(ReportEvidence evidence)
    {
        var title = TitleInference.Infer(evidence);
        var published = PublishedInference.Infer(evidence);
        var publishedDate = DateOnly.TryParse(published.Value, System.Globalization.CultureInfo.InvariantCulture, out var date) ? date : (DateOnly?)null;
        var year = YearInference.Infer(evidence, title.Value, publishedDate);
        var bureau = _bureaus.Infer(evidence, title.Value);
        var source = SourceInference.Infer(evidence);
        if (title.Value is null && bureau.Bureau.Value is { } name && year.Value is { } covered)
        {
            title = new Inference(TitleInference.Field, $"{name}{covered}年法治政府建设年度报告", Confidence.Low,
                "the text has no title; composed from the inferred bureau and year, replace it with the published title");
        }

        return new ReportMetadata(title, bureau.Bureau, bureau.Region, year, published, source, bureau.RegionPath, bureau.Department);
    }
}
