// Engine against a brute-force substring scan on crafted corpora (run: node --test tests/js/).

import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { writeIndex } from './fixture-index.mjs';
import { codePointStarts } from './brute.mjs';
import { specNormalize, specParse } from './spec.mjs';
import { folderFetcher, readChunks, readDocs, trackingFetcher } from './files.mjs';
import { SearchIndex } from '../../theme/assets/search/index.js';
import { SearchEngine } from '../../theme/assets/search/engine.js';
import { normalizeText } from '../../theme/assets/search/normalize.js';
import { parseQuery } from '../../theme/assets/search/query.js';

function random(seed) {
  return () => (seed = (Math.imul(seed, 1103515245) + 12345) >>> 0) / 2 ** 32;
}

const ALPHABET = Array.from('农民工欠薪调解率双随机一公开aAａＡ𠀀〇、，\n 。');

function corpus(seed) {
  const next = random(seed);
  const word = n => Array.from({ length: n }, () => ALPHABET[Math.floor(next() * ALPHABET.length)]).join('');
  const docs = Array.from({ length: 12 }, (_, d) => ({
    id: `doc-${String(d).padStart(2, '0')}`, title: `报告${d} ${word(6)}`, url: `reports/doc-${d}.html`,
    bureau: d % 3, year: 2018 + (d % 4), published: d % 5 === 0 ? null : `${2019 + (d % 4)}-03-0${1 + (d % 9)}`,
    regions: [0, 1 + ((d % 3) % 2)], // format 2 keeps regions per bureau: a bureau's docs share one path
    blocks: Array.from({ length: 3 + Math.floor(next() * 8) }, (_, b) => [`p${b + 1}`, word(5 + Math.floor(next() * 60))]),
  }));
  return {
    bureaus: [0, 1, 2].map(b => ({ id: `b${b}`, name: `局${b}`, url: `bureaus/b${b}.html` })),
    regions: [{ code: '440000', name: '广东省', parent: null }, { code: '440300', name: '深圳市', parent: 0 }, { code: '440100', name: '广州市', parent: 0 }],
    docs,
  };
}

function occurrences(text, q) {
  let n = 0;
  for (let i = text.indexOf(q); i >= 0; i = text.indexOf(q, i + 1)) n++;
  return n;
}

/** Expected { id → hits } for a query, by scanning every report's normalized text. */
function bruteForce(data, queryText) {
  // Parsed and normalized by the spec's own code (spec.mjs), not the client's.
  const query = specParse(queryText);
  const expected = new Map();
  if (query.clauses.length === 0 && query.excluded.length === 0) return expected;
  for (const doc of data.docs) {
    const text = specNormalize([doc.title, ...doc.blocks.map(b => b[1])].join('\n'));
    const has = norm => text.includes(norm);
    if (!query.clauses.every(clause => clause.some(has)) || query.excluded.some(has)) continue;
    expected.set(doc.id, query.clauses.flat().reduce((sum, norm) => sum + occurrences(text, norm), 0));
  }
  return expected;
}

const textOf = doc => normalizeText([doc.title, ...doc.blocks.map(b => b[1])].join('\n'));


/**
 * Per report id, the hits of a query's positive terms that FORMAT.md §4.5 "Passages" can find: occurrences in a
 * chunk's normalized extended text (own text, "\n", tail) that start in its own text. Read from the text packs.
 */
function findableHits(folder, manifest, queryText) {
  const norms = [...new Set(parseQuery(queryText).terms.map(t => t.norm))];
  const found = new Map();
  readDocs(folder, manifest).forEach(d => {
    let n = 0;
    for (const c of readChunks(folder, d)) {
      const own = normalizeText(c.blocks.map(b => b[1]).join('\n'));
      const extended = normalizeText(`${c.blocks.map(b => b[1]).join('\n')}\n${c.tail}`);
      for (const q of norms) for (let i = extended.indexOf(q); i >= 0 && i < own.length; i = extended.indexOf(q, i + 1)) n++;
    }
    found.set(d.id, n);
  });
  return found;
}

