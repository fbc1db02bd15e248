// node warc-read.mjs <file.warc.gz> [in.json out.json]: reads a WARC file with warcio (Webrecorder's reader, written
// independently of the archive's C# one) and prints one JSON object a line per record:
// { type, id, date, target, contentType, length, payloadDigest, blockDigest, payloadSha256, httpStatus, digestsVerified }.
// payloadSha256 is the hex SHA-256 of the payload as warcio gives it raw (HTTP head stripped, not de-chunked or
// decompressed); digestsVerified says whether WARC-Block-Digest, and WARC-Payload-Digest where the record's own payload
// is what it digests (not on a revisit, whose digest is the earlier response's), are the SHA-1 base32 computed here.
// When two more paths follow (how NodeScript runs a script: its input file, unused here, then its output file) the
// records are also written to the last one as a JSON array. Exits 1 with a message on stderr when warcio cannot read
// the file, warns about it (a Content-Length that does not match the block), or reads a record that is not whole (no
// version line or mandatory field, a block shorter than its Content-Length, a gzip member cut short: warcio itself
// passes these over).

import { createReadStream, statSync, writeFileSync } from 'node:fs';
import { createHash } from 'node:crypto';
import { WARCParser } from 'warcio';

const [file, , output] = process.argv.slice(2);
if (!file) {
  console.error('usage: node warc-read.mjs <file.warc.gz> [in.json out.json]');
  process.exit(2);
}

const warnings = [];
console.warn = (...parts) => warnings.push(parts.join(' '));

const base32 = bytes => {
  const alphabet = 'ABCDEFGHIJKLMNOPQRSTUVWXYZ234567';
  let text = '', buffer = 0, bits = 0;
  for (const b of bytes) {
    buffer = ((buffer << 8) | b) & 0xffff;
    bits += 8;
    while (bits >= 5) {
      bits -= 5;
      text += alphabet[(buffer >> bits) & 31];
    }
  }
  if (bits > 0) text += alphabet[(buffer << (5 - bits)) & 31];
  while (text.length % 8 !== 0) text += '=';
  return text;
};
const sha1 = bytes => 'sha1:' + base32(createHash('sha1').update(bytes).digest());
const matches = (field, bytes) => typeof field === 'string' && field.toLowerCase().startsWith('sha1:') && field.slice(5).toUpperCase() === sha1(bytes).slice(5);

// Two passes, both warcio's: without HTTP parsing a record's content is its whole block (for WARC-Block-Digest), with it
// the payload after the HTTP head (for WARC-Payload-Digest and payloadSha256).
async function records(parseHttp) {
  const read = [];
  const parser = new WARCParser(createReadStream(file), { parseHttp });
  for await (const record of parser) {
    // readFully(false): the raw payload, not de-chunked or content-decoded.
    const content = await record.readFully(false);
    // warcio is lenient: it hands over a cut block as a short one.
    if (!parseHttp && content.length !== record.warcContentLength) throw new Error(`record ${read.length + 1}: a block of ${content.length} bytes, Content-Length ${record.warcContentLength}`);
    read.push({ record, content });
  }
  // ...and stops without a word at a gzip member cut short before its first line: then it has not read to the end.
  const consumed = parser._reader.getRawOffset();
  if (consumed !== statSync(file).size) throw new Error(`reading stopped at byte ${consumed} of ${statSync(file).size}, after record ${read.length}`);
  return read;
}

let lines;
try {
  const blocks = await records(false);
  const payloads = await records(true);
  if (blocks.length !== payloads.length) throw new Error(`${blocks.length} records read without HTTP parsing, ${payloads.length} with it`);
  lines = payloads.map(({ record, content }, i) => {
    const field = name => record.warcHeaders.headers.get(name);
    // Garbage, too, comes as a record, with no fields.
    const version = record.warcHeaders.statusline;
    if (version !== 'WARC/1.1' && version !== 'WARC/1.0') throw new Error(`record ${i + 1} starts with "${version}", not a WARC version line`);
    for (const name of ['WARC-Type', 'WARC-Record-ID', 'WARC-Date', 'Content-Length']) {
      if (!field(name)) throw new Error(`record ${i + 1} has no ${name}`);
    }
    const http = record.httpHeaders;
    const payloadDigest = field('WARC-Payload-Digest');
    const ownPayload = http !== null && record.warcType !== 'revisit';
    const status = http !== null && record.warcType !== 'request' ? Number(http.statusCode) : NaN;
    return {
      type: record.warcType,
      id: field('WARC-Record-ID'),
      date: record.warcDate,
      target: record.warcTargetURI ?? null,
      contentType: record.warcContentType ?? null,
      length: record.warcContentLength,
      payloadDigest: payloadDigest ?? null,
      blockDigest: field('WARC-Block-Digest') ?? null,
      payloadSha256: http !== null ? createHash('sha256').update(content).digest('hex') : null,
      httpStatus: Number.isInteger(status) ? status : null,
      digestsVerified: matches(field('WARC-Block-Digest'), blocks[i].content) && (!ownPayload || payloadDigest == null || matches(payloadDigest, content)),
    };
  });
} catch (e) {
  console.error(`warcio could not read ${file}: ${e?.stack ?? e}`);
  process.exit(1);
}

if (warnings.length > 0) {
  console.error(`warcio warned while reading ${file}:\n${warnings.join('\n')}`);
  process.exit(1);
}

for (const line of lines) console.log(JSON.stringify(line));
if (output) writeFileSync(output, JSON.stringify(lines));
