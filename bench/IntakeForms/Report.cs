namespace IntakeForms;

internal enum Role
{
    Title,
    Salutation,
    Heading,
    Body,
    Signature,
    Date,
    After,
}

internal sealed record Line(string Text, Role Role);

/// <summary>What a web page shows around the report: the portal's name, the 来源 line, how its HTML is laid out.</summary>
internal sealed record WebPage(string SiteName, string SourceLine, string Title, bool MetaDate, string Layout, string? Crumb);

/// <summary>One generated report: the answer (bureau, year, published) and the lines it is written as.</summary>
internal sealed record Report(
    int Number,
    string Form,
    string Layout,
    Bureau Bureau,
    int Year,
    DateOnly? Published,
    IReadOnlyList<Line> Lines,
    IReadOnlyList<string> Notes,
    WebPage? Page)
{
    public static readonly string[] Forms =
        ["web-banner", "about-title", "annual-work-report", "signature-only", "title-without-bureau", "gb18030", "docx", "pdf"];

    public static readonly string[] TextLayouts = ["about-title", "annual-work-report", "signature-only", "title-without-bureau"];

    public string Extension => Form switch
    {
        "web-banner" => ".html",
        "docx" => ".docx",
        "pdf" => ".pdf",
        _ => ".txt",
    };
}
