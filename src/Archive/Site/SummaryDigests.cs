using System.Runtime.CompilerServices;
using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Serialization;
using Archive.Core;
using Archive.Site.Views;

namespace Archive.Site;

/// <summary>
/// A report summary's digest, made once per summary and build. Lists of summaries are most of what the views of
/// bureau, region and year pages and feeds hold (a province page lists thousands): their view digests take each
/// summary's digest instead of its fields, so a rebuild serializes each summary once, not once per page it is on.
/// </summary>
public static class SummaryDigests
{
    // Summaries are made once per build (SiteModel.SummaryOf hands out the same instance), so the digest is kept by
    // reference and goes with the summary.
    private static readonly ConditionalWeakTable<ReportSummary, StrongBox<ContentHash>> Digests = new();

    private static readonly JsonSerializerOptions Fields = new() { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    public static ContentHash Of(ReportSummary summary) =>
        Digests.GetValue(summary, s => new StrongBox<ContentHash>(ContentHash.Of(JsonSerializer.SerializeToUtf8Bytes(s, Fields)))).Value;

    /// <summary>Writes a summary as its digest, for serializers that only make digests.</summary>
    public sealed class AsDigest : JsonConverter<ReportSummary>
    {
        public override ReportSummary Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options) =>
            throw new NotSupportedException("a summary's digest cannot be read back");

        public override void Write(Utf8JsonWriter writer, ReportSummary value, JsonSerializerOptions options)
        {
            Span<byte> digest = stackalloc byte[ContentHash.Bytes];
            Of(value).CopyTo(digest);
            writer.WriteBase64StringValue(digest);
        }
    }
}
