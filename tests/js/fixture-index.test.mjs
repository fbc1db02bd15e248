// Checks the fixture writer itself (run: node --test tests/js/): writes an index with forced tiny parameters and
// reads it back with a minimal decoder written from FORMAT.md §4 alone, comparing against brute force on the corpus.
// Without this, a fixture bug and a matching engine bug would make the engine tests pass together.

import { test } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, mkdtempSync, readFileSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { writeIndex } from './fixture-index.mjs';
import { readChunks } from './files.mjs';
import { codePointStarts } from './brute.mjs';
import { normalizeText } from '../../theme/assets/search/normalize.js';

// ---------------------------------------------------------------------------------------------------------------
// A corpus given out of doc order, with overlapping runs (aaa), full-width letters, an astral code point, a
// municipal district path (no city), text repeated across docs so that longer grams become keys, and nine docs so
// that a key in every doc has postings over 8 bytes (mode, 2 bitset bytes, 9 hit counts). Two docs end with a long
// repeated run, so that keys of maxGram code points have many hits (positions longer than a tiny threshold, gaps
// after the first) and some first positions need two varint bytes (≥ 128).

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

const filesIn = (folder, sub, prefix) =>
  existsSync(join(folder, sub)) ? readdirSync(join(folder, sub)).filter(f => f.startsWith(prefix)).sort() : [];

/**
 * Every key of the index → { df, docs, hits, mode, external, shard }, plus for keys of maxGram code points
 * { positions (per doc of the postings), ownPositions (Q = 0), positionsSize }.
 */
function decodeKeys(folder, manifest) {
  const keys = new Map();
  const usedPostingsFiles = new Set();
  for (let s = 0; s < manifest.keyShards; s++) {
    const name = String(s).padStart(4, '0');
    const r = reader(readFileSync(join(folder, 'keys', `${name}.bin`)));
    assert.equal(new TextDecoder().decode(r.take(4)), 'ASK2');
    const sharedPath = join(folder, 'positions', `${name}.bin`);
    const shared = existsSync(sharedPath) ? readFileSync(sharedPath) : null;
    let ownPositions = 0;
    let offset = 0; // the sum of the Q > 0 values of earlier entries
    let previous = null;
    for (let count = r.varint(); count > 0; count--) {
      const key = new TextDecoder('utf-8', { fatal: true }).decode(r.take(r.varint()));
      const df = r.varint();
      const length = r.varint();
      const file = length > 0 ? null : r.varint();
      // Hints follow a file number: H, then H ascending docs as gaps.
      const hints = [];
      if (file !== null) for (let h = r.varint(), doc = -1; h > 0; h--) hints.push(doc += r.varint() + 1);
      if (file !== null) usedPostingsFiles.add(`${String(file).padStart(6, '0')}.bin`);
      const bytes = length > 0 ? r.take(length) : readFileSync(join(folder, 'postings', `${String(file).padStart(6, '0')}.bin`));
      assert.ok(previous === null || previous < key, `keys out of order: ${previous} ${key}`);
      assert.equal(hash(key) % manifest.keyShards, s, `key ${key} in the wrong shard`);
      const postings = decodePostings(bytes, df, manifest.docCount);
      assert.deepEqual(hints, Array.from(postings.docs).slice(0, Math.min(10, df)).filter(() => file !== null), `hints of ${key}: the fixture lists its first ten docs`);
      const entry = { df, ...postings, external: length === 0, size: bytes.length, shard: s };
      if ([...key].length === manifest.maxGram) {
        const q = r.varint();
        let places;
        if (q > 0) {
          assert.ok(shared !== null, `shard ${s} has Q > 0 but no positions/${name}.bin`);
          assert.ok(offset + q <= shared.length, `positions of ${key} run past positions/${name}.bin`);
          places = shared.subarray(offset, offset + q);
          offset += q;
        } else {
          places = readFileSync(join(folder, 'positions', `${name}-${ownPositions++}.bin`));
        }
        Object.assign(entry, { positions: decodePositions(places, postings.hits), ownPositions: q === 0, positionsSize: places.length });
      }
      keys.set(key, entry);
      previous = key;
    }
    assert.ok(r.done(), 'trailing bytes in shard');
    // The shared file exists iff some entry has Q > 0, and is exactly those bytes; own files are numbered 0…K−1.
    assert.equal(shared === null ? 0 : shared.length, offset, `positions/${name}.bin is not the Q > 0 positions concatenated`);
    assert.deepEqual(filesIn(folder, 'positions', `${name}-`), Array.from({ length: ownPositions }, (_, k) => `${name}-${k}.bin`).sort(), `stray positions files in shard ${s}`);
  }
  // Every postings file is used, they are numbered 0…F−1, and no two hold the same bytes (equal postings share one).
  const postingsFiles = filesIn(folder, 'postings', '');
  assert.deepEqual(postingsFiles, [...usedPostingsFiles].sort(), 'stray or missing postings files');
  assert.deepEqual(postingsFiles, Array.from({ length: postingsFiles.length }, (_, f) => `${String(f).padStart(6, '0')}.bin`));
  const contents = postingsFiles.map(f => readFileSync(join(folder, 'postings', f)).toString('base64'));
  assert.equal(new Set(contents).size, contents.length, 'two postings files hold the same bytes');
  return keys;
}

