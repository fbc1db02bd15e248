// Writes a small static search index in format version 4 (src/Archive/Search/Contract/FORMAT.md §4) from a corpus given
// as { bureaus, regions, docs: [{ id, title, url, bureau, year, published, regions, blocks: [[anchor, text]] }] }
// (`bureau` indexes `bureaus`, `regions` index `regions` from province down; a bureau may also carry its own
// `regions`). A second, independent reading of the format, so the engine can be tested on crafted corpora (one or two
// key shards, tiny limits for inline postings, tiny packs, short overlaps) without the C# exporter. Written for
// clarity, not speed: it counts every gram of every document in memory, which is fine for test corpora.

import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { deflateRawSync } from 'node:zlib';
import { normalizeText } from '../../theme/assets/search/normalize.js';

const FORMAT_DEFAULTS = {
  overlap: 64, chunkSize: 1000, maxGram: 6, docBlock: 16, bureauBlock: 64, inlineLimit: 1024,
  postingsMode: 'auto', shardTargetBytes: 2048, shardsPerPack: 4096, blocksPerPack: 8192, packBytes: 8 * 1024 * 1024,
};
// Options of earlier fixtures that have no meaning in version 4; rejected, so a stale caller fails loudly instead of
// silently testing defaults it did not ask for. packSize and packChunks counted chunks to a text pack (version 1);
// externalThreshold sent postings and positions over it to files of their own (version 3), where inlineLimit now
// decides only which postings leave their shard, positions always being in the postings packs.
const STALE = ['buckets', 'shards', 'packSize', 'packChunks', 'externalThreshold'];

// ---------------------------------------------------------------------------------------------------------------
// Bytes

function varint(value, out) {
  while (value >= 0x80) {
    out.push((value & 0x7f) | 0x80);
    value = Math.floor(value / 128);
  }
  out.push(value);
  return out;
}

const utf8 = new TextEncoder();
const ascii = text => Array.from(text, c => c.charCodeAt(0));

/** FNV-1a 32-bit over UTF-16 code units (§4.3); written here again rather than imported, to stay independent. */
export function fnv1a(key) {
  let h = 2166136261;
  for (let i = 0; i < key.length; i++) {
    h ^= key.charCodeAt(i);
    h = Math.imul(h, 16777619) >>> 0;
  }
  return h >>> 0;
}

const pad = (n, width) => String(n).padStart(width, '0');

// ---------------------------------------------------------------------------------------------------------------
// Packs (§4.0)

/**
 * Plain packs: records appended in turn, a pack closed before a record that would take it past `limit` bytes (so a
 * larger record is a pack of its own), as the exporter does.
 */
class PlainPacks {
  constructor(limit) {
    this.limit = limit;
    this.packs = [];
  }

  /** Appends a record; returns [pack, offset]. */
  add(record) {
    let pack = this.packs.at(-1);
    if (!pack || pack.length + record.length > this.limit) this.packs.push((pack = { records: [], length: 0 }));
    const offset = pack.length;
    pack.records.push(Buffer.from(record));
    pack.length += record.length;
    return [this.packs.length - 1, offset];
  }

  /** Each pack's bytes, in pack order. */
  files() {
    return this.packs.map(p => Buffer.concat(p.records));
  }
}

/**
 * Indexed packs of a collection's records, perPack to a pack: magic, n, then n + 1 offsets from the start of the file
 * (32-bit little-endian; the last is the file's length), then the records.
 */
function indexedPacks(magic, records, perPack) {
  const packs = [];
  for (let first = 0; first < records.length; first += perPack) {
    const own = records.slice(first, first + perPack).map(r => Buffer.from(r));
    const head = Buffer.alloc(8 + 4 * (own.length + 1));
    head.write(magic, 0, 'latin1');
    head.writeUInt32LE(own.length, 4);
    let offset = head.length;
    own.forEach((record, i) => {
      head.writeUInt32LE(offset, 8 + 4 * i);
      offset += record.length;
    });
    head.writeUInt32LE(offset, 8 + 4 * own.length);
    packs.push(Buffer.concat([head, ...own]));
  }
  return packs;
}

/**
 * Slotted packs of a collection's records, perPack to a pack: magic, n (32-bit little-endian), then n slots of S
 * bytes each, S = 2 + the longest record; a slot holds its record's length L (16-bit little-endian), the record, then
 * zero bytes to its end. Returns the packs and S.
 */
