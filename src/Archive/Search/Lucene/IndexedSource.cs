using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using Archive.Core;
using Archive.Corpus;
using Archive.Search.Contract;

namespace Archive.Search.Lucene;

/// <summary>A report with what its Lucene document is made of, and a digest of all of that.</summary>
internal sealed class IndexedSource(Report report, Bureau bureau)
{
    private string? _fingerprint;

    public Report Report => report;

    public Bureau Bureau => bureau;

    // Made on each call, not kept: every report of the archive passes through here, and their texts together
    // are gigabytes.
    public SearchableText MakeText() => SearchableText.Of(report);

    /// <summary>
    /// SHA-256 over every value <see cref="SearchIndexBuilder.DocumentOf"/> stores or indexes (a field change, a new hash). A report
    /// read from a file stands for its text by the file's hash and the program's version, which derive it: the
    /// text of an unchanged report is then never assembled.
    /// </summary>
    public string Fingerprint => _fingerprint ??= Digest();

    private string Digest()
    {
        using var hash = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
        void Add(string value)
        {
            hash.AppendData(Encoding.UTF8.GetBytes(value));
            hash.AppendData([0]);
        }

        if (report.SourceHash.Length > 0)
        {
            Add(ProgramIdentity.Current);
            Add(report.SourceHash);
            Add(bureau.Id);
            Add(bureau.Name);
            foreach (var division in ReportOrder.RegionOf(bureau).Divisions)
            {
                Add(division.Code);
            }

            return Convert.ToHexStringLower(hash.GetHashAndReset());
        }

        Add(report.Id);
        Add(report.Title);
        Add(bureau.Id);
        Add(bureau.Name);
        Add(report.Year.ToString(CultureInfo.InvariantCulture));
        Add(report.Published?.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture) ?? "");
        foreach (var division in ReportOrder.RegionOf(bureau).Divisions)
        {
            Add(division.Code);
        }

        foreach (var block in MakeText().Blocks)
        {
            Add(block.Anchor);
            Add(block.Text);
        }

        return Convert.ToHexStringLower(hash.GetHashAndReset());
    }
}
