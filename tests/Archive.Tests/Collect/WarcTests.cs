using System.IO.Compression;
using System.Security.Cryptography;
using System.Text;
using Archive.Collect.Warc;
using Archive.Tests.Support;

namespace Archive.Tests.Collect;

/// <summary>
/// The WARC files 'archive fetch' writes: what WarcWriter writes WarcReader reads back field for field and byte for
/// byte; a file is under its final name only complete or cut back to whole records; and warcio, Webrecorder's reader,
/// reads the same file to the same records with digests that hold, so the files are not only readable by our own code.
/// </summary>
public class WarcTests
{
    static WarcTests() => Encoding.RegisterProvider(CodePagesEncodingProvider.Instance);

    // 00:09:10.456 UTC, given at +08:00 with milliseconds: written as whole seconds in UTC.
    private static readonly DateTimeOffset At = new(2024, 3, 5, 8, 9, 10, 456, TimeSpan.FromHours(8));
    private static readonly DateTimeOffset Second = new(2024, 3, 5, 0, 9, 10, TimeSpan.Zero);
    private static readonly KeyValuePair<string, string>[] Info = [new("software", "archive-test/1.0"), new("operator", "测试"), new("robots", "obey")];
    private static readonly Uri Page = new("http://www.example.gov.cn/zwgk/2023/report.html?a=1&b=%E6%8A%A5");
    private static readonly Uri Binary = new("https://example.gov.cn/files/report.pdf");
    private const string Html = "<html><head><meta charset=\"gbk\"><title>2023年政府工作报告</title></head><body>各位代表：现在，我代表市人民政府……</body></html>";

    [Fact]
    public void What_the_writer_writes_the_reader_reads_back_field_for_field_and_byte_for_byte()
    {
        using var temp = new TempFolder();
        var sample = Sample.Write(temp.Combine("a.warc.gz"));

        var records = WarcReader.Read(sample.Path).ToList();

        Assert.Equal(sample.Expected.Select(e => (e.Type, e.Id)), records.Select(r => (r.Type, r.RecordId)));
        foreach (var (record, expected) in records.Zip(sample.Expected))
        {
            Assert.Equal(expected.Target?.AbsoluteUri, record.TargetUri);
            Assert.Equal(expected.Type == "warcinfo" ? record.Date : Second, record.Date);
            Assert.Equal(expected.Block, record.Block);
            Assert.Equal(record.Block.Length.ToString(System.Globalization.CultureInfo.InvariantCulture), record["content-length"]);
            Assert.Equal(WarcDigest.Sha1Base32(record.Block), record["WARC-Block-Digest"]);
            Assert.Equal(expected.Type == "warcinfo" ? null : sample.InfoId, record["WARC-Warcinfo-ID"]);
            Assert.Equal(expected.PayloadDigest, record["WARC-Payload-Digest"]);
        }

        Assert.Equal(sample.Expected[1].Id, records[2]["WARC-Concurrent-To"]);
        Assert.Equal("application/http;msgtype=request", records[2]["Content-Type"]);
        Assert.Equal("2001:db8::1", records[3]["WARC-IP-Address"]);
        var page = HttpMessage.Parse(records[1].Block);
        Assert.Equal(Html, Encoding.GetEncoding("GBK").GetString(page.Payload));
        Assert.Equal(WarcDigest.Sha1Base32(Encoding.GetEncoding("GBK").GetBytes(Html)), records[1]["WARC-Payload-Digest"]);
        Assert.Equal(2 << 20, HttpMessage.Parse(records[3].Block).Payload.Length);
    }

    [Fact]
    public void A_revisit_holds_the_head_alone_and_its_profile_follows_the_status()
    {
        using var temp = new TempFolder();
        var sample = Sample.Write(temp.Combine("a.warc.gz"));
        var revisits = WarcReader.Read(sample.Path).Where(r => r.Type == "revisit").ToList();

        Assert.Equal<string?>([WarcWriter.IdenticalPayloadProfile, WarcWriter.ServerNotModifiedProfile], revisits.Select(r => r["WARC-Profile"]));
        Assert.All(revisits, r => Assert.Empty(HttpMessage.Parse(r.Block).Payload));
        Assert.All(revisits, r => Assert.Equal(sample.Expected[3].Id, r["WARC-Refers-To"]));
        Assert.All(revisits, r => Assert.Equal(Binary.AbsoluteUri, r["WARC-Refers-To-Target-URI"]));
        Assert.All(revisits, r => Assert.Equal("2024-03-05T00:09:10Z", r["WARC-Refers-To-Date"]));
        Assert.Equal<int?>([200, 304], revisits.Select(r => HttpMessage.Parse(r.Block).Status));
    }