function slottedPacks(magic, records, perPack) {
  const size = 2 + records.reduce((longest, r) => Math.max(longest, r.length), 0);
  for (const record of records) {
    if (record.length < 1 || record.length > 0xffff) throw new Error(`fixture: a slotted record of ${record.length} bytes (1 to 65,535)`);
  }
  const packs = [];
  for (let first = 0; first < records.length; first += perPack) {
    const own = records.slice(first, first + perPack);
    const pack = Buffer.alloc(8 + own.length * size); // zero-filled: the padding
    pack.write(magic, 0, 'latin1');
    pack.writeUInt32LE(own.length, 4);
    own.forEach((record, i) => {
      pack.writeUInt16LE(record.length, 8 + i * size);
      Buffer.from(record).copy(pack, 10 + i * size);
    });
    packs.push(pack);
  }
  return { packs, size };
}

// ---------------------------------------------------------------------------------------------------------------
// Lengths (§3)

/** q = min(255, round(2 · log2(max(1, L)))), halves away from zero (L ≥ 1, so the argument is never negative). */
export function lengthCode(length) {
  return Math.min(255, Math.floor(2 * Math.log2(Math.max(1, length)) + 0.5));
}

/** dl = round(2^(q/2)); never a half, so Math.round's tie rule does not matter. */
export function quantizedLength(code) {
  return Math.round(2 ** (code / 2));
}

/** A report's normalized searchable text (§2): title, then blocks, each a line; normalization drops the breaks. */
export function searchableText(doc) {
  return normalizeText([doc.title, ...doc.blocks.map(b => b[1])].join('\n'));
}

// ---------------------------------------------------------------------------------------------------------------
// Doc order and catalog (§4.2)

/** A bureau's region path: its own, or the one all its docs share (a bureau is one contiguous range, one path). */
function bureauPaths(corpus) {
  const paths = corpus.bureaus.map(b => b.regions ?? null);
  for (const doc of corpus.docs) {
    const known = paths[doc.bureau];
    if (known === null) paths[doc.bureau] = doc.regions;
    else if (doc.regions && known.join() !== doc.regions.join()) {
      throw new Error(`fixture: docs of bureau ${corpus.bureaus[doc.bureau].id} have different regions; format 2 keeps regions per bureau`);
    }
  }
  return paths;
}

/**
 * (province, city, district) codes of a path from province down. Municipal districts follow the province directly,
 * so the second code is a city only when it is one: by the division code scheme, a city code ends in 00, a
 * district code does not.
 */
function divisionKey(codes) {
  const [province, ...rest] = codes;
  const city = rest.find(c => c.endsWith('00')) ?? '';
  const district = rest.find(c => !c.endsWith('00')) ?? '';
  return [province, city, district];
}

const ordinal = (a, b) => (a < b ? -1 : a > b ? 1 : 0);

/** The docs in doc order: (province, city, district, bureau id, year as 4 digits, report id), all ordinal. */
function docOrder(corpus, paths) {
  const keyOf = doc => [
    ...divisionKey(paths[doc.bureau].map(r => corpus.regions[r].code)),
    corpus.bureaus[doc.bureau].id, pad(doc.year, 4), doc.id,
  ];
  const keyed = corpus.docs.map(doc => ({ doc, key: keyOf(doc) }));
  keyed.sort((a, b) => {
    for (let i = 0; i < a.key.length; i++) {
      const order = ordinal(a.key[i], b.key[i]);
      if (order !== 0) return order;
    }
    return 0;
  });
  return keyed.map(k => k.doc);
}

/** Regions on some bureau's path, sorted by code; a parent is the region just above it on a path. */
function catalogRegions(corpus, paths, ordered) {
  const parents = new Map();
  for (const doc of ordered) {
    let parent = null;
    for (const r of paths[doc.bureau]) {
      const code = corpus.regions[r].code;
      parents.set(code, { region: corpus.regions[r], parent });
      parent = code;
    }
  }
  const codes = [...parents.keys()].sort(ordinal);
  const index = new Map(codes.map((code, i) => [code, i]));
  // A region is named iff it is first or second in its path (the levels the region filter lists).
  const depthOf = code => (parents.get(code).parent === null ? 0 : 1 + depthOf(parents.get(code).parent));
  const regions = codes.map(code => {
    const { region, parent } = parents.get(code);
    const entry = { code, parent: parent === null ? null : index.get(parent) };
    if (depthOf(code) < 2) entry.name = region.name;
    return entry;
  });
  return { regions, index };
}

