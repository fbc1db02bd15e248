// The static index (src/Archive/Search/Contract/FORMAT.md §4, version 4): manifest, catalog, document tables, and the
// packs that hold doc blocks, key shards, postings, positions and report texts; fetched on demand through an injected
// fetchFile(path, range) and kept in memory, so a later query fetches only what is new. fetchFile resolves to the
// file's bytes (an ArrayBuffer for .bin files, text otherwise), or, given range [start, end), to those bytes of it.
// Packs are only ever read as ranges: a whole pack can be megabytes. What the bytes mean is decode.js's part.

import {
  asBytes, asText, checkMagic, decodePostings, frontDecoded, inflate, pad, parseChunk, parseDocBlock, parseShard,
  recordBounds, shardOf, slotRecord, VarintReader,
} from './decode.js';

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

  /** Bytes [start, end) of a file (a pack: packs are only read as ranges), fetched and parsed once. */
  part(path, range, parse = bytes => bytes) {
    return this.load(path, data => {
      const bytes = asBytes(data, path);
      if (bytes.length !== range[1] - range[0]) throw new Error(`search index: ${path} gave ${bytes.length} bytes for its range ${range[0]}–${range[1]}`);
      return parse(bytes);
    }, range);
  }

  /**
   * Record r of a collection in the indexed packs folder/NNNN.bin, perPack records to a pack (FORMAT.md §4.0),
   * parsed by parse: its place from the pack's offset table, then its bytes, each read once. The pack's magic is
   * not checked: neither read includes it, and fetching it as well would cost a request; the manifest's version
   * already says what the packs hold.
   */
  async record(folder, perPack, r, parse) {
    const path = `${folder}${pad(Math.floor(r / perPack), 4)}.bin`;
    const i = r % perPack;
    const range = await this.part(path, [8 + 4 * i, 16 + 4 * i], bytes => recordBounds(bytes, path, i));
    return this.part(path, range, parse);
  }

  /**
   * Record r of a collection in the slotted packs folder/NNNN.bin, perPack slots of size bytes to a pack (FORMAT.md
   * §4.0), parsed by parse: its slot, bytes [8 + i · size, 8 + (i + 1) · size) of its pack, is read once, with one
   * request and no table. As with record(), the pack's magic is not read.
   */
  slot(folder, perPack, size, r, parse) {
    const path = `${folder}${pad(Math.floor(r / perPack), 4)}.bin`;
    const i = r % perPack;
    const start = 8 + i * size;
    return this.part(path, [start, start + size], bytes => parse(slotRecord(bytes, path, i)));
  }

  manifest() {
    return this.load('manifest.json', data => {
      const manifest = JSON.parse(asText(data));
      if (manifest.format !== 'archive-search' || manifest.version !== 4 || manifest.normalization !== 1) {
        throw new Error(`search index: format ${manifest.format} ${manifest.version} is not archive-search 4`);
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
   * A doc's display entry: { id, title, url, published, bureau, bureauUrl, firstChunk, text ([pack, offset] of the
   * doc's text record), chunks (each chunk's length in that record), chunkCount }; null for a removed doc.
   */
  async doc(d) {
    const { docBlock, blocksPerPack, blockBytes } = await this.manifest();
    // A slot holds a 2-byte length and a record of at least one byte (an index written before slotted doc packs
    // has no blockBytes).
    if (!Number.isInteger(blockBytes) || blockBytes < 3) throw new Error(`search index: the manifest gives no usable slot size for doc blocks (blockBytes ${blockBytes})`);
    const block = Math.floor(d / docBlock);
    const docs = await this.slot('docs/', blocksPerPack, blockBytes, block, parseDocBlock);
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
   * { prefix, keyShards, shardsPerPack, minDf, docCount, void } (docCount: the docs its bitsets span; void: the docs
   * the base no longer describes, ascending).
   */
  async segments() {
    const manifest = await this.manifest();
    if (!this.segmentList) {
      const base = { prefix: '', keyShards: manifest.keyShards, shardsPerPack: manifest.shardsPerPack, minDf: manifest.minDf, docCount: manifest.docCount, void: new Uint32Array(0) };
      const update = manifest.update;
      // The base's bitsets span the docs it was made with; the update's, every doc.
      this.segmentList = update
        ? [
          { ...base, docCount: update.baseDocCount, void: Uint32Array.from(update.void) },
          { prefix: 'update/', keyShards: update.keyShards, shardsPerPack: update.shardsPerPack, minDf: update.minDf, docCount: manifest.docCount, void: new Uint32Array(0) },
        ]
        : [base];
    }
    return this.segmentList;
  }

  /**
   * A key's entry { df, bytes | postingsAt and hints, positionsAt } in a segment (default: the base; see parseShard),
   * or null when the key does not exist there.
   */
  async entry(key, segment = null) {
    const { maxGram } = await this.manifest();
    const { prefix, keyShards, shardsPerPack } = segment ?? (await this.segments())[0];
    const entries = await this.record(`${prefix}keys/`, shardsPerPack, shardOf(key, keyShards), bytes => parseShard(bytes, maxGram, prefix));
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
    const bytes = entry.bytes ?? await this.part(entry.postingsAt.path, entry.postingsAt.range);
    return decodePostings(bytes, entry.df, docCount);
  }

  /**
   * The hit positions of a key of maxGram code points in a segment: one Uint32Array per doc of its postings, in
   * postings order; null when the key does not exist there.
   */
  async positions(key, segment = null) {
    const [postings, entry] = await Promise.all([this.postings(key, segment), this.entry(key, segment)]);
    if (!postings) return null;
    const reader = new VarintReader(await this.part(entry.positionsAt.path, entry.positionsAt.range));
    return Array.from(postings.hits, tf => {
      const at = new Uint32Array(tf);
      let position = 0;
      for (let i = 0; i < tf; i++) at[i] = position = i === 0 ? reader.next() : position + reader.next();
      return at;
    });
  }

  /**
   * Chunks from … to − 1 of doc d (chunk numbers within the doc; entry: the doc's from doc()), each
   * { doc, blocks, tail }, fetched with one request: the range of bytes they fill in the doc's record of the text
   * packs (FORMAT.md §4.4).
   */
  async chunks(d, entry, from, to) {
    const [pack, offset] = entry.text;
    const ends = [0];
    for (const length of entry.chunks) ends.push(ends[ends.length - 1] + length);
    const bytes = await this.part(`text/${pad(pack, 4)}.bin`, [offset + ends[from], offset + ends[to]]);
    const chunks = [];
    for (let c = from; c < to; c++) chunks.push(parseChunk(d, await inflate(bytes.subarray(ends[c] - ends[from], ends[c + 1] - ends[from]))));
    return chunks;
  }
}