    [Fact]
    public void The_warcinfo_record_comes_first_and_says_the_format_and_who_wrote_it()
    {
        using var temp = new TempFolder();
        var info = WarcReader.Read(Sample.Write(temp.Combine("x.warc.gz")).Path).First();
        var text = Encoding.UTF8.GetString(info.Block);

        Assert.Equal(("warcinfo", "application/warc-fields", "x.warc.gz"), (info.Type, info["Content-Type"], info["WARC-Filename"]));
        Assert.Null(info.TargetUri);
        Assert.Matches(@"^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ$", info["WARC-Date"]);
        Assert.Equal("software: archive-test/1.0\r\noperator: 测试\r\nrobots: obey\r\nformat: WARC File Format 1.1\r\n"
            + $"conformsTo: {WarcWriter.ConformsTo}\r\n", text);
    }

    [Fact]
    public void Each_record_is_its_own_gzip_member_on_disk_when_its_write_returns()
    {
        using var temp = new TempFolder();
        var path = temp.Combine("m.warc.gz");
        using var writer = WarcWriter.Create(path, Info);
        var ids = new List<string> { WarcReader.Read(Copy(path + ".partial", temp.Combine("0.warc.gz"))).Single().RecordId };
        var ends = new List<long> { 0, LengthOnDisk(path + ".partial") };
        for (var i = 0; i < 3; i++)
        {
            ids.Add(writer.WriteResponse(Page, At, Response("200 OK", [0x41, (byte)i]), null));
            ends.Add(LengthOnDisk(path + ".partial"));
        }

        var bytes = File.ReadAllBytes(path + ".partial");
        for (var i = 0; i < ids.Count; i++)
        {
            // A member decompressed alone is exactly one whole record.
            var member = temp.Write($"member{i}.warc", Gunzip(bytes[(int)ends[i]..(int)ends[i + 1]]));
            Assert.Equal(ids[i], WarcReader.Read(member).Single().RecordId);
        }
    }

    [Fact]
    public void The_file_is_under_its_final_name_only_once_complete()
    {
        using var temp = new TempFolder();
        var path = temp.Combine("c.warc.gz");
        var writer = WarcWriter.Create(path, Info);
        writer.WriteResponse(Page, At, Response("200 OK", [1, 2, 3]), null);
        Assert.True(File.Exists(path + ".partial") && !File.Exists(path));

        writer.Complete();
        writer.Dispose();

        Assert.True(File.Exists(path) && !File.Exists(path + ".partial"));
        Assert.Equal(2, WarcReader.Read(path).Count());
        Assert.Throws<ObjectDisposedException>(() => writer.WriteResponse(Page, At, Response("200 OK", []), null));
        Assert.Throws<IOException>(() => WarcWriter.Create(path, Info));
    }

    [Fact]
    public void A_writer_disposed_after_a_torn_record_keeps_the_whole_records_under_the_final_name()
    {
        using var temp = new TempFolder();
        var path = temp.Combine("t.warc.gz");
        var ids = new List<string>();
        long whole;
        using (var writer = WarcWriter.Create(path, Info))
        {
            ids.Add(writer.WriteResponse(Page, At, Response("200 OK", [1]), null));
            ids.Add(writer.WriteResponse(Binary, At, Response("404 Not Found", [2]), null));
            whole = LengthOnDisk(path + ".partial");
            // What a crash in the middle of a write leaves: the start of a gzip member and no end.
            writer.PartialFile.Write([0x1f, 0x8b, 0x08, 0, 0, 0, 0, 0, 0, 0xff, .. RandomNumberGenerator.GetBytes(500)]);
            writer.PartialFile.Flush();
        }

        Assert.False(File.Exists(path + ".partial"));
        Assert.Equal(whole, new FileInfo(path).Length);
        Assert.Equal(ids, WarcReader.Read(path).Skip(1).Select(r => r.RecordId));
        Assert.Equal(ids, Warcio.Read(path).Skip(1).Select(r => r.Id));
    }

    [Fact]
    public void A_writer_disposed_before_any_capture_leaves_no_file()
    {
        using var temp = new TempFolder();
        var path = temp.Combine("e.warc.gz");
        WarcWriter.Create(path, Info).Dispose();

        Assert.Empty(Directory.GetFiles(temp.Path));
    }

    [Fact]
    public void A_plain_warc_file_reads_as_its_gzip_form_does()
    {
        using var temp = new TempFolder();
        var sample = Sample.Write(temp.Combine("p.warc.gz"));
        var plain = temp.Write("p.warc", Gunzip(File.ReadAllBytes(sample.Path)));

        Assert.Equal(WarcReader.Read(sample.Path).Select(r => (r.RecordId, Convert.ToHexString(r.Block))), WarcReader.Read(plain).Select(r => (r.RecordId, Convert.ToHexString(r.Block))));
    }