/**
 * Bureaus in doc order with their doc counts and most specific region, regions with names for the top two levels;
 * and the bureaus' names and links (for the bureau blocks). Only bureaus that have docs, so every range is non-empty.
 */
function catalog(corpus, paths, ordered) {
  const { regions, index } = catalogRegions(corpus, paths, ordered);
  const bureaus = { ids: [], docs: [], regions: [] };
  const display = [];
  ordered.forEach((doc, d) => {
    if (d > 0 && ordered[d - 1].bureau === doc.bureau) {
      bureaus.docs[bureaus.docs.length - 1]++;
      return;
    }
    const b = corpus.bureaus[doc.bureau];
    const path = paths[doc.bureau];
    bureaus.ids.push(b.id);
    bureaus.docs.push(1);
    bureaus.regions.push(index.get(corpus.regions[path[path.length - 1]].code));
    display.push({ name: b.name, url: b.url });
  });
  if (new Set(bureaus.ids).size !== bureaus.ids.length) throw new Error('fixture: a bureau is not one contiguous range of docs');
  // Kinds of department (FORMAT.md §4.2) when the fixture's bureaus have them.
  const kindOf = ordered.filter((doc, d) => d === 0 || ordered[d - 1].bureau !== doc.bureau).map(doc => corpus.bureaus[doc.bureau].kind);
  const kindNames = [...new Set(kindOf.filter(k => k !== undefined))].sort((a, b) => (a < b ? -1 : a > b ? 1 : 0));
  const kinds = kindNames.length > 0 ? { kindNames, kinds: kindOf.map(k => kindNames.indexOf(k)) } : {};
  const compact = {
    bureaus: { ids: frontCoded(bureaus.ids), docs: bureaus.docs, regions: bureaus.regions.map((r, i) => r - (i > 0 ? bureaus.regions[i - 1] : 0)), ...kinds },
    regions: {
      codes: frontCoded(regions.map(r => r.code)),
      parents: regions.map((r, i) => (r.parent === null ? 0 : i - r.parent)),
      names: regions.map(r => r.name ?? 0),
    },
  };
  return { catalog: compact, display };
}

/** Strings front-coded (§4.2): each as the length of the prefix it shares with the one before, and the rest. */
function frontCoded(strings) {
  const shared = [];
  const rest = [];
  strings.forEach((s, i) => {
    const before = i > 0 ? strings[i - 1] : '';
    let k = 0;
    while (k < s.length && k < before.length && s[k] === before[k]) k++;
    if (k > 0 && /[\uD800-\uDBFF]/.test(s[k - 1])) k--;
    shared.push(k);
    rest.push(s.slice(k));
  });
  return { shared, rest };
}

// ---------------------------------------------------------------------------------------------------------------
// Chunks (§4.4)

/** Splits a document's blocks (title first, as `top`) into chunks closed once they reach chunkSize code points. */
function chunksOf(doc, chunkSize) {
  const blocks = [['top', doc.title], ...doc.blocks];
  const chunks = [];
  let current = [];
  let size = 0;
  for (const block of blocks) {
    current.push(block);
    size += Array.from(normalizeText(block[1])).length;
    if (size >= chunkSize) {
      chunks.push(current);
      current = [];
      size = 0;
    }
  }
  if (current.length > 0) chunks.push(current);
  return chunks;
}

/** The shortest prefix of the later blocks (joined by "\n") that holds their next (overlap − 1) kept code points. */
function tailOf(rest, overlap) {
  const text = rest.map(b => b[1]).join('\n');
  let need = overlap - 1;
  let end = 0; // just past the last kept code point taken: a tail never ends in dropped characters
  for (let i = 0; i < text.length && need > 0; ) {
    const ch = String.fromCodePoint(text.codePointAt(i));
    i += ch.length;
    if (normalizeText(ch) !== '') {
      need--;
      end = i;
    }
  }
  return text.slice(0, end);
}

/**
 * Every doc's chunks, numbered in doc order, and per doc its record of the text packs (§4.4): each chunk's JSON
 * [tail, anchor, text, …] deflated on its own, one after another; spans[d] = { firstChunk, text: [pack, offset],
 * chunks: their lengths }.
 */
