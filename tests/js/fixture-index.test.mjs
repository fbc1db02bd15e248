// Checks the fixture writer itself (run: node --test tests/js/): writes an index with forced tiny parameters and
// reads it back with a minimal decoder written from FORMAT.md §4 alone, comparing against brute force on the corpus.
// Without this, a fixture bug and a matching engine bug would make the engine tests pass together.

import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { inflateRawSync } from 'node:zlib';
import { writeIndex } from './fixture-index.mjs';
import { indexedRecords, packFiles, readChunks, slottedRecords } from './files.mjs';
import { codePointStarts } from './brute.mjs';
import { normalizeText } from '../../theme/assets/search/normalize.js';

// ---------------------------------------------------------------------------------------------------------------
// A corpus given out of doc order, with overlapping runs (aaa), full-width letters, an astral code point, a
// municipal district path (no city), text repeated across docs so that longer grams become keys, and nine docs so
// that a key in every doc has postings over 8 bytes (mode, 2 bitset bytes, 9 hit counts). Two docs end with a long
// repeated run, so that keys of maxGram code points have many hits (positions longer than a tiny pack, gaps after the
// first) and some first positions need two varint bytes (≥ 128).

function corpus() {
  const regions = [
    { code: '440300', name: '深圳市', parent: 2 },
    { code: '110101', name: '东城区', parent: 3 },
    { code: '440000', name: '广东省', parent: null },
    { code: '110000', name: '北京市', parent: null },
    { code: '440303', name: '罗湖区', parent: 0 },
  ];
  const bureaus = [
    { id: 'b-sz', name: '深圳局', url: 'bureaus/b-sz.html' },
    { id: 'a-lh', name: '罗湖局', url: 'bureaus/a-lh.html' },
    { id: 'c-dc', name: '东城局', url: 'bureaus/c-dc.html' },
  ];
  const paths = [[2, 0], [2, 0, 4], [3, 1]];
  const doc = (id, bureau, year, blocks) => ({
    id, title: `${id}年度报告`, url: `reports/${id}.html`, bureau, year, published: year % 2 ? `${year + 1}-03-01` : null,
    regions: paths[bureau], blocks: blocks.map((text, i) => [`p${i + 1}`, text]),
  });
  return {
    regions, bureaus,
    docs: [
      doc('sz-2021', 0, 2021, ['拖欠农民工工资，aaa。', '双随机、一公开𠀀𠀀']),
      doc('dc-2020', 2, 2020, ['农民工工资专项检查', 'ＷＴＯ规则\n二〇二〇年']),
      doc('lh-2019', 1, 2019, ['农民工工资', '双随机一公开 aaaa']),
      doc('sz-2019', 0, 2019, ['欠薪调解率 𠀀', '拖欠农民\n工工资']),
      doc('lh-2020', 1, 2020, ['调解率aa', '', '二〇二〇年'.repeat(30), '农民工工资专项']),
      doc('dc-2021', 2, 2021, ['二〇二〇年农民工']),
      doc('lh-0new', 1, 2021, ['一公开']), // id sorts first, year last: year decides
      doc('sz-2020', 0, 2020, ['ａａａ农民工']),
      doc('dc-2019', 2, 2019, ['', '二〇二〇年'.repeat(28)]),
    ],
  };
}

// ---------------------------------------------------------------------------------------------------------------
// Minimal decoder, from the format text only.

function reader(bytes) {
  let pos = 0;
  return {
    get pos() { return pos; },
    varint() {
      let value = 0;
      for (let scale = 1; ; scale *= 128) {
        const b = bytes[pos++];
        assert.ok(b !== undefined, 'varint runs past the end');
        value += (b & 0x7f) * scale;
        if (b < 0x80) return value;
      }
    },
    take(n) {
      assert.ok(pos + n <= bytes.length, 'read past the end');
      return bytes.subarray(pos, (pos += n));
    },
    done() { return pos === bytes.length; },
  };
}

const varintLength = value => (value < 128 ? 1 : 1 + varintLength(Math.floor(value / 128)));

function hash(key) {
  let h = 0x811c9dc5;
  for (const unit of key.split('').map(c => c.charCodeAt(0))) h = Number((BigInt((h ^ unit) >>> 0) * 16777619n) % 2n ** 32n);
  return h;
}

