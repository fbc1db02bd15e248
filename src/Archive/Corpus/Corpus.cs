namespace Archive.Corpus;

/// <summary>Everything read from input/: settings, bureaus and reports, validated.</summary>
public sealed record Corpus(SiteSettings Settings, IReadOnlyList<Bureau> Bureaus, IReadOnlyList<Report> Reports, string InputDirectory)
{
    private readonly Dictionary<string, Bureau> _bureaus = Bureaus.ToDictionary(b => b.Id, StringComparer.Ordinal);

    public Bureau BureauOf(Report report) => _bureaus[report.BureauId];

    public Bureau? FindBureau(string id) => _bureaus.GetValueOrDefault(id);

    /// <summary>The searches readers can follow by feed (input/watch.yml).</summary>
    public IReadOnlyList<SavedSearch> SavedSearches { get; init; } = [];

    /// <summary>When reports must be public (input/deadlines.yml, else 1 April of the following year).</summary>
    public DeadlineRules Deadlines { get; init; } = DeadlineRules.Default;

    /// <summary>The report's deadline, by its year and its bureau's province.</summary>
    public ReportDeadline DeadlineOf(Report report) => Deadlines.For(report.Year, BureauOf(report).DivisionCode);

    /// <summary>Days from the deadline to the published date (negative: before it), or null when the date is unknown.</summary>
    public int? DaysLate(Report report) =>
        report.Published is DateOnly published ? published.DayNumber - DeadlineOf(report).Date.DayNumber : null;

    /// <summary>True when the published date is known and after the deadline.</summary>
    public bool IsLate(Report report) => DaysLate(report) > 0;
}