    [Theory]
    [InlineData("Content-Length: 99", "ends 9 bytes into its 99-byte block")]
    [InlineData("Content-Length: 3", "not followed by CRLFCRLF")]
    [InlineData("Content-Length: many", "Content-Length")]
    [InlineData("WARC-Date: yesterday", "WARC-Date")]
    [InlineData("WARC-Record-ID:", "no WARC-Record-ID")]
    [InlineData("Pretend this is a field", "without a field name")]
    public void A_malformed_record_is_named_by_file_and_number(string badLine, string reason)
    {
        using var temp = new TempFolder();
        var sample = Gunzip(File.ReadAllBytes(Sample.Write(temp.Combine("g.warc.gz")).Path));
        // A record after the six good ones, with the bad line in place of its field of that name or added.
        string[] fields = ["WARC-Type: resource", "WARC-Record-ID: <urn:uuid:0>", "WARC-Date: 2024-01-01T00:00:00Z", "Content-Length: 5"];
        var name = badLine.Split(':')[0] + ":";
        fields = fields.Any(f => f.StartsWith(name, StringComparison.Ordinal))
            ? [.. fields.Select(f => f.StartsWith(name, StringComparison.Ordinal) ? badLine : f)]
            : [.. fields, badLine];
        var bad = "WARC/1.1\r\n" + string.Concat(fields.Select(f => f + "\r\n")) + "\r\nhello\r\n\r\n";
        var file = temp.Write("bad.warc", [.. sample, .. Encoding.ASCII.GetBytes(bad)]);

        var error = Assert.Throws<InvalidDataException>(() => WarcReader.Read(file).ToList());

        Assert.Contains(file + ": record 7 ", error.Message);
        Assert.Contains(reason, error.Message);
    }

    [Fact]
    public void A_gzip_file_cut_inside_a_record_is_malformed_at_that_record_for_both_readers()
    {
        using var temp = new TempFolder();
        var bytes = File.ReadAllBytes(Sample.Write(temp.Combine("cut.warc.gz")).Path);
        var file = temp.Write("cut2.warc.gz", bytes[..(bytes.Length / 2)]); // inside the 2 MB response, record 4

        var error = Assert.Throws<InvalidDataException>(() => WarcReader.Read(file).ToList());
        var warcio = Assert.ThrowsAny<Xunit.Sdk.XunitException>(() => Warcio.Read(file));

        Assert.Contains("cut2.warc.gz: record 4 ", error.Message);
        Assert.Contains("record 4: a block of ", warcio.Message);
    }

    [Fact]
    public void An_http_message_keeps_its_fields_order_and_case_and_a_payload_that_holds_crlfcrlf()
    {
        var bytes = "HTTP/1.1 404 Not Found\r\nX-b: 1\r\nContent-TYPE: text/plain\r\nX-B: 2\r\n\r\nbody\r\n\r\nmore"u8.ToArray();
        var message = HttpMessage.Parse(bytes);

        Assert.Equal<string>(["X-b", "Content-TYPE", "X-B"], message.Headers.Select(h => h.Key));
        Assert.Equal(("1", "text/plain", 404), (message.Header("x-B"), message.Header("content-type"), message.Status));
        Assert.Equal("body\r\n\r\nmore"u8.ToArray(), message.Payload);
        Assert.Equal(bytes, message.ToBytes());
        Assert.Null(HttpMessage.Parse("GET /a HTTP/1.1\r\nHost: x\r\n\r\n"u8.ToArray()).Status);
        Assert.Throws<ArgumentException>(() => new HttpMessage("HTTP/1.1 200 OK", [new("X", "a\r\nSet-Cookie: b")], []).ToBytes());
    }

    [Theory]
    [InlineData("", "sha1:3I42H3S6NNFQ2MSVX7XZKYAYSCX5QBYJ")]
    [InlineData("abc", "sha1:VGMT4NSHA2AWVOR6EVYXQUGCNSONBWE5")]
    public void A_digest_is_sha1_in_base32(string data, string digest) =>
        Assert.Equal(digest, WarcDigest.Sha1Base32(Encoding.ASCII.GetBytes(data)));