/** Postings bytes → { mode, docs, hits }; the bytes must be consumed exactly. */
function decodePostings(bytes, df, docCount) {
  const r = reader(bytes);
  const mode = r.take(1)[0];
  const docs = [];
  if (mode === 0) {
    for (let i = 0, previous = -1; i < df; i++) docs.push((previous += r.varint() + 1));
  } else {
    assert.equal(mode, 1, 'unknown postings mode');
    const bits = r.take(Math.ceil(docCount / 8));
    for (let d = 0; d < docCount; d++) if (bits[d >> 3] & (1 << (d % 8))) docs.push(d);
    assert.equal(docs.length, df, 'bitset population is not df');
  }
  const hits = docs.map(() => r.varint());
  assert.ok(r.done(), 'trailing bytes after postings');
  return { mode, docs, hits };
}

/** Positions bytes → per doc of the postings, its hit positions (first, then gaps ≥ 1); consumed exactly. */
function decodePositions(bytes, hits) {
  const r = reader(bytes);
  const positions = hits.map(tf => {
    const at = [];
    for (let i = 0; i < tf; i++) {
      const value = r.varint();
      if (i > 0) assert.ok(value >= 1, 'a positions gap of 0');
      at.push(i === 0 ? value : at[i - 1] + value);
    }
    return at;
  });
  assert.ok(r.done(), 'trailing bytes after positions');
  return positions;
}

// The exporter's plain pack limit (FORMAT §4.0), which the fixture writer follows unless told otherwise.
const SPEC_PACK_BYTES = 8 * 1024 * 1024;

/** The bytes of record [pack, offset, length] of plain packs (FORMAT §4.0), which must lie within its pack. */
function plainRecord(packs, [pack, offset, length], dir) {
  assert.ok(pack < packs.length, `${dir}: a record of pack ${pack}, but there are ${packs.length}`);
  assert.ok(offset + length <= packs[pack].length, `${dir}: a record runs past the end of pack ${pack} (records never span two packs)`);
  return packs[pack].subarray(offset, offset + length);
}

/**
 * Checks plain packs against every record named in them ([pack, offset, length], the same record possibly named
 * more than once): a pack is its records concatenated, nothing else, so the distinct records fill every pack exactly,
 * without gaps or overlaps. And the exporter's packing rule, which the fixture follows: a pack holds at most
 * packBytes, unless it is one record larger than that, and is closed only before a record that would take it past.
 */
function checkPlainPacks(packs, named, dir, packBytes) {
  const records = packs.map(() => []);
  for (const record of new Map(named.map(r => [r.join(), r])).values()) {
    plainRecord(packs, record, dir);
    records[record[0]].push(record.slice(1));
  }
  records.forEach((list, p) => {
    assert.ok(list.length > 0, `${dir}: pack ${p} holds no record`);
    list.sort((a, b) => a[0] - b[0]);
  });
  records.forEach((list, p) => {
    let at = 0;
    for (const [offset, length] of list) {
      assert.equal(offset, at, `${dir}: pack ${p} has bytes in no record, or records that overlap, at ${Math.min(at, offset)}`);
      at += length;
    }
    assert.equal(at, packs[p].length, `${dir}: pack ${p} goes on past its last record`);
    assert.ok(packs[p].length <= packBytes || list.length === 1, `${dir}: pack ${p} is past ${packBytes} bytes with several records`);
    if (p + 1 < packs.length) assert.ok(packs[p].length + records[p + 1][0][1] > packBytes, `${dir}: pack ${p} was closed before a record that fit`);
  });
  return records;
}

/**
 * Every key of the index → { df, docs, hits, mode, external, size, shard, postingsAt ([pack, offset, length] when
 * external) }, plus for keys of maxGram code points { positions (per doc of the postings), positionsSize,
 * positionsAt }. Checks the key packs, and that the postings packs hold exactly the records the keys name.
 */