function queriesFor(data, seed) {
  const next = random(seed);
  const texts = data.docs.map(doc => Array.from(normalizeText([doc.title, ...doc.blocks.map(b => b[1])].join('\n'))));
  const queries = [];
  for (let i = 0; i < 300; i++) {
    const t = texts[Math.floor(next() * texts.length)];
    const n = 1 + Math.floor(next() * 12);
    const at = Math.floor(next() * Math.max(1, t.length - n));
    queries.push(t.slice(at, at + n).join(''));
  }
  return [...queries, '农民 工', '"双随机 一公开"', '欠薪 OR 调解', '民工 -欠薪', '-农民', 'aa', 'Ａa', '𠀀𠀀', '、，', 'OR', '〇'];
}

/** Reads of a pack (FORMAT.md §4.0) that were not ranges, in a folderFetcher's log: a reader must never make one. */
const wholePacks = log => log.filter(p => /^(keys|docs|postings|text)\//.test(p) && !p.includes('#'));

/**
 * Reads of the doc packs, in a folderFetcher's log, that are not exactly one slot (FORMAT.md §4.0: bytes
 * [8 + i · S, 8 + (i + 1) · S), S = blockBytes): a doc block is one range request, with no offset table.
 */
const notSlots = (log, { blockBytes: S }) => log.filter(p => p.startsWith('docs/')).filter(p => {
  const [start, end] = (p.split('#')[1] ?? '').split('-').map(Number);
  return !(end - start === S && start >= 8 && (start - 8) % S === 0);
});

const configs = [
  { name: 'defaults', options: {} },
  { name: 'two key shards, external postings, small chunks', options: { keyShards: 2, inlineLimit: 8, docBlock: 5, chunkSize: 30 } },
  { name: 'short overlap: long terms read whole reports', options: { keyShards: 1, maxGram: 3, postingsMode: 1, overlap: 4, chunkSize: 20 } },
  {
    name: 'tiny packs: five shards in three key packs, doc blocks two to a pack, postings and texts over many packs',
    options: { keyShards: 5, shardsPerPack: 2, inlineLimit: 8, docBlock: 3, blocksPerPack: 2, packBytes: 256, chunkSize: 30 },
  },
];

for (const { name, options } of configs) {
  test(`engine finds exactly the reports and hits of a substring scan (${name})`, async () => {
    const data = corpus(7);
    const folder = mkdtempSync(join(tmpdir(), 'search-index-'));
    try {
      const { manifest } = writeIndex(folder, data, options);
      const log = [];
      const engine = new SearchEngine(new SearchIndex(folderFetcher(folder, log)));
      for (const q of queriesFor(data, 11)) {
        const result = await engine.search(q);
        await engine.describe(result.results);
        const actual = new Map(result.results.map(r => [r.meta.id, r.hits]));
        assert.deepEqual(actual, bruteForce(data, q), `query ${JSON.stringify(q)}`);
        const findable = findableHits(folder, manifest, q);
        for (const item of result.results.slice(0, 3)) {
          const snippets = await engine.snippets(result, item);
          // Terms verified in text come with their hits; the others are searched chunk by chunk, which finds a hit
          // crossing a chunk's end only within its tail (see the test of terms longer than the overlap below).
          if (findable.get(item.meta.id) > 0) assert.ok(snippets.length > 0, `${item.meta.id} has hits of ${JSON.stringify(q)} but no snippet`);
          for (const s of snippets) assert.ok(s.parts.some(p => p.mark), `a snippet of ${JSON.stringify(q)} marks nothing`);
        }
      }
      assert.deepEqual(wholePacks(log), [], 'a pack fetched whole');
      assert.ok(log.some(p => p.startsWith('docs/')), 'doc blocks were read');
      assert.deepEqual(notSlots(log, manifest), [], 'a doc pack read that is not one slot');
    } finally {
      rmSync(folder, { recursive: true, force: true });
    }
  });
}

/** A corpus whose docs are long enough for many maxGram-grams, with a phrase made rare on purpose. */
function longTermCorpus(seed) {
  const data = corpus(seed);
  // 罕见词组 occurs in one doc only (罕见 in two): its 3- and 4-grams are no keys, so terms over it are verified in
  // text (FORMAT.md §4.5 step 4), while the rest of such a term may well be covered by keys.
  data.docs[4].blocks.push(['r1', '双随机罕见词组农民工工资']);
  data.docs[9].blocks.push(['r2', '罕见']);
  // A phrase in several reports, twice in one, split across blocks in another: long terms over it are found from
  // positions in several reports whatever maxGram is.
  [1, 3, 6, 10].forEach(d => data.docs[d].blocks.push(['c1', '依法处理拖欠农民工工资案件']));
  data.docs[6].blocks.push(['c2', '依法处理拖欠农民'], ['c3', '工工资案件']);
  return data;
}

const COMMON = ['依法处理拖欠', '拖欠农民工工资案件', '处理拖欠农民工', '农民工工资案件依法', '依法处理拖欠农民工工资案件'];

const RARE = ['罕见词组', '随机罕见词组农', '罕见词组农民工工资', '双随机罕见词', '见词组农民工', '罕见词组欠薪调解', '机罕见词组农民工工'];

/** Terms of 4…9 code points drawn from the docs, and pairs of pieces from different docs (often absent). */
function longQueries(data, seed) {
  const next = random(seed);
  const texts = data.docs.map(doc => Array.from(textOf(doc)));
  const piece = n => {
    const t = texts[Math.floor(next() * texts.length)];
    const at = Math.floor(next() * Math.max(1, t.length - n));
    return t.slice(at, at + n).join('');
  };
  const queries = [];
  for (let i = 0; i < 200; i++) queries.push(piece(4 + Math.floor(next() * 6)));
  for (let i = 0; i < 60; i++) queries.push(piece(2 + Math.floor(next() * 3)) + piece(2 + Math.floor(next() * 3)));
  return [...queries, ...RARE, ...COMMON, `"${RARE[1]}" 农民工工资`, '随机罕见词组农 OR 农民工工资专项', '拖欠农民工工资案件 -依法处理拖欠'];
}

// minPlaced: how many of the long terms at least are found from positions (fewer 4-grams than 3-grams are keys).
const longConfigs = [
  {
    name: 'maxGram 3, two shards in two key packs, positions over many postings packs',
    options: { maxGram: 3, keyShards: 2, shardsPerPack: 1, inlineLimit: 8, packBytes: 256, chunkSize: 30 }, minPlaced: 150,
  },
  { name: 'maxGram 3, default limits', options: { maxGram: 3 }, minPlaced: 150 },
  { name: 'maxGram 4, bitsets, one shard', options: { maxGram: 4, keyShards: 1, postingsMode: 1, inlineLimit: 4, chunkSize: 40 }, minPlaced: 12 },
];

for (const { name, options, minPlaced } of longConfigs) {
  test(`the index reads the positions of every maxGram key (${name})`, async () => {
    const data = longTermCorpus(13);
    const folder = mkdtempSync(join(tmpdir(), 'search-index-'));
    try {
      const { manifest, order } = writeIndex(folder, data, options);
      const index = new SearchIndex(folderFetcher(folder));
      const texts = order.map(textOf);
      const grams = new Set();
      for (const t of texts) {
        const points = Array.from(t);
        for (let i = 0; i + manifest.maxGram <= points.length; i++) grams.add(points.slice(i, i + manifest.maxGram).join(''));
      }
      let keys = 0;
      for (const g of grams) {
        const postings = await index.postings(g);
        if (!postings) continue;
        keys++;
        const positions = await index.positions(g);
        assert.deepEqual(positions.map(a => Array.from(a)), Array.from(postings.docs, d => codePointStarts(texts[d], g)), `positions of ${g}`);
      }
      assert.ok(keys > 100, `${keys} keys of maxGram code points`);
    } finally {
      rmSync(folder, { recursive: true, force: true });
    }
  });

  test(`terms longer than maxGram: from positions, and from text when a cover gram is rare (${name})`, async () => {
    const data = longTermCorpus(13);
    const folder = mkdtempSync(join(tmpdir(), 'search-index-'));
    try {
      const { manifest, positionsAt } = writeIndex(folder, data, options);
      // The reads of positions, told from the other reads of postings packs by where the fixture put them.
      const positionReads = new Set(Array.from(positionsAt.values(), ({ path, range }) => `${path}#${range[0]}-${range[1]}`));
      const log = [];
      const engine = new SearchEngine(new SearchIndex(folderFetcher(folder, log)));
      // Which path answered each term: §4.5 step 3 (positions) or, when placed() gives up, step 4 (text).
      const placed = new Map();
      const original = engine.evaluator.placed.bind(engine.evaluator);
      engine.evaluator.placed = async (points, ...rest) => {
        const answer = await original(points, ...rest);
        placed.set(points.join(''), answer);
        return answer;
      };
      const queries = longQueries(data, 17);
      for (const q of queries) {
        const result = await engine.search(q);
        await engine.describe(result.results);
        assert.deepEqual(new Map(result.results.map(r => [r.meta.id, r.hits])), bruteForce(data, q), `query ${JSON.stringify(q)}`);
        const findable = findableHits(folder, manifest, q);
        for (const item of result.results.slice(0, 3)) {
          const snippets = await engine.snippets(result, item);
          if (findable.get(item.meta.id) > 0) assert.ok(snippets.length > 0, `${item.meta.id} has hits of ${JSON.stringify(q)} but no snippet`);
          for (const s of snippets) assert.ok(s.parts.some(p => p.mark), `a snippet of ${JSON.stringify(q)} marks nothing`);
        }
      }

      const fromPositions = [...placed].filter(([, a]) => a !== null);
      const answered = fromPositions.filter(([, a]) => a.df > 0).length;
      assert.ok(answered >= minPlaced, `only ${answered} terms found from positions`);
      assert.ok(fromPositions.some(([, a]) => a.df === 0), 'a term whose cover grams are keys but never line up');
      assert.ok(fromPositions.some(([q, a]) => Array.from(q).length % manifest.maxGram !== 0 && a.df > 0), 'a last cover gram overlapping the one before');
      assert.ok(fromPositions.some(([, a]) => a.df > 1), 'a term in several reports');
      assert.ok(fromPositions.some(([, a]) => a.counts.some(n => n > 1)), 'a term twice in one report');
      for (const q of RARE) {
        if (Array.from(q).length <= manifest.maxGram) continue;
        assert.equal(placed.get(q), null, `${q}: a cover gram is rare, so it is verified in text`);
      }
      assert.ok(RARE.filter(q => Array.from(q).length > manifest.maxGram && bruteForce(data, q).size > 0).length >= 3, 'rare terms that occur');
      // Positions are ranges of the postings packs (FORMAT.md §4.3): read, and with tiny packs from several of them.
      const positionPacks = new Set(log.filter(p => positionReads.has(p)).map(p => p.split('#')[0]));
      assert.ok(positionPacks.size > 0, 'positions were read from the postings packs');
      if (options.packBytes !== undefined) assert.ok(positionPacks.size > 1, 'positions were read from several postings packs');
      assert.deepEqual(wholePacks(log), [], 'a pack fetched whole');
      assert.deepEqual(notSlots(log, manifest), [], 'a doc pack read that is not one slot');

      // Step 3 needs no text: a fresh engine answers the positions-path terms from ranges of postings packs, without
      // fetching any text.
      const files = [];
      const fresh = new SearchEngine(new SearchIndex(folderFetcher(folder, files)));
      for (const [q] of fromPositions) await fresh.search(`"${q}"`);
      assert.ok(files.some(p => positionReads.has(p)), 'positions read for terms answered from positions');
      assert.deepEqual(files.filter(p => p.startsWith('text/')), [], 'text fetched for terms answered from positions');
    } finally {
      rmSync(folder, { recursive: true, force: true });
    }
  });
}

// A term answered from positions (§4.5 step 3) carries no hit positions, so snippets() searches it chunk by chunk;
// a hit that crosses a chunk's end by more than the tail's overlap − 1 code points is in no one chunk, and the
// report's whole text is searched instead.
test('every report with hits gets a snippet, also for terms longer than the overlap that cross a chunk end', async () => {
  const data = corpus(7);
  const folder = mkdtempSync(join(tmpdir(), 'search-index-'));
  try {
    writeIndex(folder, data, { keyShards: 1, maxGram: 3, postingsMode: 1, overlap: 4, chunkSize: 20 });
    const engine = new SearchEngine(new SearchIndex(folderFetcher(folder)));
    const q = '一机随开欠随机随机'; // doc-02: one hit at code point 103, its chunk ends at 104
    const result = await engine.search(q);
    await engine.describe(result.results);
    assert.deepEqual(new Map(result.results.map(r => [r.meta.id, r.hits])), bruteForce(data, q));
    for (const item of result.results) assert.ok((await engine.snippets(result, item)).length > 0, `${item.meta.id} has hits of ${q} but no snippet`);
  } finally {
    rmSync(folder, { recursive: true, force: true });
  }
});

test('a second identical query fetches nothing', async () => {
  const data = corpus(3);
  const folder = mkdtempSync(join(tmpdir(), 'search-index-'));
  try {
    writeIndex(folder, data, { keyShards: 4, shardsPerPack: 2 });
    const log = [];
    const engine = new SearchEngine(new SearchIndex(folderFetcher(folder, log)));
    await engine.search('农民');
    const first = log.length;
    await engine.search('农民');
    await engine.search('民农 -农民');
    assert.ok(first > 0);
    // A read is a file or a range of one: neither an offset table's entry, nor a record, nor a slot is read twice.
    assert.equal(log.length, new Set(log).size, 'a file or range was fetched twice');
  } finally {
    rmSync(folder, { recursive: true, force: true });
  }
});

test('typing one term prefetches the titles its key hints at; filtered, two terms or one character do not', async () => {
  const data = corpus(3);
  const folder = mkdtempSync(join(tmpdir(), 'search-index-'));
  try {
    const { manifest } = writeIndex(folder, data, { keyShards: 2, inlineLimit: 8, docBlock: 2, blocksPerPack: 2 });
    const index = new SearchIndex(folderFetcher(folder));
    const term = '农民';
    const entry = await index.entry(term);
    assert.ok(entry?.hints?.length > 0, `${term} has hints (its postings are in the postings packs)`);
    // Each hinted doc's block: slot i of its doc pack, read with one range request and no offset table (FORMAT.md
    // §4.0), a slot that lies within the pack.
    const blockRead = b => {
      const path = `docs/${String(Math.floor(b / manifest.blocksPerPack)).padStart(4, '0')}.bin`;
      const i = b % manifest.blocksPerPack;
      const [start, end] = [8 + i * manifest.blockBytes, 8 + (i + 1) * manifest.blockBytes];
      assert.ok(end <= readFileSync(join(folder, path)).length, `block ${b}'s slot lies within ${path}`);
      return `${path}#${start}-${end}`;
    };
    const blocks = [...new Set(Array.from(entry.hints, d => Math.floor(d / manifest.docBlock)))].map(blockRead).sort();
    assert.ok(new Set(blocks.map(r => r.split('#')[0])).size > 1, 'the hinted blocks are in several doc packs');

    const fetched = async (text, options) => {
      const reads = trackingFetcher(folder);
      const engine = new SearchEngine(new SearchIndex(reads.fetch));
      await engine.prefetch(text, options);
      // prefetch does not wait for the titles it asks for: wait until every read it started is done. Not
      // deduplicated: each block is exactly one read.
      await reads.settled();
      return reads.started.filter(p => p.startsWith('docs/')).sort();
    };
    assert.deepEqual(await fetched(term, { titles: true }), blocks);
    assert.deepEqual(await fetched(term, { titles: false }), []);
    assert.deepEqual(await fetched(`${term} 农`, { titles: true }), []);
    assert.deepEqual(await fetched(Array.from(term)[0], { titles: true }), []);
  } finally {
    rmSync(folder, { recursive: true, force: true });
  }
});

test('typing one term whose postings came with its shard prefetches the titles of the first page the search shows', async () => {
  const data = corpus(3);
  const folder = mkdtempSync(join(tmpdir(), 'search-index-'));
  try {
    // Postings of up to 64 bytes inline: most terms of this corpus have no hints; titles two docs a block.
    writeIndex(folder, data, { keyShards: 2, inlineLimit: 64, docBlock: 2, blocksPerPack: 2 });
    const index = new SearchIndex(folderFetcher(folder));
    const page = 3;
    // The docs reads of a search's first page, and of prefetching the same text (each block read once either way).
    const reads = async (text, work) => {
      const tracked = trackingFetcher(folder);
      const engine = new SearchEngine(new SearchIndex(tracked.fetch));
      await work(engine, text);
      await tracked.settled();
      return tracked.started.filter(p => p.startsWith('docs/')).sort();
    };
    const searched = text => reads(text, async (engine, t) => {
      const result = await engine.search(t, { page });
      await engine.describe(result.ranked.slice(0, page));
    });
    // Terms of two characters that are keys without hints and whose results fill more than one title block.
    const candidates = [...new Set(data.docs.flatMap(d => { const t = Array.from(textOf(d)); return t.slice(1).map((c, i) => t[i] + c); }))];
    const inline = [];
    for (const term of candidates) {
      const entry = await index.entry(term);
      if (entry && !entry.hints && entry.df > page) inline.push(term);
    }
    assert.ok(inline.length >= 3, `terms with inline postings and more than ${page} reports: ${inline.length}`);
    for (const term of inline.slice(0, 5)) {
      const expected = await searched(term);
      assert.ok(expected.length > 1, `${term}: its first page's titles are in more than one block`);
      assert.deepEqual(await reads(term, (engine, t) => engine.prefetch(t, { titles: true, page })), expected, `${term}: prefetched titles`);
      assert.deepEqual(await reads(term, (engine, t) => engine.prefetch(t, { titles: false, page })), [], `${term}: no titles unless asked`);
    }
  } finally {
    rmSync(folder, { recursive: true, force: true });
  }
});

test('a doc entry is one slot read, kept; a slot whose length does not fit is refused clearly', async () => {
  const data = corpus(3);
  const folder = mkdtempSync(join(tmpdir(), 'search-index-'));
  try {
    const { manifest, order } = writeIndex(folder, data, { docBlock: 2, blocksPerPack: 2 });
    const S = manifest.blockBytes;
    const log = [];
    const index = new SearchIndex(folderFetcher(folder, log));
    // Doc 5: block 2, slot 0 of docs/0001.bin. Doc 4 shares its block: no second read.
    assert.equal((await index.doc(5)).id, order[5].id);
    assert.equal((await index.doc(4)).id, order[4].id);
    assert.deepEqual(log.filter(p => p.startsWith('docs/')), [`docs/0001.bin#8-${8 + S}`]);

    // Doc 2: block 1, slot 1 of docs/0000.bin, its length made S − 1 (one more than a slot holds), then 0.
    const path = join(folder, 'docs', '0000.bin');
    const original = readFileSync(path);
    try {
      for (const length of [S - 1, 0xffff, 0]) {
        const bad = Buffer.from(original);
        bad.writeUInt16LE(length, 8 + S);
        writeFileSync(path, bad);
        await assert.rejects(new SearchIndex(folderFetcher(folder)).doc(2), new RegExp(`docs/0000\\.bin gives the record in slot 1 ${length} bytes, but a slot of ${S} bytes holds 1 to ${S - 2}`));
      }
      // A failed read is forgotten: once the file is whole again, the same index reads the slot anew.
      const again = new SearchIndex(folderFetcher(folder));
      await assert.rejects(again.doc(2), /slot 1 0 bytes/);
      writeFileSync(path, original);
      assert.equal((await again.doc(2)).id, order[2].id);
    } finally {
      writeFileSync(path, original);
    }

    // An index without blockBytes (doc blocks in indexed packs, before slots) is refused, not misread.
    const { blockBytes, ...older } = manifest;
    writeFileSync(join(folder, 'manifest.json'), JSON.stringify(older));
    await assert.rejects(new SearchIndex(folderFetcher(folder)).doc(0), /blockBytes/);
  } finally {
    rmSync(folder, { recursive: true, force: true });
  }
});

/** search(q, filters) on the index in folder, every result described (titles and ids). */
function describedSearch(folder) {
  const engine = new SearchEngine(new SearchIndex(folderFetcher(folder)));
  return async (q, filters) => {
    const result = await engine.search(q, filters);
    await engine.describe(result.results);
    return result;
  };
}

test('filters, facets and date sort', async () => {
  const data = corpus(5);
  const folder = mkdtempSync(join(tmpdir(), 'search-index-'));
  try {
    writeIndex(folder, data);
    const search = describedSearch(folder);
    const all = await search('报告');
    assert.equal(all.reports, 12);
    const byYear = await search('报告', { year: 2019, bureau: 'b1' });
    const expected = data.docs.filter(d => d.year === 2019 && d.bureau === 1).map(d => d.id).sort();
    assert.deepEqual(byYear.results.map(r => r.meta.id).sort(), expected);
    assert.equal(byYear.facets.years.reduce((s, y) => s + y.count, 0), data.docs.filter(d => d.bureau === 1).length);
    const city = await search('报告', { region: '440300' });
    assert.deepEqual(city.results.map(r => r.meta.id).sort(), data.docs.filter(d => d.regions.includes(1)).map(d => d.id).sort());
    // Several values per facet: any of them (OR); facets together: all of them (AND); a year range; each facet's
    // counts over the docs that pass the other facets.
    const inAny = (d, years, bureaus) => (years.length === 0 || years.includes(d.year)) && (bureaus.length === 0 || bureaus.includes(d.bureau));
    const twoYears = await search('报告', { years: ['2018', '2020'] });
    assert.deepEqual(twoYears.results.map(r => r.meta.id).sort(), data.docs.filter(d => inAny(d, [2018, 2020], [])).map(d => d.id).sort());
    const yearsAndBureaus = await search('报告', { years: ['2018', '2020'], bureaus: ['b0', 'b2'] });
    assert.deepEqual(yearsAndBureaus.results.map(r => r.meta.id).sort(), data.docs.filter(d => inAny(d, [2018, 2020], [0, 2])).map(d => d.id).sort());
    assert.deepEqual(Object.fromEntries(yearsAndBureaus.facets.years.map(y => [y.year, y.count])),
      Object.fromEntries([2018, 2019, 2020, 2021].map(y => [y, data.docs.filter(d => d.year === y && [0, 2].includes(d.bureau)).length]).filter(([, n]) => n > 0)));
    assert.deepEqual(Object.fromEntries(yearsAndBureaus.facets.bureaus.map(b => [b.id, b.count])),
      Object.fromEntries([0, 1, 2].map(b => [`b${b}`, data.docs.filter(d => d.bureau === b && [2018, 2020].includes(d.year)).length]).filter(([, n]) => n > 0)));
    const range = await search('报告', { from: '2019', to: '2020', regions: ['440300', '440000'] });
    assert.deepEqual(range.results.map(r => r.meta.id).sort(), data.docs.filter(d => d.year >= 2019 && d.year <= 2020).map(d => d.id).sort());
    const rangeAndYear = await search('报告', { from: '2019', years: ['2018', '2019', '2021'] });
    assert.deepEqual(rangeAndYear.results.map(r => r.meta.id).sort(), data.docs.filter(d => [2019, 2021].includes(d.year)).map(d => d.id).sort());
    // The years offered are those within the range: 2018 cannot be added to a search from 2019 on.
    assert.deepEqual(rangeAndYear.facets.years.map(y => y.year).sort(), [2019, 2020, 2021].filter(y => data.docs.some(d => d.year === y)));
    assert.equal((await search('报告', { regions: ['440300', '999999'] })).reports, data.docs.filter(d => d.regions.includes(1)).length);
    assert.equal((await search('报告', { bureaus: ['nobody'] })).reports, 0);
    assert.deepEqual(all.facets.kinds, [], 'a fixture without kinds of department offers no such filter');
    const dated = (await search('报告', { sort: 'date' })).results.map(r => r.meta.published);
    const known = dated.filter(p => p !== null);
    assert.deepEqual(known, [...known].sort().reverse());
    assert.deepEqual(dated.slice(known.length), dated.filter(p => p === null));
  } finally {
    rmSync(folder, { recursive: true, force: true });
  }
});

test('the kind-of-department filter: any of the kinds chosen, with the other filters, counted without itself', async () => {
  const data = corpus(5);
  data.bureaus.forEach((b, i) => { b.kind = i === 1 ? '司法' : i === 2 ? '' : '人力资源和社会保障'; });
  const folder = mkdtempSync(join(tmpdir(), 'search-index-'));
  try {
    writeIndex(folder, data);
    const search = describedSearch(folder);
    const justice = await search('报告', { kinds: ['司法'] });
    assert.deepEqual(justice.results.map(r => r.meta.id).sort(), data.docs.filter(d => d.bureau === 1).map(d => d.id).sort());
    const both = await search('报告', { kinds: ['司法', '人力资源和社会保障'], years: ['2019'] });
    assert.deepEqual(both.results.map(r => r.meta.id).sort(), data.docs.filter(d => d.year === 2019 && d.bureau !== 2).map(d => d.id).sort());
    assert.deepEqual(both.facets.kinds, [
      { name: '', count: data.docs.filter(d => d.year === 2019 && d.bureau === 2).length },
      { name: '人力资源和社会保障', count: data.docs.filter(d => d.year === 2019 && d.bureau === 0).length },
      { name: '司法', count: data.docs.filter(d => d.year === 2019 && d.bureau === 1).length },
    ].filter(k => k.count > 0));
    // A bureau without a kind is chosen as '-' (an empty value is no value in an address).
    const none = await search('报告', { kinds: ['-'] });
    assert.deepEqual(none.results.map(r => r.meta.id).sort(), data.docs.filter(d => d.bureau === 2).map(d => d.id).sort());
    assert.deepEqual(Object.fromEntries(justice.facets.years.map(y => [y.year, y.count])),
      Object.fromEntries([2018, 2019, 2020, 2021].map(y => [y, data.docs.filter(d => d.year === y && d.bureau === 1).length]).filter(([, n]) => n > 0)));
    assert.equal((await search('报告', { kinds: ['公安'] })).reports, 0);
  } finally {
    rmSync(folder, { recursive: true, force: true });
  }
});

test('a term weighs 1.5 times more exactly when the dictionary segments it as one word', async () => {
  const data = corpus(9);
  data.docs.forEach((doc, d) => doc.blocks.push([`w${d}`, '依法处理拖欠农民工工资案件，推进双随机、一公开监管。民工']));
  const folder = mkdtempSync(join(tmpdir(), 'search-index-'));
  try {
    writeIndex(folder, data, { chunkSize: 25 });
    const engine = new SearchEngine(new SearchIndex(folderFetcher(folder)));
    const segmenter = new Intl.Segmenter('zh', { granularity: 'word' });
    const words = [];
    for (const q of ['农民工', '民工', '工资', '双随机一公开', '拖欠农民工工资', '机一']) {
      const norm = normalizeText(q);
      const word = Array.from(segmenter.segment(norm)).length === 1;
      if (word) words.push(q);
      assert.equal(engine.isWord(norm), word, q);
      // BM25 of FORMAT.md §3 on the quantized length, times 1.5 exactly when the term is a word.
      const result = await engine.search(q);
      const { manifest, table } = await engine.catalog();
      assert.ok(result.results.length > 0, q);
      for (const item of result.results) {
        const n = manifest.docCount;
        const df = result.reports;
        const idf = Math.log(1 + (n - df + 0.5) / (df + 0.5));
        const norm = 1.2 * (1 - 0.75 + (0.75 * table.lengths[item.doc]) / manifest.avgDocLength);
        const expected = idf * ((item.hits * 2.2) / (item.hits + norm)) * (word ? 1.5 : 1);
        assert.ok(Math.abs(item.score - expected) < 1e-9, `${q}: ${item.score} ≠ ${expected}`);
      }
    }
    assert.ok(words.includes('民工') && words.includes('工资') && !words.includes('农民工') && !words.includes('双随机一公开'));
  } finally {
    rmSync(folder, { recursive: true, force: true });
  }
});