    [Fact]
    public void Warcio_reads_the_file_to_the_records_written_with_digests_that_hold()
    {
        using var temp = new TempFolder();
        var sample = Sample.Write(temp.Combine("w.warc.gz"));

        var read = Warcio.Read(sample.Path);

        Assert.Equal(sample.Expected.Count, read.Length);
        foreach (var (record, expected) in read.Zip(sample.Expected))
        {
            Assert.Equal((expected.Type, expected.Id, expected.Target?.AbsoluteUri), (record.Type, record.Id, record.Target));
            Assert.True(record.DigestsVerified, $"warcio's {record.Type} record {record.Id}: digests do not match its block and payload");
            Assert.Equal(expected.PayloadDigest, record.PayloadDigest);
            Assert.Equal(expected.Block.Length, record.Length);
            if (expected.Type != "warcinfo")
            {
                Assert.Equal("2024-03-05T00:09:10Z", record.Date);
                Assert.Equal(Convert.ToHexStringLower(SHA256.HashData(expected.Payload)), record.PayloadSha256);
                Assert.Equal(expected.Status, record.HttpStatus);
            }
        }
    }

    private sealed record Expected(string Type, string Id, Uri? Target, byte[] Block, byte[] Payload, string? PayloadDigest, int? Status);

    /// <summary>
    /// A file with every kind of record, each with the block written out by hand here rather than by HttpMessage:
    /// warcinfo, a GBK page answered chunked, its request, a 2 MB binary, and two revisits of it (200 and 304).
    /// </summary>
    private sealed record Sample(string Path, string InfoId, List<Expected> Expected)
    {
        public static Sample Write(string path)
        {
            var html = Encoding.GetEncoding("GBK").GetBytes(Html);
            var binary = new byte[2 << 20];
            new Random(7).NextBytes(binary);
            var expected = new List<Expected>();
            using var writer = WarcWriter.Create(path, Info);
            var pageHead = "HTTP/1.1 200 OK\r\nContent-Type: text/html; charset=GBK\r\nTransfer-Encoding: chunked\r\n\r\n";
            var pageId = writer.WriteResponse(Page, At, HttpMessage.Parse([.. Encoding.ASCII.GetBytes(pageHead), .. html]), null);
            var storedHead = pageHead.Replace("Transfer-Encoding", "X-Archive-Orig-Transfer-Encoding", StringComparison.Ordinal);
            expected.Add(new("response", pageId, Page, [.. Encoding.ASCII.GetBytes(storedHead), .. html], html, WarcDigest.Sha1Base32(html), 200));
            var request = $"GET {Page.PathAndQuery} HTTP/1.1\r\nHost: www.example.gov.cn\r\nUser-Agent: archive-test\r\n\r\n";
            var requestId = writer.WriteRequest(Page, At, HttpMessage.Parse(Encoding.ASCII.GetBytes(request)), pageId);
            expected.Add(new("request", requestId, Page, Encoding.ASCII.GetBytes(request), [], null, null));
            var binaryHead = "HTTP/1.1 200 OK\r\nContent-Type: application/pdf\r\nETag: \"x1\"\r\n\r\n";
            var binaryId = writer.WriteResponse(Binary, At, HttpMessage.Parse([.. Encoding.ASCII.GetBytes(binaryHead), .. binary]), "2001:db8::1");
            var digest = WarcDigest.Sha1Base32(binary);
            expected.Add(new("response", binaryId, Binary, [.. Encoding.ASCII.GetBytes(binaryHead), .. binary], binary, digest, 200));
            foreach (var head in new[] { binaryHead, "HTTP/1.1 304 Not Modified\r\nETag: \"x1\"\r\n\r\n" })
            {
                // A revisit is given the whole response; only its head is stored.
                var id = writer.WriteRevisit(Binary, At, HttpMessage.Parse([.. Encoding.ASCII.GetBytes(head), .. binary]), binaryId, Binary, At, digest);
                expected.Add(new("revisit", id, Binary, Encoding.ASCII.GetBytes(head), [], digest, head.Contains("304", StringComparison.Ordinal) ? 304 : 200));
            }

            writer.Complete();
            var info = WarcReader.Read(writer.Path).First();
            expected.Insert(0, new("warcinfo", info.RecordId, null, info.Block, [], null, null));
            return new Sample(writer.Path, info.RecordId, expected);
        }
    }

    private static HttpMessage Response(string status, byte[] payload) => new($"HTTP/1.1 {status}", [new("Content-Type", "application/octet-stream")], payload);

    private static long LengthOnDisk(string path)
    {
        using var file = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.ReadWrite);
        return file.Length;
    }

    private static string Copy(string from, string to)
    {
        using (var source = new FileStream(from, FileMode.Open, FileAccess.Read, FileShare.ReadWrite))
        using (var target = File.Create(to))
        {
            source.CopyTo(target);
        }

        return to;
    }

    private static byte[] Gunzip(byte[] bytes)
    {
        using var gzip = new GZipStream(new MemoryStream(bytes), CompressionMode.Decompress);
        var plain = new MemoryStream();
        gzip.CopyTo(plain);
        return plain.ToArray();
    }
}