function decodeKeys(folder, manifest, packBytes = SPEC_PACK_BYTES) {
  const keys = new Map();
  const packs = packFiles(folder, 'postings');
  const named = [];
  const shared = new Map(); // postings record → its bytes
  const shards = indexedRecords(folder, 'keys', 'ASK4', manifest.shardsPerPack);
  assert.equal(shards.length, manifest.keyShards, 'one key pack record per shard');
  shards.forEach((shard, s) => {
    const r = reader(shard);
    let previous = null;
    for (let count = r.varint(); count > 0; count--) {
      const key = new TextDecoder('utf-8', { fatal: true }).decode(r.take(r.varint()));
      const df = r.varint();
      const length = r.varint();
      // L = 0: P, O, N, then the hints: H, then H ascending docs as gaps.
      const postingsAt = length > 0 ? null : [r.varint(), r.varint(), r.varint()];
      const hints = [];
      if (postingsAt) for (let h = r.varint(), doc = -1; h > 0; h--) hints.push(doc += r.varint() + 1);
      const bytes = postingsAt ? plainRecord(packs, postingsAt, 'postings') : r.take(length);
      if (postingsAt) {
        named.push(postingsAt);
        shared.set(postingsAt.join(), bytes);
      }
      assert.ok(previous === null || previous < key, `keys out of order: ${previous} ${key}`);
      assert.equal(hash(key) % manifest.keyShards, s, `key ${key} in the wrong shard`);
      const postings = decodePostings(bytes, df, manifest.docCount);
      assert.deepEqual(hints, Array.from(postings.docs).slice(0, Math.min(10, df)).filter(() => postingsAt !== null), `hints of ${key}: the fixture lists its first ten docs`);
      const entry = { df, ...postings, external: length === 0, size: bytes.length, shard: s, postingsAt };
      if ([...key].length === manifest.maxGram) {
        // Q, P, O: the length first, unlike the postings' P, O, N.
        const [q, pack, offset] = [r.varint(), r.varint(), r.varint()];
        const positionsAt = [pack, offset, q];
        named.push(positionsAt);
        const places = plainRecord(packs, positionsAt, 'postings');
        Object.assign(entry, { positions: decodePositions(places, postings.hits), positionsSize: q, positionsAt });
      }
      keys.set(key, entry);
      previous = key;
    }
    assert.ok(r.done(), 'trailing bytes in shard');
  });
  checkPlainPacks(packs, named, 'postings', packBytes);
  // Keys with equal postings share one record, so no two postings records hold the same bytes.
  const contents = [...shared.values()].map(b => Buffer.from(b).toString('base64'));
  assert.equal(new Set(contents).size, contents.length, 'two postings records hold the same bytes');
  return keys;
}

function decodeDocs(folder, manifest) {
  const r = reader(readFileSync(join(folder, 'docs.bin')));
  assert.equal(new TextDecoder().decode(r.take(4)), 'ASD2');
  const years = Array.from({ length: manifest.docCount }, () => r.varint());
  const codes = [...r.take(manifest.docCount)];
  assert.ok(r.done());
  // Slotted packs (§4.0): the decoder checks magic, slot count, file length, each slot's length and padding, and that
  // blockBytes is 2 + the longest block.
  const blocks = slottedRecords(folder, 'docs', 'ASB4', manifest.blocksPerPack, manifest.blockBytes);
  assert.equal(blocks.length, Math.ceil(manifest.docCount / manifest.docBlock), 'one doc pack slot per doc block');
  const meta = [];
  blocks.forEach((bytes, b) => {
    const block = JSON.parse(inflateRawSync(bytes).toString('utf8'));
    assert.equal(block.length, Math.min(manifest.docBlock, manifest.docCount - b * manifest.docBlock));
    meta.push(...block);
  });
  return meta.map((m, d) => ({ ...m, year: years[d], code: codes[d] }));
}

/** The catalog of FORMAT §4.2 with its front-coded strings and differences undone, as the client holds it. */
function expandCatalog({ bureaus, regions }) {
  const strings = ({ shared, rest }) => rest.reduce((out, tail, i) => [...out, (i > 0 ? out[i - 1].slice(0, shared[i]) : '') + tail], []);
  const codes = strings(regions.codes);
  return {
    bureaus: { ids: strings(bureaus.ids), docs: bureaus.docs, regions: bureaus.regions.map((_, i) => bureaus.regions.slice(0, i + 1).reduce((a, b) => a + b, 0)) },
    regions: codes.map((code, i) => ({
      code, parent: regions.parents[i] === 0 ? null : i - regions.parents[i], ...(regions.names[i] === 0 ? {} : { name: regions.names[i] }),
    })),
  };
}

/**
 * Every doc's chunks from its text record, in doc order, each { doc, blocks, tail }; chunks are numbered in doc order.
 * Each doc's record is its chunks' streams (their lengths add up to it), a record of its own, and the records fill
 * the text packs.
 */
