// Decoding the files of the static index (src/Archive/Search/Contract/FORMAT.md §4, version 4): varints, key shards,
// postings, the records of indexed and slotted packs, doc blocks and text chunks. Pure functions of bytes; index.js
// decides what to fetch.
const FNV_OFFSET = 2166136261;
const FNV_PRIME = 16777619;

/** FNV-1a 32-bit over a key's UTF-16 code units, modulo the shard count. */
export function shardOf(key, shards) {
  let h = FNV_OFFSET;
  for (let i = 0; i < key.length; i++) {
    h = Math.imul(h ^ key.charCodeAt(i), FNV_PRIME) >>> 0;
  }
  return h % shards;
}

/** Reads unsigned LEB128 varints from a byte array. */
export class VarintReader {
  constructor(bytes, position = 0) {
    this.bytes = bytes;
    this.position = position;
  }

  next() {
    let value = 0;
    let scale = 1;
    for (;;) {
      if (this.position >= this.bytes.length) throw new Error('search index: a file ends inside a number');
      const byte = this.bytes[this.position++];
      value += (byte & 0x7f) * scale;
      if (byte < 0x80) return value;
      scale *= 128;
    }
  }
}

export function checkMagic(bytes, magic, what) {
  for (let i = 0; i < magic.length; i++) {
    if (bytes[i] !== magic.charCodeAt(i)) throw new Error(`search index: ${what} does not start with ${magic}`);
  }
}

export function asBytes(data, what) {
  if (typeof data === 'string') throw new Error(`search index: ${what} was read as text`);
  return new Uint8Array(data);
}

export function asText(data) {
  return typeof data === 'string' ? data : new TextDecoder().decode(data);
}

export function pad(number, width) {
  return String(number).padStart(width, '0');
}

/** Bytes [offset, offset + length) of plain pack number `pack` under folder (FORMAT.md §4.0): { path, range }. */
function packed(folder, pack, offset, length) {
  return { path: `${folder}${pad(pack, 4)}.bin`, range: [offset, offset + length] };
}

/**
 * A key shard (a record of the key packs, FORMAT.md §4.3): key → { df, bytes (inline postings) | postingsAt (a
 * range of a postings pack, shared by keys with the same postings) and hints (the docs of a search for the key
 * alone's first page), positionsAt (keys of maxGram code points only: a range of a postings pack) }.
 */
export function parseShard(bytes, maxGram, prefix) {
  const reader = new VarintReader(bytes);
  const count = reader.next();
  const entries = new Map();
  const decoder = new TextDecoder();
  const postingsFolder = `${prefix}postings/`;
  for (let i = 0; i < count; i++) {
    const keyLength = reader.next();
    const key = decoder.decode(bytes.subarray(reader.position, reader.position + keyLength));
    reader.position += keyLength;
    const df = reader.next();
    const length = reader.next();
    const entry = { df, bytes: null, postingsAt: null, positionsAt: null, hints: null };
    if (length > 0) {
      entry.bytes = bytes.subarray(reader.position, reader.position + length);
      reader.position += length;
    } else {
      const pack = reader.next();
      const offset = reader.next();
      entry.postingsAt = packed(postingsFolder, pack, offset, reader.next());
      const hints = new Uint32Array(reader.next());
      for (let h = 0, doc = -1; h < hints.length; h++) hints[h] = doc += reader.next() + 1;
      entry.hints = hints;
    }
    if (Array.from(key).length === maxGram) {
      // Q, P, O: the length comes first here, unlike the postings' P, O, N.
      const q = reader.next();
      const pack = reader.next();
      entry.positionsAt = packed(postingsFolder, pack, reader.next(), q);
    }
    entries.set(key, entry);
  }
  return entries;
}

/**
 * Where record i of an indexed pack starts and ends, from its 8 bytes [8 + 4i, 16 + 4i) of the offset table
 * (FORMAT.md §4.0: 32-bit little-endian). A record starts past the table, which holds at least i + 2 offsets.
 */
