using Archive.Tests.Support;
using System.Text;
using FsCheck.Xunit;
using Archive.Core;
using Archive.Corpus;
using Archive.Import;

namespace Archive.Tests.Hardening;

/// <summary>
/// The importer on random and mutated raw files: it ends in a report or in the project's own InputException, within
/// seconds, and keeps every visible character of the text or lists it among the removed page chrome.
/// </summary>
public class ImporterPropertyTests
{
    private const int Cases = 250;
    private static readonly TimeSpan PerCase = TimeSpan.FromSeconds(10);
    private static readonly UTF8Encoding Utf8 = new(false);

    [Property(MaxTest = Cases, Arbitrary = [typeof(FuzzInputs)])]
    public void Any_bytes_end_in_a_report_or_an_input_problem_never_a_crash_or_a_hang(RawBytes raw)
    {
        using var temp = new TempFolder();
        var file = temp.Write("raw/report.txt", raw.Value);

        var outcome = WithinLimit(() => new Importer(temp.Combine("input")).Import([file]));

        Assert.True(outcome is IReadOnlyList<ImportedReport> or InputException, $"{raw}: {outcome}");
        if (outcome is InputException refused)
        {
            Assert.All(refused.Problems, p => Assert.Equal(file, p.File));
        }
        else
        {
            // What import writes reads back; only a year it could not find is left for the user to fill in.
            Assert.DoesNotContain(new CorpusReader().Read(temp.Combine("input")).Problems, p => !p.Message.StartsWith("year 'unknown' is not a year", StringComparison.Ordinal));
        }
    }

    [Property(MaxTest = Cases, Arbitrary = [typeof(FuzzInputs)])]
    public void Import_neither_loses_nor_adds_a_visible_character_outside_the_chrome_it_lists_as_removed(RawText text)
    {
        using var temp = new TempFolder();
        var bytes = Utf8.GetBytes(text.Value);
        var file = temp.Write("raw/report.txt", bytes);

        var outcome = WithinLimit(() => new Importer(temp.Combine("input")).Import([file]));

        if (outcome is InputException)
        {
            // Text that is refused (e.g. holding only blank space) is not imported at all: nothing to compare.
            return;
        }

        var imported = Assert.Single(Assert.IsAssignableFrom<IReadOnlyList<ImportedReport>>(outcome));
        var written = File.ReadAllText(temp.Combine(imported.ReportPath));
        var body = written[(written.IndexOf("\n---\n", 3, StringComparison.Ordinal) + 5)..];
        // Compared with the text as the file holds it: UTF-8 has no lone surrogates, the encoder wrote U+FFFD for them.
        var expected = Visible(Utf8.GetString(bytes));
        var actual = Visible(body) + Visible(string.Concat(imported.Report.RemovedChrome));
        Assert.Equal(Sorted(expected), Sorted(actual));
    }

    // Characters a reader sees: not white space, not the zero-width characters that make a line blank.
    private static string Visible(string text) =>
        new([.. text.Where(c => !char.IsWhiteSpace(c) && c is not ('\u200B' or '\u200C' or '\u200D' or '\uFEFF'))]);

    private static string Sorted(string text) => new([.. text.Order()]);

    private static object WithinLimit(Func<object> import)
    {
        var run = Task.Run(() =>
        {
            try
            {
                return import();
            }
            catch (Exception e)
            {
                return e;
            }
        });
        return run.Wait(PerCase) ? run.Result : new TimeoutException($"import ran longer than {PerCase}");
    }
}