function decodeChunks(folder, manifest, docs, packBytes = SPEC_PACK_BYTES) {
  const chunks = [];
  const named = [];
  docs.forEach((d, n) => {
    assert.equal(d.firstChunk, chunks.length, `doc ${n}'s first chunk follows the chunks of the docs before it`);
    chunks.push(...readChunks(folder, d).map(c => ({ doc: n, ...c })));
    named.push([...d.text, d.chunks.reduce((a, b) => a + b, 0)]);
  });
  assert.equal(new Set(named.map(r => r.join())).size, docs.length, 'two docs share a text record');
  checkPlainPacks(packFiles(folder, 'text'), named, 'text', packBytes);
  return chunks;
}

// ---------------------------------------------------------------------------------------------------------------
// Brute force on the corpus.

const textOf = doc => normalizeText([doc.title, ...doc.blocks.map(b => b[1])].join('\n'));

function occurrences(text, q) {
  let n = 0;
  for (let i = text.indexOf(q); i >= 0; i = text.indexOf(q, i + 1)) n++;
  return n;
}


/** Every substring of 1…maxGram code points of any doc, with its df. */
function allGrams(texts, maxGram) {
  const df = new Map();
  for (const text of texts) {
    const points = Array.from(text);
    const seen = new Set();
    for (let i = 0; i < points.length; i++) {
      for (let n = 1; n <= maxGram && i + n <= points.length; n++) seen.add(points.slice(i, i + n).join(''));
    }
    for (const g of seen) df.set(g, (df.get(g) ?? 0) + 1);
  }
  return df;
}

function withIndex(options, check) {
  const folder = mkdtempSync(join(tmpdir(), 'fixture-index-'));
  try {
    const data = corpus();
    writeIndex(folder, data, options);
    check(folder, data, JSON.parse(readFileSync(join(folder, 'manifest.json'), 'utf8')));
  } finally {
    rmSync(folder, { recursive: true, force: true });
  }
}

// Tiny blocks and packs: five doc blocks in three doc packs (the last holding one), and postings and text records
// over several plain packs (a short report's text takes some 70 bytes, a long one's 800).
const TINY = { keyShards: 1, inlineLimit: 8, docBlock: 2, blocksPerPack: 2, packBytes: 200, chunkSize: 8, overlap: 5 };

test('doc order, catalog, docs table and manifest follow FORMAT §4.1–4.2', () => {
  withIndex(TINY, (folder, data, manifest) => {
    assert.deepEqual(
      { format: manifest.format, version: manifest.version, normalization: manifest.normalization, maxGram: manifest.maxGram, minDf: manifest.minDf },
      { format: 'archive-search', version: 4, normalization: 1, maxGram: 6, minDf: 2 });
    assert.deepEqual([manifest.keyShards, manifest.shardsPerPack, manifest.docBlock, manifest.blocksPerPack, manifest.overlap], [1, 4096, 2, 2, 5]);
    const docs = decodeDocs(folder, manifest);
    // (110000, '', 110101, c-dc) < (440000, 440300, '', b-sz) < (440000, 440300, 440303, a-lh), then year, id.
    assert.deepEqual(docs.map(d => d.id), ['dc-2019', 'dc-2020', 'dc-2021', 'sz-2019', 'sz-2020', 'sz-2021', 'lh-2019', 'lh-2020', 'lh-0new']);
    const byId = new Map(data.docs.map(d => [d.id, d]));
    let sum = 0;
    for (const d of docs) {
      const source = byId.get(d.id);
      const length = Array.from(textOf(source)).length;
      assert.equal(d.year, source.year);
      assert.equal(d.code, Math.min(255, Math.round(2 * Math.log2(length))), d.id);
      assert.equal(d.published, source.published);
      sum += Math.round(2 ** (d.code / 2));
    }
    assert.equal(manifest.avgDocLength, sum / docs.length);

    const raw = JSON.parse(readFileSync(join(folder, 'catalog.json'), 'utf8'));
    assert.deepEqual(raw.regions.codes, { shared: [0, 3, 0, 3, 5], rest: ['110000', '101', '440000', '300', '3'] }, 'codes front-coded');
    assert.deepEqual(raw.regions.parents, [0, 1, 0, 1, 1], 'parents as index differences, 0 for none');
    assert.deepEqual(raw.bureaus.regions, [1, 2, 1], 'bureau regions as differences');
    const catalog = expandCatalog(raw);
    assert.deepEqual(catalog.regions.map(r => r.code), ['110000', '110101', '440000', '440300', '440303']);
    assert.deepEqual(catalog.regions.map(r => r.parent), [null, 0, null, 2, 3]);
    assert.deepEqual(catalog.regions.map(r => r.name !== undefined), [true, true, true, true, false], 'names for the top two levels only');
    assert.deepEqual(catalog.bureaus, { ids: ['c-dc', 'b-sz', 'a-lh'], docs: [3, 3, catalog.bureaus.docs[2]], regions: [1, 3, 4] });
    assert.equal(catalog.bureaus.docs.reduce((a, b) => a + b, 0), manifest.docCount);
    const blocks = Array.from({ length: Math.ceil(3 / manifest.bureauBlock) }, (_, b) => JSON.parse(readFileSync(join(folder, 'bureaus', `${String(b).padStart(4, '0')}.json`), 'utf8')));
    assert.deepEqual(blocks.flat().map(b => b.name), catalog.bureaus.ids.map(id => data.bureaus.find(x => x.id === id).name));
  });
});

