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
    regions: [0, 1 + (d % 2)],
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
  { name: 'few buckets, small chunks', options: { buckets: 8, shards: 3, chunkSize: 30, packSize: 2 } },
  { name: 'short overlap: long terms read whole reports', options: { buckets: 64, shards: 1, overlap: 4, chunkSize: 20, packSize: 5 } },
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
        const actual = new Map(result.results.map(r => [r.meta.id, r.hits]));
        assert.deepEqual(actual, bruteForce(data, q), `query ${JSON.stringify(q)}`);
        for (const item of result.results.slice(0, 3)) {
          for (const s of engine.snippets(result, item)) assert.ok(s.parts.some(p => p.mark), `a snippet of ${JSON.stringify(q)} marks nothing`);
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
    writeIndex(folder, data, { buckets: 64, shards: 4 });
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
    const all = await engine.search('报告');
    assert.equal(all.reports, 12);
    const byYear = await engine.search('报告', { year: 2019, bureau: 'b1' });
    const expected = data.docs.filter(d => d.year === 2019 && d.bureau === 1).map(d => d.id).sort();
    assert.deepEqual(byYear.results.map(r => r.meta.id).sort(), expected);
    assert.equal(byYear.facets.years.reduce((s, y) => s + y.count, 0), data.docs.filter(d => d.bureau === 1).length);
    const city = await engine.search('报告', { region: '440300' });
    assert.deepEqual(city.results.map(r => r.meta.id).sort(), data.docs.filter(d => d.regions.includes(1)).map(d => d.id).sort());
    const dated = (await engine.search('报告', { sort: 'date' })).results.map(r => r.meta.published);
    const known = dated.filter(p => p !== null);
    assert.deepEqual(known, [...known].sort().reverse());
    assert.deepEqual(dated.slice(known.length), dated.filter(p => p === null));
  } finally {
    rmSync(folder, { recursive: true, force: true });
  }
});

/**
 * Whether some hit of q in a report starts and ends on word boundaries, straight from FORMAT.md §3: clauses are runs
 * of kept code points with nothing dropped between them, each segmented on its own. Positions are code points.
 */
function onWords(doc, q) {
  const segmenter = new Intl.Segmenter('zh', { granularity: 'word' });
  const original = [doc.title, ...doc.blocks.map(b => b[1])].join('\n');
  const { text, offsets } = normalize(original);
  const points = Array.from(text);
  const boundaries = new Set([0, points.length]);
  let first = 0;
  for (let i = 1; i <= points.length; i++) {
    if (i < points.length && offsets[i] === offsets[i - 1] + points[i - 1].length) continue;
    boundaries.add(i);
    const clause = original.slice(offsets[first], offsets[i - 1] + points[i - 1].length);
    for (const { index } of segmenter.segment(foldWidth(clause))) boundaries.add(first + Array.from(clause.slice(0, index)).length);
    first = i;
  }
  const needle = Array.from(q);
  for (let i = 0; i + needle.length <= points.length; i++) {
    if (needle.every((c, k) => points[i + k] === c) && boundaries.has(i) && boundaries.has(i + needle.length)) return true;
  }
  return false;
}

test('the dictionary-word boost applies exactly when a hit starts and ends on word boundaries', async () => {
  const data = corpus(9);
  data.docs.forEach((doc, d) => doc.blocks.push([`w${d}`, '依法处理拖欠农民工工资案件，推进双随机、一公开监管。民工']));
  const folder = mkdtempSync(join(tmpdir(), 'search-index-'));
  try {
    writeIndex(folder, data, { chunkSize: 25 });
    const engine = new SearchEngine(new SearchIndex(folderFetcher(folder)));
    let boosted = 0;
    for (const q of [...queriesFor(data, 13).slice(0, 150), '农民工', '民工', '工资', '拖欠', '双随机', '一公开', '公开监管']) {
      const result = await engine.search(q);
      for (const item of result.results) {
        for (const term of result.query.terms) {
          const entry = result.found.get(term.norm).docs.get(item.doc);
          if (!entry) continue;
          assert.equal(entry.word, onWords(data.docs[item.doc], term.norm), `${term.norm} in ${item.meta.id}`);
          if (entry.word) boosted++;
        }
      }
    }
    assert.ok(boosted > 0);
  } finally {
    rmSync(folder, { recursive: true, force: true });
  }
});