export function recordBounds(bytes, path, i) {
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const start = view.getUint32(0, true);
  const end = view.getUint32(4, true);
  if (start < 16 + 4 * i || end < start) throw new Error(`search index: ${path} gives record ${i} the bytes ${start}–${end}`);
  return [start, end];
}

/**
 * The record in slot i of a slotted pack (FORMAT.md §4.0), from the slot's S bytes: its length L (16-bit
 * little-endian), then its L bytes; the rest of the slot is padding. A record is never empty, and fits its slot.
 */
export function slotRecord(bytes, path, i) {
  const length = bytes[0] | (bytes[1] << 8);
  if (length < 1 || length > bytes.length - 2) {
    throw new Error(`search index: ${path} gives the record in slot ${i} ${length} bytes, but a slot of ${bytes.length} bytes holds 1 to ${bytes.length - 2}`);
  }
  return bytes.subarray(2, 2 + length);
}

/** Postings bytes (§4.3) → { df, docs, hits }, docs ascending. */
export function decodePostings(bytes, df, docCount) {
  const docs = new Uint32Array(df);
  const hits = new Uint32Array(df);
  let reader;
  if (bytes[0] === 1) {
    let n = 0;
    for (let d = 0; d < docCount && n < df; d++) {
      if (bytes[1 + (d >> 3)] & (1 << (d & 7))) docs[n++] = d;
    }
    reader = new VarintReader(bytes, 1 + ((docCount + 7) >> 3));
  } else {
    reader = new VarintReader(bytes, 1);
    let doc = -1;
    for (let i = 0; i < df; i++) docs[i] = doc += reader.next() + 1;
  }
  for (let i = 0; i < df; i++) hits[i] = reader.next();
  return { df, docs, hits };
}

/** Front-coded strings { shared, rest } (FORMAT.md §4.2) → the strings. */
export function frontDecoded({ shared, rest }) {
  const strings = [];
  rest.forEach((tail, i) => strings.push((i > 0 ? strings[i - 1].slice(0, shared[i]) : '') + tail));
  return strings;
}

/**
 * Inflates one raw deflate stream (a doc block, FORMAT.md §4.2, or a chunk of a doc's text, §4.4). The bytes are
 * written straight into the decompressor: wrapping them in a Blob first cost Chromium's main thread ~1 ms a stream
 * (13 ms of a query that shows ten titles), more than the inflating itself.
 */
export async function inflate(bytes) {
  const decompressor = new DecompressionStream('deflate-raw');
  const writer = decompressor.writable.getWriter();
  // Damaged bytes reject the reads below, which say so; these two would only repeat it.
  writer.write(bytes).catch(() => {});
  writer.close().catch(() => {});
  const reader = decompressor.readable.getReader();
  const parts = [];
  let length = 0;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    parts.push(value);
    length += value.length;
  }
  if (parts.length === 1) return parts[0];
  const inflated = new Uint8Array(length);
  let at = 0;
  for (const part of parts) {
    inflated.set(part, at);
    at += part.length;
  }
  return inflated;
}

/** A doc block's entries (FORMAT.md §4.2), each with its chunkCount; null for a removed doc. */
export async function parseDocBlock(bytes) {
  const entries = JSON.parse(new TextDecoder().decode(await inflate(bytes)));
  for (const entry of entries) if (entry) entry.chunkCount = entry.chunks.length;
  return entries;
}

/** A chunk's JSON [tail, anchor, text, anchor, text, …] → { doc, blocks: [[anchor, text], …], tail }. */
export function parseChunk(doc, bytes) {
  const [tail, ...flat] = JSON.parse(new TextDecoder().decode(bytes));
  const blocks = [];
  for (let i = 0; i + 1 < flat.length; i += 2) blocks.push([flat[i], flat[i + 1]]);
  return { doc, blocks, tail };
}