test('text records rebuild every report and its tails (FORMAT §4.4)', () => {
  withIndex(TINY, (folder, data, manifest) => {
    const docs = decodeDocs(folder, manifest);
    const chunks = decodeChunks(folder, manifest, docs, TINY.packBytes);
    assert.equal(chunks.length, manifest.chunkCount);
    const byId = new Map(data.docs.map(d => [d.id, d]));
    docs.forEach((d, n) => {
      const own = chunks.slice(d.firstChunk, d.firstChunk + d.chunks.length);
      assert.ok(own.every(c => c.doc === n));
      assert.equal(own.map(c => normalizeText(c.blocks.map(b => b[1]).join('\n'))).join(''), textOf(byId.get(d.id)));
      own.forEach((c, i) => {
        const later = normalizeText(own.slice(i + 1).map(x => x.blocks.map(b => b[1]).join('\n')).join(''));
        assert.equal(normalizeText(c.tail), Array.from(later).slice(0, manifest.overlap - 1).join(''));
        assert.ok(c.tail === '' || normalizeText(Array.from(c.tail).at(-1)) !== '', 'a tail ends with a kept code point');
      });
    });
    assert.ok(chunks.some(c => c.tail !== ''), 'chunkSize 8 splits some report');
  });
});

test('tiny packs: several of each kind, every indexed or slotted pack but the last full, big records in packs of their own (FORMAT §4.0)', () => {
  // This corpus's text records take 69 to 152 bytes: at 190 some pack holds two; at 150 two are larger than that.
  const seen = { shared: false, alone: false };
  for (const packBytes of [150, 190]) {
    const options = { ...TINY, keyShards: 3, shardsPerPack: 2, packBytes };
    withIndex(options, (folder, data, manifest) => {
      // The decoders check the offset tables, the slots, the records per pack, and that records fill the plain packs.
      const docs = decodeDocs(folder, manifest);
      const keys = decodeKeys(folder, manifest, packBytes);
      decodeChunks(folder, manifest, docs, packBytes);
      assert.deepEqual(packFiles(folder, 'keys').map(p => p.readUInt32LE(4)), [2, 1], 'three shards, two to a pack');
      assert.deepEqual(packFiles(folder, 'docs').map(p => p.readUInt32LE(4)), [2, 2, 1], 'five doc blocks, two to a pack');
      assert.deepEqual(packFiles(folder, 'docs').map(p => p.length), [2, 2, 1].map(n => 8 + n * manifest.blockBytes), 'doc packs: 8 bytes, then their slots');
      const text = checkPlainPacks(packFiles(folder, 'text'), docs.map(d => [...d.text, d.chunks.reduce((a, b) => a + b, 0)]), 'text', packBytes);
      seen.shared ||= text.some(list => list.length > 1);
      seen.alone ||= text.some(([[, length]]) => length > packBytes);
      const postings = packFiles(folder, 'postings');
      assert.ok(postings.length > 2, `${postings.length} postings packs`);
      const named = [...keys.values()].flatMap(p => [p.postingsAt, p.positionsAt].filter(Boolean));
      assert.equal(new Set(named.map(([pack]) => pack)).size, postings.length, 'every postings pack holds records the keys name');
    });
  }
  assert.ok(seen.shared, 'a text pack of several docs');
  assert.ok(seen.alone, 'a text record larger than packBytes, in a pack of its own');
});

