// The passages of a shown result (src/Archive/Search/Contract/FORMAT.md §6): up to three, from different blocks in
// reading order, each the text around its block's first hit with every hit inside it marked; or, when the reader asks
// for all of them, every block with a hit, whole, every hit marked. Text is read only here and
// in verification, and only as far as the passages need it.

import { occurrences } from './texts.js';

const PASSAGES = 3;
// The window around a block's first hit, in UTF-16 units of the block's original text.
const CONTEXT_BEFORE = 24;
const CONTEXT_AFTER = 48;

/**
 * Up to three passages of one report of a search result (item.meta described; entry: its doc entry), each
 * { anchor, href, clippedStart, clippedEnd, parts } with parts [{ text, mark }]. texts: the TextCache; verify:
 * the evaluator's, for hits no one chunk holds.
 */
export async function passages(result, item, entry, texts, verify, { all = false } = {}) {
  const hits = await findHits(result, item.doc, entry, texts, verify, all ? Infinity : PASSAGES);
  hits.sort((a, b) => a[0].number - b[0].number || a[1] - b[1]);
  const blocks = new Map();
  for (const [chunk, from, length] of hits) {
    const [start, end] = chunk.span(from, Math.min(from + length, chunk.text.length));
    const block = chunk.blockAt(start);
    const key = `${chunk.number}:${block}`;
    const base = chunk.blockStarts[block];
    const text = chunk.blocks[block][1];
    if (!blocks.has(key)) blocks.set(key, { anchor: chunk.blocks[block][0], text, marks: [] });
    blocks.get(key).marks.push([start - base, Math.min(end - base, text.length)]);
  }
  const found = [...blocks.values()];
  return (all ? found : found.slice(0, PASSAGES)).map(b => passage(b, item.meta.url, all));
}

/**
 * The hits of the query's positive terms in doc d, each [chunk (a ChunkText), start (normalized unit in the chunk's
 * extended text), length]. Terms verified in text come with their hits, listed first; the others are searched in the
 * report's chunks, in order, until three blocks with hits are found or every hit has been seen. Each group is in
 * query order, which passages() keeps for hits that start at the same unit (its sort is stable).
 */
async function findHits(result, d, entry, texts, verify, limit) {
  const norms = [...new Set(result.query.terms.map(t => t.norm))].filter(q => result.found.get(q).has(d));
  const hits = [];
  const known = norms.filter(q => result.found.get(q).hits.has(d));
  for (const q of known) {
    const at = result.found.get(q).hits.get(d);
    const chunks = await texts.chunks(d, entry, at.map(([c]) => c));
    at.forEach(([, start], i) => hits.push([chunks[i], start, q.length]));
  }
  const searched = norms.filter(q => !known.includes(q));
  const wanted = searched.reduce((sum, q) => sum + result.found.get(q).count(d), 0);
  const blocksWithHits = new Set();
  let seen = 0;
  for (let c = entry.firstChunk; searched.length > 0 && c < entry.firstChunk + entry.chunkCount; c++) {
    const [chunk] = await texts.chunks(d, entry, [c]);
    for (const q of searched) {
      for (const start of occurrences(chunk.text, q, chunk.ownLength)) {
        hits.push([chunk, start, q.length]);
        seen++;
        blocksWithHits.add(chunk.blockAt(chunk.span(start, start + 1)[0]) + ':' + c);
      }
    }
    if (blocksWithHits.size >= limit || seen >= wanted) break;
  }
  // A hit longer than a chunk's tail that crosses the chunk's end is in no one chunk's text: search the whole
  // report, as verification does.
  if (searched.length > 0 && seen === 0) {
    for (const q of searched) {
      const { hits: found } = await verify(q, [d]);
      const at = found.get(d) ?? [];
      const chunks = await texts.chunks(d, entry, at.map(([c]) => c));
      at.forEach(([, start], i) => hits.push([chunks[i], start, q.length]));
    }
  }
  return hits;
}

/** The text around a block's first hit (or, whole, the block's whole text), with every hit inside it marked. */
function passage({ anchor, text, marks }, url, whole) {
  const [first] = marks;
  let from = whole ? 0 : Math.max(0, first[0] - CONTEXT_BEFORE);
  let to = whole ? text.length : Math.min(text.length, Math.max(first[1], first[0] + CONTEXT_AFTER));
  if (from > 0 && isLowSurrogate(text.charCodeAt(from))) from--;
  if (to < text.length && isLowSurrogate(text.charCodeAt(to))) to++;
  const parts = [];
  let at = from;
  for (const [start, end] of marks) {
    const s = Math.max(start, at);
    const e = Math.min(end, to);
    if (e <= s) continue;
    if (s > at) parts.push({ text: text.slice(at, s), mark: false });
    parts.push({ text: text.slice(s, e), mark: true });
    at = e;
  }
  if (at < to) parts.push({ text: text.slice(at, to), mark: false });
  return { anchor, href: `${url}#${anchor}`, clippedStart: from > 0, clippedEnd: to < text.length, parts };
}

function isLowSurrogate(unit) {
  return unit >= 0xdc00 && unit <= 0xdfff;
}
