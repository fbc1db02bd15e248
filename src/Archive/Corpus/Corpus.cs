namespace Archive.Corpus;

/// <summary>Everything read from input/: settings, bureaus and reports, validated.</summary>
public sealed record Corpus(SiteSettings Settings, IReadOnlyList<Bureau> Bureaus, IReadOnlyList<Report> Reports, string InputDirectory)
{
    private readonly Dictionary<string, Bureau> _bureaus = Bureaus.ToDictionary(b => b.Id, StringComparer.Ordinal);

    public Bureau BureauOf(Report report) => _bureaus[report.BureauId];

    public Bureau? FindBureau(string id) => _bureaus.GetValueOrDefault(id);
}
