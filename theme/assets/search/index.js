// The static index (src/Archive/Search/Contract/FORMAT.md §4, version 3): manifest, catalog, document tables and
// blocks, key shards with postings, text files; fetched on demand through an injected fetchFile(path, range) and kept
// in memory, so a later query fetches only what is new. fetchFile resolves to the file's bytes (an ArrayBuffer for .bin
// files, text otherwise), or, given range [start, end), to those bytes of it.

const FNV_OFFSET = 2166136261;
const FNV_PRIME = 16777619;

/** FNV-1a 32-bit over a key's UTF-16 code units, modulo the shard count. */
function shardOf(key, shards) {
  let h = FNV_OFFSET;
  for (let i = 0; i < key.length; i++) {
    h = Math.imul(h ^ key.charCodeAt(i), FNV_PRIME) >>> 0;
  }
  return h % shards;
}

/** Reads unsigned LEB128 varints from a byte array. */
class VarintReader {
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

function checkMagic(bytes, magic, what) {
  for (let i = 0; i < magic.length; i++) {
    if (bytes[i] !== magic.charCodeAt(i)) throw new Error(`search index: ${what} does not start with ${magic}`);
  }
}

function asBytes(data, what) {
  if (typeof data === 'string') throw new Error(`search index: ${what} was read as text`);
  return new Uint8Array(data);
}

function asText(data) {
  return typeof data === 'string' ? data : new TextDecoder().decode(data);
}

function pad(number, width) {
  return String(number).padStart(width, '0');
}

/**
 * A key shard: key → { df, bytes (inline postings) | file (shared by keys with the same postings) and hints (the docs
 * of a search for the key alone's first page), positions }, positions (keys of maxGram code points only) being
 * { offset, length } in the shard's shared positions file or { file } of their own.
 */
function parseShard(bytes, shard, maxGram, prefix) {
  checkMagic(bytes, 'ASK2', 'a key shard');
  const reader = new VarintReader(bytes, 4);
  const count = reader.next();
  const entries = new Map();
  const decoder = new TextDecoder();
  const name = pad(shard, 4);
  let ownPositions = 0;
  let shared = 0;
  for (let i = 0; i < count; i++) {
    const keyLength = reader.next();
    const key = decoder.decode(bytes.subarray(reader.position, reader.position + keyLength));
    reader.position += keyLength;
    const df = reader.next();
    const length = reader.next();
    const entry = { df, bytes: null, file: null, positions: null, hints: null };
    if (length > 0) {
      entry.bytes = bytes.subarray(reader.position, reader.position + length);
      reader.position += length;
    } else {
      entry.file = `${prefix}postings/${pad(reader.next(), 6)}.bin`;
      const hints = new Uint32Array(reader.next());
      for (let h = 0, doc = -1; h < hints.length; h++) hints[h] = doc += reader.next() + 1;
      entry.hints = hints;
    }
    if (Array.from(key).length === maxGram) {
      const q = reader.next();
      entry.positions = q > 0 ? { file: `${prefix}positions/${name}.bin`, offset: shared, length: q } : { file: `${prefix}positions/${name}-${ownPositions++}.bin`, offset: 0, length: -1 };
      shared += q;
    }
    entries.set(key, entry);
  }
  return entries;
}

/** Postings bytes (§4.3) → { df, docs, hits }, docs ascending. */
function decodePostings(bytes, df, docCount) {
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
function frontDecoded({ shared, rest }) {
  const strings = [];
  rest.forEach((tail, i) => strings.push((i > 0 ? strings[i - 1].slice(0, shared[i]) : '') + tail));
  return strings;
}

/** Inflates one raw deflate stream (a chunk of a text file, FORMAT.md §4.4). */
async function inflate(bytes) {
  const stream = new Blob([bytes]).stream().pipeThrough(new DecompressionStream('deflate-raw'));
  return new Uint8Array(await new Response(stream).arrayBuffer());
}

/** A chunk's JSON [tail, anchor, text, anchor, text, …] → { doc, blocks: [[anchor, text], …], tail }. */
function parseChunk(doc, bytes) {
  const [tail, ...flat] = JSON.parse(new TextDecoder().decode(bytes));
  const blocks = [];
  for (let i = 0; i + 1 < flat.length; i += 2) blocks.push([flat[i], flat[i + 1]]);
  return { doc, blocks, tail };
}

/** The static search index behind fetchFile(path, range), path relative to the search folder. */
export class SearchIndex {
  constructor(fetchFile) {
    this.fetchFile = fetchFile;
    this.files = new Map();
    this.postingsCache = new Map();
    this.segmentList = null;
  }

  /**
   * Fetches and parses a file, or the bytes [start, end) of it, once; a failed fetch is forgotten so that a retry
   * can succeed.
   */
  load(path, parse, range = null) {
    const key = range ? `${path}#${range[0]}-${range[1]}` : path;
    let promise = this.files.get(key);
    if (!promise) {
      promise = Promise.resolve().then(() => (range ? this.fetchFile(path, range) : this.fetchFile(path))).then(parse);
      promise.catch(() => this.files.delete(key));
      this.files.set(key, promise);
    }
    return promise;
  }

  manifest() {
    return this.load('manifest.json', data => {
      const manifest = JSON.parse(asText(data));
      if (manifest.format !== 'archive-search' || manifest.version !== 3 || manifest.normalization !== 1) {
        throw new Error(`search index: format ${manifest.format} ${manifest.version} is not archive-search 3`);
      }
      return manifest;
    });
  }

  /**
   * The catalog (FORMAT.md §4.2), expanded: { bureaus: { ids, docs, regions, kinds?, kindNames?, added? }, regions:
   * [{ code, parent, name? }] }, parent being an index or null, regions[i] of a bureau its region's index, kinds[i]
   * its kind's index in kindNames.
   */
  catalog() {
    return this.load('catalog.json', data => {
      const { bureaus, regions } = JSON.parse(asText(data));
      let region = 0;
      const codes = frontDecoded(regions.codes);
      return {
        bureaus: { ...bureaus, ids: frontDecoded(bureaus.ids), regions: bureaus.regions.map(delta => (region += delta)) },
        regions: codes.map((code, i) => {
          const entry = { code, parent: regions.parents[i] === 0 ? null : i - regions.parents[i] };
          if (regions.names[i] !== 0) entry.name = regions.names[i];
          return entry;
        }),
      };
    });
  }

  /** Per doc: year covered and the quantized length dl of FORMAT.md §3. */
  async docsTable() {
    const { docCount } = await this.manifest();
    return this.load('docs.bin', data => {
      const bytes = asBytes(data, 'docs.bin');
      checkMagic(bytes, 'ASD2', 'docs.bin');
      const reader = new VarintReader(bytes, 4);
      const years = new Int32Array(docCount);
      for (let d = 0; d < docCount; d++) years[d] = reader.next();
      const lengths = new Float64Array(docCount);
      for (let d = 0; d < docCount; d++) lengths[d] = Math.round(2 ** (bytes[reader.position + d] / 2));
      return { years, lengths };
    });
  }

  /** Per doc: the published date as days since 1970 plus one, 0 when unknown (only sorting by date needs it). */
  async dates() {
    const { docCount } = await this.manifest();
    return this.load('dates.bin', data => {
      const bytes = asBytes(data, 'dates.bin');
      checkMagic(bytes, 'ASP2', 'dates.bin');
      const reader = new VarintReader(bytes, 4);
      const days = new Int32Array(docCount);
      for (let d = 0; d < docCount; d++) days[d] = reader.next();
      return days;
    });
  }

  /**
   * A doc's display entry: { id, title, url, published, bureau, bureauUrl, firstChunk, chunks (each chunk's length
   * in the doc's text file), chunkCount }; null for a removed doc.
   */
  async doc(d) {
    const { docBlock } = await this.manifest();
    const block = Math.floor(d / docBlock);
    const docs = await this.load(`docs/${pad(block, 4)}.json`, data => {
      const entries = JSON.parse(asText(data));
      for (const entry of entries) if (entry) entry.chunkCount = entry.chunks.length;
      return entries;
    });
    return docs[d - block * docBlock];
  }

  /** A bureau's display entry: { name, url }. */
  async bureau(b) {
    const { bureauBlock } = await this.manifest();
    const block = Math.floor(b / bureauBlock);
    const bureaus = await this.load(`bureaus/${pad(block, 4)}.json`, data => JSON.parse(asText(data)));
    return bureaus[b - block * bureauBlock];
  }

  /**
   * The key sets of the index (FORMAT.md §4.6): the base, and the update when there is one, each
   * { prefix, keyShards, minDf, docCount, void } (docCount: the docs its bitsets span; void: the docs the base no
   * longer describes, ascending).
   */
  async segments() {
    const manifest = await this.manifest();
    if (!this.segmentList) {
      const base = { prefix: '', keyShards: manifest.keyShards, minDf: manifest.minDf, docCount: manifest.docCount, void: new Uint32Array(0) };
      const update = manifest.update;
      // The base's bitsets span the docs it was made with; the update's, every doc.
      this.segmentList = update
        ? [
          { ...base, docCount: update.baseDocCount, void: Uint32Array.from(update.void) },
          { prefix: 'update/', keyShards: update.keyShards, minDf: update.minDf, docCount: manifest.docCount, void: new Uint32Array(0) },
        ]
        : [base];
    }
    return this.segmentList;
  }

  /** A key's entry { df, bytes | file } in a segment (default: the base), or null when the key does not exist there. */
  async entry(key, segment = null) {
    const { maxGram } = await this.manifest();
    const { prefix, keyShards } = segment ?? (await this.segments())[0];
    const shard = shardOf(key, keyShards);
    const entries = await this.load(`${prefix}keys/${pad(shard, 4)}.bin`, data => parseShard(asBytes(data, 'a key shard'), shard, maxGram, prefix));
    return entries.get(key) ?? null;
  }

  /** A key's postings { df, docs, hits } in a segment (default: the base), or null when the key does not exist there. */
  async postings(key, segment = null) {
    const { prefix } = segment ?? (await this.segments())[0];
    let promise = this.postingsCache.get(prefix + key);
    if (!promise) {
      promise = this.readPostings(key, segment);
      promise.catch(() => this.postingsCache.delete(prefix + key));
      this.postingsCache.set(prefix + key, promise);
    }
    return promise;
  }

  async readPostings(key, segment) {
    const [segments, entry] = await Promise.all([this.segments(), this.entry(key, segment)]);
    if (!entry) return null;
    const { docCount } = segment ?? segments[0];
    const bytes = entry.bytes ?? await this.load(entry.file, data => asBytes(data, entry.file));
    return decodePostings(bytes, entry.df, docCount);
  }

  /**
   * The hit positions of a key of maxGram code points in a segment: one Uint32Array per doc of its postings, in
   * postings order; null when the key does not exist there.
   */
  async positions(key, segment = null) {
    const [postings, entry] = await Promise.all([this.postings(key, segment), this.entry(key, segment)]);
    if (!postings) return null;
    const { file, offset, length } = entry.positions;
    const whole = await this.load(file, data => asBytes(data, file));
    const reader = new VarintReader(length < 0 ? whole : whole.subarray(offset, offset + length));
    return Array.from(postings.hits, tf => {
      const at = new Uint32Array(tf);
      let position = 0;
      for (let i = 0; i < tf; i++) at[i] = position = i === 0 ? reader.next() : position + reader.next();
      return at;
    });
  }

  /**
   * Chunks from … to − 1 of doc d (chunk numbers within the doc; entry: the doc's from doc()), each
   * { doc, blocks, tail }, fetched with one request: the doc's whole text file when all are wanted (cached for
   * any later range), else the range of bytes they fill in it.
   */
  async chunks(d, entry, from, to) {
    const path = `text/${pad(entry.firstChunk, 6)}.bin`;
    const ends = [0];
    for (const length of entry.chunks) ends.push(ends[ends.length - 1] + length);
    const whole = this.files.has(path) || (from === 0 && to === entry.chunks.length);
    const [start, end] = whole ? [0, ends[ends.length - 1]] : [ends[from], ends[to]];
    const bytes = await this.load(path, data => asBytes(data, path), whole ? null : [start, end]);
    if (bytes.length !== end - start) throw new Error(`search index: ${path} holds ${bytes.length} bytes where ${end - start} were expected`);
    const chunks = [];
    for (let c = from; c < to; c++) chunks.push(parseChunk(d, await inflate(bytes.subarray(ends[c] - start, ends[c + 1] - start))));
    return chunks;
  }
}