function chunkList(ordered, chunkSize, overlap, packBytes) {
  const chunks = [];
  const text = new PlainPacks(packBytes);
  const spans = ordered.map((doc, d) => {
    const groups = chunksOf(doc, chunkSize);
    const firstChunk = chunks.length;
    const deflated = groups.map((blocks, i) => {
      const chunk = { doc: d, blocks, tail: tailOf(groups.slice(i + 1).flat(), overlap) };
      chunks.push(chunk);
      return deflateRawSync(Buffer.from(JSON.stringify([chunk.tail, ...blocks.flat()])));
    });
    return { firstChunk, text: text.add(Buffer.concat(deflated)), chunks: deflated.map(b => b.length) };
  });
  return { chunks, spans, textPacks: text.files() };
}

// ---------------------------------------------------------------------------------------------------------------
// Keys and postings (§4.3)

/** Every gram of 1…maxGram code points of a text, with its number of occurrences (every start position). */
export function gramCounts(text, maxGram) {
  const points = Array.from(text);
  const counts = new Map();
  for (let i = 0; i < points.length; i++) {
    let gram = '';
    for (let n = 1; n <= maxGram && i + n <= points.length; n++) {
      gram += points[i + n - 1];
      counts.set(gram, (counts.get(gram) ?? 0) + 1);
    }
  }
  return counts;
}

/**
 * The keys: all unigrams and bigrams; a longer gram iff both its (n−1)-halves are keys with df ≥ minDf. Decided
 * in order of length, so the halves are settled before the grams built on them.
 */
export function selectKeys(df, minDf) {
  const byLength = [...df.keys()].map(g => [Array.from(g), g]).sort((a, b) => a[0].length - b[0].length);
  const keys = new Set();
  const frequent = g => keys.has(g) && df.get(g) >= minDf;
  for (const [points, gram] of byLength) {
    if (points.length <= 2 || (frequent(points.slice(0, -1).join('')) && frequent(points.slice(1).join('')))) keys.add(gram);
  }
  return keys;
}

/** Postings bytes: mode byte, docs (gaps or bitset), then the hit counts in doc order. */
export function postingsBytes(list, docCount, mode) {
  const gaps = [0];
  let previous = -1;
  for (const [doc] of list) {
    varint(doc - previous - 1, gaps);
    previous = doc;
  }
  const bits = [1, ...new Array(Math.ceil(docCount / 8)).fill(0)];
  for (const [doc] of list) bits[1 + (doc >> 3)] |= 1 << (doc & 7);
  const hits = [];
  for (const [, count] of list) varint(count, hits);
  // The exporter takes the shorter form, gaps on a tie; a forced mode lets tests reach the other decoder path.
  const docs = mode === 0 ? gaps : mode === 1 ? bits : bits.length < gaps.length ? bits : gaps;
  return [...docs, ...hits];
}

/**
 * Every start position (code point index) of every gram of exactly maxGram code points in a text, overlaps
 * included, ascending per gram.
 */
export function gramPositions(text, maxGram) {
  const points = Array.from(text);
  const positions = new Map();
  for (let i = 0; i + maxGram <= points.length; i++) {
    const gram = points.slice(i, i + maxGram).join('');
    if (!positions.has(gram)) positions.set(gram, []);
    positions.get(gram).push(i);
  }
  return positions;
}

/** Positions bytes: per doc of the postings, in order, the first hit's position, then gaps to the one before. */
export function positionsBytes(perDoc) {
  const out = [];
  for (const list of perDoc) list.forEach((p, i) => varint(i === 0 ? p : p - list[i - 1], out));
  return out;
}

/** Per key, [doc, hits] in doc order, and for keys of exactly maxGram code points [doc, positions] in doc order. */
function postingsOf(texts, maxGram, minDf) {
  const perDoc = texts.map(t => gramCounts(t, maxGram));
  const df = new Map();
  for (const counts of perDoc) for (const g of counts.keys()) df.set(g, (df.get(g) ?? 0) + 1);
  const keys = selectKeys(df, minDf);
  const postings = new Map([...keys].map(k => [k, []]));
  perDoc.forEach((counts, d) => {
    for (const [g, count] of counts) if (keys.has(g)) postings.get(g).push([d, count]);
  });
  const positions = new Map([...keys].filter(k => Array.from(k).length === maxGram).map(k => [k, []]));
  texts.forEach((text, d) => {
    for (const [g, list] of gramPositions(text, maxGram)) if (positions.has(g)) positions.get(g).push([d, list]);
  });
  for (const [key, list] of positions) {
    const counts = postings.get(key);
    if (list.length !== counts.length || list.some(([d, at], i) => d !== counts[i][0] || at.length !== counts[i][1])) {
      throw new Error(`fixture: positions of ${key} disagree with its postings`);
    }
  }
  return { postings, positions };
}