for (const { name, options } of [
  { name: 'one shard, external postings, tiny blocks and packs', options: TINY },
  { name: 'two shards in two key packs, bitsets forced', options: { ...TINY, keyShards: 2, shardsPerPack: 1, postingsMode: 1 } },
  { name: 'defaults', options: {} },
  { name: 'maxGram 3, three shards in two key packs, tiny packs', options: { ...TINY, keyShards: 3, shardsPerPack: 2, maxGram: 3 } },
  { name: 'maxGram 4, inline limit 40', options: { maxGram: 4, keyShards: 2, inlineLimit: 40 } },
]) {
  test(`keys and postings equal brute-force counts (${name})`, () => {
    withIndex(options, (folder, data, manifest) => {
      const docs = decodeDocs(folder, manifest);
      const byId = new Map(data.docs.map(d => [d.id, d]));
      const texts = docs.map(d => textOf(byId.get(d.id)));
      const keys = decodeKeys(folder, manifest, options.packBytes);

      // Every key's postings: exactly the docs containing it, with overlapping occurrence counts.
      for (const [key, p] of keys) {
        const expected = texts.map((t, d) => [d, occurrences(t, key)]).filter(([, n]) => n > 0);
        assert.deepEqual(p.docs.map((d, i) => [d, p.hits[i]]), expected, `postings of ${key}`);
        assert.equal(p.df, expected.length);
      }

      // The key set (§4.3): all uni- and bigrams; longer grams iff both halves are frequent keys.
      const df = allGrams(texts, manifest.maxGram);
      const frequent = g => keys.has(g) && df.get(g) >= manifest.minDf;
      for (const [gram] of df) {
        const points = Array.from(gram);
        const want = points.length <= 2 || (frequent(points.slice(0, -1).join('')) && frequent(points.slice(1).join('')));
        assert.equal(keys.has(gram), want, `key ${gram}`);
      }
      assert.equal(keys.size, [...df.keys()].filter(g => keys.has(g)).length, 'a key that occurs nowhere');

      // A few by hand: overlaps count, astral and folded code points are keys, long frequent grams are keys.
      const at = id => docs.findIndex(d => d.id === id);
      assert.deepEqual(keys.get('aa').docs.map((d, i) => [docs[d].id, keys.get('aa').hits[i]]), [['sz-2019', 0], ['sz-2020', 2], ['sz-2021', 2], ['lh-2019', 3], ['lh-2020', 1]].filter(([, n]) => n > 0));
      assert.equal(keys.get('𠀀𠀀').hits[keys.get('𠀀𠀀').docs.indexOf(at('sz-2021'))], 1);
      assert.ok(keys.has('wto') === false && keys.has('wt'), 'wto occurs once: not frequent enough to be a 3-gram key');
      if (manifest.maxGram >= 5) assert.ok(keys.has('农民工工资'), 'frequent 5-gram');

      // Positions (§4.3): exactly the keys of maxGram code points have them, and they are the code point starts of
      // every occurrence in each doc of the postings, in order.
      const long = [...keys].filter(([key]) => Array.from(key).length === manifest.maxGram);
      assert.ok(long.length > 0, 'some key of maxGram code points');
      for (const [key, p] of keys) assert.equal('positions' in p, Array.from(key).length === manifest.maxGram, `positions of ${key}`);
      for (const [key, p] of long) {
        assert.deepEqual(p.positions, p.docs.map(d => codePointStarts(texts[d], key)), `positions of ${key}`);
      }
      assert.ok(long.some(([, p]) => p.positions.some(at => at[0] >= 128)), 'a first position of two varint bytes');
      assert.ok(long.some(([, p]) => p.positions.some(at => at.length > 1)), 'a doc with several positions of one key');
      // Every shard has several entries with positions, so Q, P, O are read past a shard's first such entry.
      for (let s = 0; s < manifest.keyShards; s++) {
        assert.ok(long.filter(([, p]) => p.shard === s).length > 1, `shard ${s}: several entries with positions`);
      }
      // Positions of any length are in the postings packs: in tiny packs, spread over several, some pack holding the
      // positions of several keys at different offsets; by default, all of this corpus in one.
      const packsOf = new Map();
      for (const [key, p] of long) packsOf.set(p.positionsAt[0], [...(packsOf.get(p.positionsAt[0]) ?? []), key]);
      if (options.packBytes !== undefined) {
        assert.ok(packsOf.size > 1, 'positions in several postings packs');
        assert.ok([...packsOf.values()].some(keysIn => keysIn.length > 1), 'a postings pack with the positions of several keys');
      } else {
        assert.deepEqual([...packsOf.keys()], [0], 'all positions in postings pack 0 at the default pack size');
      }

      if (options === TINY) {
        const all = [...keys.values()];
        assert.ok(all.some(p => p.external) && all.some(p => !p.external), 'both inline and external postings');
        assert.ok(all.every(p => p.external === p.size > options.inlineLimit), 'external iff longer than the inline limit');
        assert.ok(all.some(p => p.mode === 0) && all.some(p => p.mode === 1), 'both postings modes');
      }
      if (options.postingsMode === 1) assert.ok([...keys.values()].every(p => p.mode === 1));
      if (options.postingsMode === undefined) {
        // The exporter's choice: the shorter form, gaps on a tie.
        for (const p of keys.values()) {
          const gaps = p.docs.reduce((n, d, i) => n + varintLength(d - (i ? p.docs[i - 1] : -1) - 1), 0);
          assert.equal(p.mode, Math.ceil(manifest.docCount / 8) < gaps ? 1 : 0);
        }
      }
    });
  });
}

