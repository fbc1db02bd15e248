// Writes a small static search index in format version 1 (src/Archive/Search/FORMAT.md §4) from a corpus given as
// { bureaus, regions, docs: [{ id, title, url, bureau, year, published, regions, blocks: [[anchor, text]] }] }.
// A second, independent reading of the format, so the engine can be tested on crafted corpora (tiny bucket
// counts, short overlaps) without the C# exporter.

import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { normalizeText } from '../../theme/assets/search/normalize.js';
import { bucketOf } from '../../theme/assets/search/index.js';

function varint(value, out) {
  while (value >= 0x80) {
    out.push((value & 0x7f) | 0x80);
    value = Math.floor(value / 128);
  }
  out.push(value);
}

/** Splits a document's blocks into chunks of about chunkSize normalized code points. */
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

/** The original text after a chunk that holds its next (overlap − 1) normalized code points. */
function tailOf(rest, overlap) {
  const text = rest.map(b => b[1]).join('\n');
  let need = overlap - 1;
  if (need <= 0) return '';
  for (let i = 0; i < text.length; ) {
    const ch = String.fromCodePoint(text.codePointAt(i));
    i += ch.length;
    if (normalizeText(ch) !== '' && --need === 0) return text.slice(0, i);
  }
  return text;
}

export function writeIndex(folder, corpus, { buckets = 256, shards = 2, overlap = 64, chunkSize = 1000, packSize = 3 } = {}) {
  const chunkList = [];
  const docs = corpus.docs.map((doc, d) => {
    const groups = chunksOf(doc, chunkSize);
    const firstChunk = chunkList.length;
    groups.forEach((blocks, i) => {
      const rest = groups.slice(i + 1).flat();
      chunkList.push({ doc: d, blocks, tail: tailOf(rest, overlap) });
    });
    const text = [doc.title, ...doc.blocks.map(b => b[1])].join('\n');
    return {
      id: doc.id, title: doc.title, url: doc.url, bureau: doc.bureau, year: doc.year, published: doc.published,
      regions: doc.regions, length: Array.from(normalizeText(text)).length, firstChunk, chunkCount: groups.length,
    };
  });

  const postings = Array.from({ length: buckets }, () => new Set());
  chunkList.forEach((chunk, n) => {
    const extended = chunk.blocks.map(b => b[1]).join('\n') + '\n' + chunk.tail;
    const points = Array.from(normalizeText(extended));
    points.forEach((p, i) => {
      postings[bucketOf(p, buckets)].add(n);
      if (i + 1 < points.length) postings[bucketOf(p + points[i + 1], buckets)].add(n);
    });
  });

  mkdirSync(join(folder, 'shards'), { recursive: true });
  mkdirSync(join(folder, 'packs'), { recursive: true });
  for (let s = 0; s < shards; s++) {
    const bodies = [];
    for (let b = s; b < buckets; b += shards) {
      const body = [];
      const list = [...postings[b]].sort((x, y) => x - y);
      if (list.length > 0) {
        varint(list.length, body);
        list.forEach((n, i) => varint(i === 0 ? n : n - list[i - 1], body));
      }
      bodies.push(body);
    }
    const out = [0x41, 0x53, 0x58, 0x31];
    varint(bodies.length, out);
    bodies.forEach(body => varint(body.length, out));
    bodies.forEach(body => out.push(...body));
    writeFileSync(join(folder, 'shards', String(s).padStart(3, '0') + '.bin'), Uint8Array.from(out));
  }

  const packStarts = [];
  for (let start = 0; start < chunkList.length; start += packSize) {
    packStarts.push(start);
    const name = String(packStarts.length - 1).padStart(4, '0') + '.json';
    writeFileSync(join(folder, 'packs', name), JSON.stringify(chunkList.slice(start, start + packSize)));
  }

  writeFileSync(join(folder, 'docs.json'), JSON.stringify({ bureaus: corpus.bureaus, regions: corpus.regions, docs }));
  const avgDocLength = docs.reduce((sum, d) => sum + d.length, 0) / docs.length;
  writeFileSync(join(folder, 'manifest.json'), JSON.stringify({
    format: 'archive-search', version: 1, normalization: 1, docCount: docs.length, chunkCount: chunkList.length,
    avgDocLength, buckets, shards, overlap, packStarts, docs: 'docs.json',
  }));
}