/**
 * Entries of every key, encoded once; whether postings are inline does not depend on the shard count. An entry is its
 * head (key, df, L) with inline postings, or else the postings that go to the packs and their hints; and, for a key of
 * maxGram code points, its positions bytes, which always go to the packs (§4.3).
 */
function keyEntries({ postings, positions }, docCount, { inlineLimit, postingsMode }) {
  return [...postings].map(([key, list]) => {
    const bytes = postingsBytes(list, docCount, postingsMode === 'auto' ? null : postingsMode);
    const external = bytes.length > inlineLimit;
    const name = [...utf8.encode(key)];
    const head = varint(list.length, varint(name.length, []).concat(name));
    varint(external ? 0 : bytes.length, head);
    // Hints (§4.3) may be any docs of the postings: the fixture lists the first ten, not the best ranked.
    const hints = external ? list.slice(0, 10).map(([d]) => d) : null;
    const places = positions.has(key) ? positionsBytes(positions.get(key).map(([, at]) => at)) : null;
    return { key, hash: fnv1a(key), head: external ? head : head.concat(bytes), postings: external ? bytes : null, hints, positions: places };
  });
}

/**
 * Key shard records for a shard count (keys ordinal over UTF-16 units), and the postings packs their entries point
 * into: postings records in order of first use, shard by shard and entry by entry, shared by keys with equal postings,
 * each key's positions after its postings. Also the bytes the hints take (the default shard count leaves them out)
 * and where each key's positions went ({ path, range }), so tests can tell positions reads from others.
 */
function shardRecords(entries, keyShards, packBytes) {
  const shards = Array.from({ length: keyShards }, () => []);
  for (const e of entries) shards[e.hash % keyShards].push(e);
  const packs = new PlainPacks(packBytes);
  const placeOf = new Map();
  const positionsAt = new Map();
  let hintBytes = 0;
  const records = shards.map(list => {
    list.sort((a, b) => ordinal(a.key, b.key));
    const bytes = varint(list.length, []);
    for (const e of list) {
      bytes.push(...e.head);
      if (e.postings) {
        const content = e.postings.join(',');
        if (!placeOf.has(content)) placeOf.set(content, packs.add(e.postings));
        const [pack, offset] = placeOf.get(content);
        for (const value of [pack, offset, e.postings.length]) varint(value, bytes); // P, O, N
        const before = bytes.length;
        varint(e.hints.length, bytes);
        e.hints.forEach((d, i) => varint(d - (i === 0 ? 0 : e.hints[i - 1] + 1), bytes));
        hintBytes += bytes.length - before;
      }
      if (e.positions) {
        const [pack, offset] = packs.add(e.positions);
        for (const value of [e.positions.length, pack, offset]) varint(value, bytes); // Q, P, O
        positionsAt.set(e.key, { path: `postings/${pad(pack, 4)}.bin`, range: [offset, offset + e.positions.length] });
      }
    }
    return bytes;
  });
  return { records, postingsPacks: packs.files(), hintBytes, positionsAt };
}

/** The smallest power of two whose shards average at most the target size, hints not counted. */
function defaultKeyShards(entries, target, packBytes) {
  for (let k = 1; ; k *= 2) {
    const { records, hintBytes } = shardRecords(entries, k, packBytes);
    const total = records.reduce((sum, r) => sum + r.length, 0) - hintBytes;
    if (total / k <= target || k >= 1 << 16) return k;
  }
}

// ---------------------------------------------------------------------------------------------------------------
// Writer

function settle(options, docCount) {
  for (const name of STALE) {
    if (name in options) throw new Error(`fixture: option ${name} belongs to an earlier format version (use keyShards, inlineLimit, packBytes…)`);
  }
  const settled = { ...FORMAT_DEFAULTS, ...options };
  settled.minDf ??= Math.max(2, Math.ceil(docCount / 100));
  if (![0, 1, 'auto'].includes(settled.postingsMode)) throw new Error(`fixture: postingsMode is 0, 1 or 'auto'`);
  for (const name of ['shardsPerPack', 'blocksPerPack', 'packBytes']) {
    if (!Number.isInteger(settled[name]) || settled[name] < 1) throw new Error(`fixture: ${name} is a positive integer`);
  }
  return settled;
}

function writeJson(folder, path, value) {
  writeFileSync(join(folder, path), JSON.stringify(value));
}

function writeBytes(folder, path, bytes) {
  writeFileSync(join(folder, path), Uint8Array.from(bytes));
}