test('doc blocks fill slots of blockBytes = 2 + the longest block; the slotted pack decoder refuses any deviation (FORMAT §4.0, §4.2)', () => {
  withIndex(TINY, (folder, data, manifest) => {
    const blocks = slottedRecords(folder, 'docs', 'ASB4', manifest.blocksPerPack, manifest.blockBytes);
    // The blocks, read back another way: slot i of pack p at 8 + i · S, its length then its bytes.
    const S = manifest.blockBytes;
    const packs = packFiles(folder, 'docs');
    const byHand = packs.flatMap(bytes => Array.from({ length: bytes.readUInt32LE(4) }, (_, i) => bytes.subarray(10 + i * S, 10 + i * S + bytes.readUInt16LE(8 + i * S))));
    assert.deepEqual(blocks.map(b => Buffer.from(b).toString('hex')), byHand.map(b => Buffer.from(b).toString('hex')));
    assert.equal(S, 2 + Math.max(...blocks.map(b => b.length)), 'S = 2 + the longest block');
    assert.ok(blocks.some(b => b.length < S - 2), 'some slot has padding');
    for (const block of blocks) JSON.parse(inflateRawSync(block).toString('utf8'));

    // Each corruption of the files (or of the slot size) must be refused.
    const path = p => join(folder, 'docs', `${String(p).padStart(4, '0')}.bin`);
    const padded = blocks.findIndex(b => b.length < S - 2);
    const [pp, pi] = [Math.floor(padded / manifest.blocksPerPack), padded % manifest.blocksPerPack];
    const decode = size => slottedRecords(folder, 'docs', 'ASB4', manifest.blocksPerPack, size);
    const corrupt = (p, change, pattern, size = S) => {
      const original = readFileSync(path(p));
      try {
        writeFileSync(path(p), change(Buffer.from(original)));
        assert.throws(() => decode(size), pattern);
      } finally {
        writeFileSync(path(p), original);
      }
    };
    corrupt(0, b => b.fill(0x58, 0, 1), /does not start with ASB4/);
    corrupt(pp, b => { b[8 + (pi + 1) * S - 1] = 1; return b; }, /padding/);
    corrupt(pp, b => { b.writeUInt16LE(S - 1, 8 + pi * S); return b; }, /1 to/);
    corrupt(pp, b => { b.writeUInt16LE(0, 8 + pi * S); return b; }, /1 to/);
    corrupt(packs.length - 1, b => b.subarray(0, b.length - 1), /not 8 \+/);
    corrupt(packs.length - 1, b => Buffer.concat([b, Buffer.alloc(1)]), /not 8 \+/);
    corrupt(0, b => { b.writeUInt32LE(1, 4); return b.subarray(0, 8 + S); }, /holds 1 slots/);
    corrupt(packs.length - 1, b => { b.writeUInt32LE(manifest.blocksPerPack + 1, 4); return Buffer.concat([b, Buffer.alloc(S * manifest.blocksPerPack)]); }, /slots; perPack/);
    // Slots one byte longer than S, padding and all consistent: refused only because S is not 2 + the longest block.
    const widened = packs.map(bytes => {
      const n = bytes.readUInt32LE(4);
      return Buffer.concat([bytes.subarray(0, 8), ...Array.from({ length: n }, (_, i) => Buffer.concat([bytes.subarray(8 + i * S, 8 + (i + 1) * S), Buffer.alloc(1)]))]);
    });
    try {
      widened.forEach((bytes, p) => writeFileSync(path(p), bytes));
      assert.throws(() => decode(S + 1), /longest record/);
      assert.throws(() => decode(S), /not 8 \+/);
    } finally {
      packs.forEach((bytes, p) => writeFileSync(path(p), bytes));
    }
    assert.equal(decode(S).length, blocks.length, 'the files are whole again');
  });
});

