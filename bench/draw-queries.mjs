// Query terms drawn at random from an archive's own text, for benchmarks that must not flatter: words and word pairs
// of 3–5 characters from random reports at random places (terms with digits left out: generated figures are random),
// kept when the share of reports that contain them lies in a band. Also reports the spectrum of document frequencies of such
// substrings, to compare a generated corpus with real reports at the same size.
//
//   node bench/draw-queries.mjs --input <input> [--count 24] [--min 0.001] [--max 0.015] [--seed 1] [--spectrum 1000]
//
// Prints the terms, comma-separated, on standard output (for search.mjs --queries); everything else on standard error.

import { parseArgs } from 'node:util';
import { readReports } from './search.mjs';

async function texts(input) {
  const all = [];
  for await (const report of readReports(input)) all.push(report.text);
  return all;
}

// A seeded generator (mulberry32), so a seed draws the same terms from the same archive.
function generator(seed) {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

// What a reader types: a word of 3–5 characters, or two neighbouring words of that length together (a place and an
// office, a verb and its object), as Intl.Segmenter (ICU's dictionary, the one the search page ranks with) cuts the
// text around a random place of a random report.
const segmenter = new Intl.Segmenter('zh-CN', { granularity: 'word' });
function candidate(all, random) {
  for (;;) {
    const text = all[Math.floor(random() * all.length)];
    const at = Math.floor(random() * Math.max(1, text.length - 40));
    const words = [...segmenter.segment(text.slice(at, at + 40))].filter(s => s.isWordLike).map(s => s.segment).slice(1, -1);
    const terms = [...words, ...words.slice(1).map((w, i) => words[i] + w)].filter(t => t.length >= 3 && t.length <= 5 && !/[0-9]/.test(t));
    if (terms.length > 0) return terms[Math.floor(random() * terms.length)];
  }
}

function documentFrequencies(all, terms) {
  const df = new Array(terms.length).fill(0);
  for (const text of all) terms.forEach((t, i) => { if (text.includes(t)) df[i]++; });
  return df;
}

async function main() {
  const { values } = parseArgs({
    options: {
      input: { type: 'string' }, count: { type: 'string', default: '24' }, min: { type: 'string', default: '0.001' },
      max: { type: 'string', default: '0.015' }, seed: { type: 'string', default: '1' }, spectrum: { type: 'string', default: '0' },
    },
  });
  if (!values.input) {
    console.error('usage: node bench/draw-queries.mjs --input <input> [--count 24] [--min 0.001] [--max 0.015] [--seed 1] [--spectrum 1000]');
    process.exit(2);
  }
  const all = await texts(values.input);
  const n = all.length;
  const random = generator(Number(values.seed));

  const sample = Number(values.spectrum);
  if (sample > 0) {
    const terms = Array.from({ length: sample }, () => candidate(all, random));
    const df = documentFrequencies(all, terms);
    const share = d => d / n;
    const bands = [['1 report', d => d === 1], ['2+ reports, ≤ 0.1%', d => d > 1 && share(d) <= 0.001],
      ['0.1–1%', d => d > 1 && share(d) > 0.001 && share(d) <= 0.01], ['1–3%', d => d > 1 && share(d) > 0.01 && share(d) <= 0.03],
      ['3–10%', d => d > 1 && share(d) > 0.03 && share(d) <= 0.1], ['10–30%', d => d > 1 && share(d) > 0.1 && share(d) <= 0.3],
      ['over 30%', d => d > 1 && share(d) > 0.3]];
    console.error(`${n} reports; ${sample} random terms of 3–5 characters (no digits), by the share of reports that contain them:`);
    for (const [label, test] of bands) console.error(`  ${label.padEnd(18)} ${(100 * df.filter(test).length / sample).toFixed(1)}%`);
    const sorted = [...df].sort((a, b) => a - b);
    console.error(`  median df ${sorted[sorted.length >> 1]} (${(100 * sorted[sorted.length >> 1] / n).toFixed(2)}% of reports)`);
  }

  const wanted = Number(values.count);
  const [low, high] = [Number(values.min) * n, Number(values.max) * n];
  const chosen = new Map();
  for (let round = 0; chosen.size < wanted && round < 50; round++) {
    const terms = [...new Set(Array.from({ length: 400 }, () => candidate(all, random)))].filter(t => !chosen.has(t));
    const df = documentFrequencies(all, terms);
    terms.forEach((t, i) => { if (chosen.size < wanted && df[i] >= low && df[i] <= high) chosen.set(t, df[i]); });
  }
  console.error(`${chosen.size} terms in ${(100 * Number(values.min)).toFixed(2)}–${(100 * Number(values.max)).toFixed(2)}% of ${n} reports: `
    + [...chosen].map(([t, d]) => `${t} ${d}`).join(', '));
  console.log([...chosen.keys()].join(','));
}

await main();