/**
 * Writes the index into folder. Options (all optional): overlap, chunkSize, maxGram, minDf, keyShards, docBlock,
 * bureauBlock, inlineLimit (postings longer than this many bytes go to the postings packs; default 1,024 as in the
 * spec), postingsMode (0, 1 or 'auto'), shardTargetBytes (for the default keyShards), shardsPerPack and blocksPerPack
 * (records to a key pack and slots to a doc pack; the slot size, blockBytes, follows from the blocks), packBytes (the
 * size past which a plain pack, of postings or of text, is closed; default 8 MiB as in the spec). Returns the
 * manifest, the docs in doc order (`order[d]` is the corpus doc numbered d), so callers can map doc numbers back, and
 * positionsAt: key → { path, range } of its positions.
 */
export function writeIndex(folder, corpus, options = {}) {
  const paths = bureauPaths(corpus);
  const ordered = docOrder(corpus, paths);
  const docCount = ordered.length;
  const o = settle(options, docCount);

  const texts = ordered.map(searchableText);
  const codes = texts.map(t => lengthCode(Array.from(t).length));
  const { chunks, spans, textPacks } = chunkList(ordered, o.chunkSize, o.overlap, o.packBytes);
  const entries = keyEntries(postingsOf(texts, o.maxGram, o.minDf), docCount, o);
  const keyShards = o.keyShards ?? defaultKeyShards(entries, o.shardTargetBytes, o.packBytes);

  for (const sub of ['docs', 'bureaus', 'keys', 'postings', 'text']) mkdirSync(join(folder, sub), { recursive: true });
  const { catalog: cold, display } = catalog(corpus, paths, ordered);
  writeJson(folder, 'catalog.json', cold);
  for (let b = 0; b * o.bureauBlock < display.length; b++) {
    writeJson(folder, `bureaus/${pad(b, 4)}.json`, display.slice(b * o.bureauBlock, (b + 1) * o.bureauBlock));
  }

  const table = ascii('ASD2');
  for (const doc of ordered) varint(doc.year, table);
  writeBytes(folder, 'docs.bin', table.concat(codes));

  // dates.bin: 0 = unknown, else 1 + days since 1970-01-01.
  const dates = ascii('ASP2');
  for (const doc of ordered) varint(doc.published ? Date.parse(`${doc.published}T00:00:00Z`) / 86400000 + 1 : 0, dates);
  writeBytes(folder, 'dates.bin', dates);

  const blocks = [];
  for (let b = 0; b * o.docBlock < docCount; b++) {
    const block = ordered.slice(b * o.docBlock, (b + 1) * o.docBlock).map((doc, i) => ({
      id: doc.id, title: doc.title, url: doc.url, published: doc.published ?? null,
      bureau: corpus.bureaus[doc.bureau].name, bureauUrl: corpus.bureaus[doc.bureau].url, ...spans[b * o.docBlock + i],
    }));
    blocks.push(deflateRawSync(Buffer.from(JSON.stringify(block))));
  }
  const docPacks = slottedPacks('ASB4', blocks, o.blocksPerPack);
  docPacks.packs.forEach((bytes, p) => writeBytes(folder, `docs/${pad(p, 4)}.bin`, bytes));

  const { records, postingsPacks, positionsAt } = shardRecords(entries, keyShards, o.packBytes);
  indexedPacks('ASK4', records, o.shardsPerPack).forEach((bytes, p) => writeBytes(folder, `keys/${pad(p, 4)}.bin`, bytes));
  postingsPacks.forEach((bytes, p) => writeBytes(folder, `postings/${pad(p, 4)}.bin`, bytes));
  textPacks.forEach((bytes, p) => writeBytes(folder, `text/${pad(p, 4)}.bin`, bytes));

  const avgDocLength = docCount === 0 ? 0 : codes.reduce((sum, q) => sum + quantizedLength(q), 0) / docCount;
  const manifest = {
    format: 'archive-search', version: 4, normalization: 1, docCount, avgDocLength, chunkCount: chunks.length,
    overlap: o.overlap, maxGram: o.maxGram, minDf: o.minDf, keyShards, shardsPerPack: o.shardsPerPack, docBlock: o.docBlock,
    blocksPerPack: o.blocksPerPack, blockBytes: docPacks.size, bureauBlock: o.bureauBlock,
  };
  writeJson(folder, 'manifest.json', manifest);
  return { manifest, order: ordered, positionsAt };
}
