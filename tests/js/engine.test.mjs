// Engine against a brute-force substring scan on crafted corpora (run: node --test tests/js/).

import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { writeIndex } from './fixture-index.mjs';
import { folderFetcher } from './files.mjs';
import { SearchIndex } from '../../theme/assets/search/index.js';
import { SearchEngine } from '../../theme/assets/search/engine.js';
import { foldWidth, normalize, normalizeText } from '../../theme/assets/search/normalize.js';
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
  const query = parseQuery(queryText);
  const expected = new Map();
  if (query.clauses.length === 0 && query.excluded.length === 0) return expected;
  for (const doc of data.docs) {
    const text = normalizeText([doc.title, ...doc.blocks.map(b => b[1])].join('\n'));
    const has = t => text.includes(t.norm);
    if (!query.clauses.every(clause => clause.some(has)) || query.excluded.some(has)) continue;
    expected.set(doc.id, query.terms.reduce((sum, t) => sum + occurrences(text, t.norm), 0));
  }
  return expected;
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

const configs = [
  { name: 'defaults', options: {} },
  { name: 'two key shards, external postings, small chunks', options: { keyShards: 2, externalThreshold: 8, docBlock: 5, chunkSize: 30, packChunks: 2 } },
  { name: 'short overlap: long terms read whole reports', options: { keyShards: 1, maxGram: 3, postingsMode: 1, overlap: 4, chunkSize: 20, packChunks: 5 } },
];

for (const { name, options } of configs) {
  test(`engine finds exactly the reports and hits of a substring scan (${name})`, async () => {
    const data = corpus(7);
    const folder = mkdtempSync(join(tmpdir(), 'search-index-'));
    try {
      writeIndex(folder, data, options);
      const engine = new SearchEngine(new SearchIndex(folderFetcher(folder)));
      for (const q of queriesFor(data, 11)) {
        const result = await engine.search(q);
        await engine.describe(result.results);
        const actual = new Map(result.results.map(r => [r.meta.id, r.hits]));
        assert.deepEqual(actual, bruteForce(data, q), `query ${JSON.stringify(q)}`);
        for (const item of result.results.slice(0, 3)) {
          const snippets = await engine.snippets(result, item);
          if (item.hits > 0) assert.ok(snippets.length > 0, `${item.meta.id} has hits of ${JSON.stringify(q)} but no snippet`);
          for (const s of snippets) assert.ok(s.parts.some(p => p.mark), `a snippet of ${JSON.stringify(q)} marks nothing`);
        }
      }
    } finally {
      rmSync(folder, { recursive: true, force: true });
    }
  });
}

test('a second identical query fetches nothing', async () => {
  const data = corpus(3);
  const folder = mkdtempSync(join(tmpdir(), 'search-index-'));
  try {
    writeIndex(folder, data, { keyShards: 4 });
    const log = [];
    const engine = new SearchEngine(new SearchIndex(folderFetcher(folder, log)));
    await engine.search('农民');
    const first = log.length;
    await engine.search('农民');
    await engine.search('民农 -农民');
    assert.ok(first > 0);
    assert.equal(log.length, new Set(log).size, 'a file was fetched twice');
  } finally {
    rmSync(folder, { recursive: true, force: true });
  }
});

test('filters, facets and date sort', async () => {
  const data = corpus(5);
  const folder = mkdtempSync(join(tmpdir(), 'search-index-'));
  try {
    writeIndex(folder, data);
    const engine = new SearchEngine(new SearchIndex(folderFetcher(folder)));
    const search = async (q, filters) => {
      const result = await engine.search(q, filters);
      await engine.describe(result.results);
      return result;
    };
    const all = await search('报告');
    assert.equal(all.reports, 12);
    const byYear = await search('报告', { year: 2019, bureau: 'b1' });
    const expected = data.docs.filter(d => d.year === 2019 && d.bureau === 1).map(d => d.id).sort();
    assert.deepEqual(byYear.results.map(r => r.meta.id).sort(), expected);
    assert.equal(byYear.facets.years.reduce((s, y) => s + y.count, 0), data.docs.filter(d => d.bureau === 1).length);
    const city = await search('报告', { region: '440300' });
    assert.deepEqual(city.results.map(r => r.meta.id).sort(), data.docs.filter(d => d.regions.includes(1)).map(d => d.id).sort());
    const dated = (await search('报告', { sort: 'date' })).results.map(r => r.meta.published);
    const known = dated.filter(p => p !== null);
    assert.deepEqual(known, [...known].sort().reverse());
    assert.deepEqual(dated.slice(known.length), dated.filter(p => p === null));
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