test('positions of any length are postings pack records; a pack closes before a record that would take it past packBytes (FORMAT §4.0, §4.3)', () => {
  // Two docs 't' + 'a' × k: the maxGram key 'aaa' has k − 2 positions in each, one byte apiece (1, then gaps of 1);
  // 'taa', after it in the one shard, has 2 bytes of positions. No postings leave the shard, so the postings packs
  // hold these two records, in this order. Version 3 gave positions over 1,024 bytes a file of their own; now they
  // share the pack, and only the pack size decides where 'taa' goes.
  for (const [k, packBytes, packs] of [
    [515, undefined, [0, 0]], // 1,026 bytes of positions, in the one pack by default
    [514, 1026, [0, 0]], // 1,024 + 2 bytes: exactly packBytes
    [515, 1026, [0, 1]], // 1,026 + 2 bytes: past it, so 'taa' starts pack 1
    [515, 1000, [0, 1]], // 'aaa' alone is past packBytes: a pack of its own
  ]) {
    const folder = mkdtempSync(join(tmpdir(), 'fixture-index-'));
    try {
      const doc = id => ({ id, title: 't', url: `reports/${id}.html`, bureau: 0, year: 2020, published: null, regions: [0], blocks: [['p1', 'a'.repeat(k)]] });
      writeIndex(folder, {
        regions: [{ code: '440000', name: '广东省', parent: null }], bureaus: [{ id: 'b', name: '局', url: 'bureaus/b.html' }],
        docs: [doc('r1'), doc('r2')],
      }, { maxGram: 3, keyShards: 1, ...(packBytes === undefined ? {} : { packBytes }) });
      const manifest = JSON.parse(readFileSync(join(folder, 'manifest.json'), 'utf8'));
      const keys = decodeKeys(folder, manifest, packBytes);
      const [aaa, taa] = [keys.get('aaa'), keys.get('taa')];
      assert.equal(aaa.positionsSize, 2 * (k - 2));
      assert.deepEqual(aaa.positions, [0, 1].map(() => Array.from({ length: k - 2 }, (_, i) => i + 1)));
      assert.deepEqual(taa.positions, [[0], [0]]);
      assert.ok([...keys.values()].every(p => !p.external), 'no postings in the packs');
      assert.deepEqual([aaa.positionsAt, taa.positionsAt], [[packs[0], 0, 2 * (k - 2)], [packs[1], packs[1] === 0 ? 2 * (k - 2) : 0, 2]], `k ${k}, packBytes ${packBytes}`);
    } finally {
      rmSync(folder, { recursive: true, force: true });
    }
  }
});

test('options of earlier format versions are refused', () => {
  const folder = mkdtempSync(join(tmpdir(), 'fixture-index-'));
  try {
    assert.throws(() => writeIndex(folder, corpus(), { buckets: 8 }), /option buckets belongs to an earlier format version/);
    assert.throws(() => writeIndex(folder, corpus(), { packChunks: 2 }), /option packChunks belongs to an earlier format version/);
    assert.throws(() => writeIndex(folder, corpus(), { externalThreshold: 8 }), /option externalThreshold belongs to an earlier format version/);
  } finally {
    rmSync(folder, { recursive: true, force: true });
  }
});