function decodeDocs(folder, manifest) {
  const r = reader(readFileSync(join(folder, 'docs.bin')));
  assert.equal(new TextDecoder().decode(r.take(4)), 'ASD2');
  const years = Array.from({ length: manifest.docCount }, () => r.varint());
  const codes = [...r.take(manifest.docCount)];
  assert.ok(r.done());
  const meta = [];
  for (let b = 0; b * manifest.docBlock < manifest.docCount; b++) {
    const block = JSON.parse(readFileSync(join(folder, 'docs', `${String(b).padStart(4, '0')}.json`), 'utf8'));
    assert.equal(block.length, Math.min(manifest.docBlock, manifest.docCount - b * manifest.docBlock));
    meta.push(...block);
  }
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

/** Every doc's chunks from its text file, in doc order, each { doc, blocks, tail }; the files number them in order. */
function decodeChunks(folder, manifest, docs) {
  const chunks = [];
  docs.forEach((d, n) => {
    assert.equal(d.firstChunk, chunks.length, `doc ${n}'s text file is named by its first chunk`);
    chunks.push(...readChunks(folder, d).map(c => ({ doc: n, ...c })));
  });
  assert.deepEqual(readdirSync(join(folder, 'text')).sort(), docs.map(d => `${String(d.firstChunk).padStart(6, '0')}.bin`).sort());
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

const TINY = { keyShards: 1, externalThreshold: 8, docBlock: 2, chunkSize: 8, overlap: 5 };

test('doc order, catalog, docs table and manifest follow FORMAT §4.1–4.2', () => {
  withIndex(TINY, (folder, data, manifest) => {
    assert.deepEqual(
      { format: manifest.format, version: manifest.version, normalization: manifest.normalization, maxGram: manifest.maxGram, minDf: manifest.minDf },
      { format: 'archive-search', version: 3, normalization: 1, maxGram: 6, minDf: 2 });
    assert.deepEqual([manifest.keyShards, manifest.docBlock, manifest.overlap], [1, 2, 5]);
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

test('text files rebuild every report and its tails (FORMAT §4.4)', () => {
  withIndex(TINY, (folder, data, manifest) => {
    const docs = decodeDocs(folder, manifest);
    const chunks = decodeChunks(folder, manifest, docs);
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

for (const { name, options } of [
  { name: 'one shard, external postings, tiny blocks', options: TINY },
  { name: 'two shards, bitsets forced', options: { ...TINY, keyShards: 2, postingsMode: 1 } },
  { name: 'defaults', options: {} },
  { name: 'maxGram 3, two shards, tiny threshold: shared and own positions', options: { ...TINY, keyShards: 2, maxGram: 3 } },
  { name: 'maxGram 4, threshold 40', options: { maxGram: 4, keyShards: 2, externalThreshold: 40 } },
]) {
  test(`keys and postings equal brute-force counts (${name})`, () => {
    withIndex(options, (folder, data, manifest) => {
      const docs = decodeDocs(folder, manifest);
      const byId = new Map(data.docs.map(d => [d.id, d]));
      const texts = docs.map(d => textOf(byId.get(d.id)));
      const keys = decodeKeys(folder, manifest);

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
        assert.equal(p.ownPositions, p.positionsSize > (options.externalThreshold ?? 1024), `own positions file iff longer than the threshold (${key})`);
      }
      assert.ok(long.some(([, p]) => p.positions.some(at => at[0] >= 128)), 'a first position of two varint bytes');
      assert.ok(long.some(([, p]) => p.positions.some(at => at.length > 1)), 'a doc with several positions of one key');
      if (options.externalThreshold !== undefined) {
        assert.ok(long.some(([, p]) => p.ownPositions) && long.some(([, p]) => !p.ownPositions), 'both shared and own positions files');
        if (manifest.keyShards > 1) {
          for (let s = 0; s < manifest.keyShards; s++) {
            const shard = long.filter(([, p]) => p.shard === s);
            assert.ok(shard.filter(([, p]) => !p.ownPositions).length > 1, `shard ${s}: several entries share the positions file (running offsets)`);
            assert.ok(shard.some(([, p]) => p.ownPositions), `shard ${s}: an own positions file`);
          }
        }
      } else {
        assert.ok(long.every(([, p]) => !p.ownPositions), 'no positions over 1,024 bytes in this corpus');
      }

      if (options === TINY) {
        const all = [...keys.values()];
        assert.ok(all.some(p => p.external) && all.some(p => !p.external), 'both inline and external postings');
        assert.ok(all.every(p => p.external === p.size > options.externalThreshold), 'external iff longer than the threshold');
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

test('positions longer than 1,024 bytes get their own file by default (FORMAT §4.3)', () => {
  // Two docs 't' + 'a' × k: the maxGram key 'aaa' has k − 2 positions in each, one byte apiece (1, then gaps of 1).
  for (const [k, own] of [[514, false], [515, true]]) {
    const folder = mkdtempSync(join(tmpdir(), 'fixture-index-'));
    try {
      const doc = id => ({ id, title: 't', url: `reports/${id}.html`, bureau: 0, year: 2020, published: null, regions: [0], blocks: [['p1', 'a'.repeat(k)]] });
      writeIndex(folder, {
        regions: [{ code: '440000', name: '广东省', parent: null }], bureaus: [{ id: 'b', name: '局', url: 'bureaus/b.html' }],
        docs: [doc('r1'), doc('r2')],
      }, { maxGram: 3, keyShards: 1 });
      const manifest = JSON.parse(readFileSync(join(folder, 'manifest.json'), 'utf8'));
      const aaa = decodeKeys(folder, manifest).get('aaa');
      assert.equal(aaa.positionsSize, 2 * (k - 2));
      assert.equal(aaa.ownPositions, own, `${aaa.positionsSize} bytes`);
      assert.deepEqual(aaa.positions, [0, 1].map(() => Array.from({ length: k - 2 }, (_, i) => i + 1)));
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
  } finally {
    rmSync(folder, { recursive: true, force: true });
  }
});
