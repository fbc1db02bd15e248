using System.Text.RegularExpressions;
using Archive.Corpus;

namespace Archive.Import;

/// <summary>Finds where a report was published: the page's address, or else who the 来源 line names.</summary>
public static partial class SourceInference
{
    public const string Field = "source";

    public static Inference Infer(ReportEvidence evidence)
    {
        if (evidence.Hints.SourceUrl is { } url)
        {
            return new Inference(Field, url, Confidence.High, "the address the source was saved from");
        }

        foreach (var line in evidence.AllLines)
        {
            if (Address().Match(line) is { Success: true } address)
            {
                return new Inference(Field, address.Value, Confidence.Medium, $"the address in the line '{line}'");
            }
        }

        foreach (var line in evidence.AllLines)
        {
            if (SourceLine().Match(line) is { Success: true } source)
            {
                return new Inference(Field, source.Groups["who"].Value.Trim(), Confidence.Low,
                    "the 来源 line names the publisher but gives no address; add the page's URL as source");
            }
        }

        return new Inference(Field, null, Confidence.Unknown, "no address or 来源 line; add the page's URL as source if it is known");
    }

    [GeneratedRegex(@"https?://[^\s，。；、<>""'）)]+")]
    private static partial Regex Address();

    [GeneratedRegex(@"^\s*(来源|信息来源)\s*[:：]\s*(?<who>[^\s　]+)")]
    private static partial Regex SourceLine();
}
