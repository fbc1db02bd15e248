// Report text as evaluation and passages read it (src/Archive/Search/Contract/FORMAT.md §4.4): chunks, each normalized
// once with the way back from normalized units to its original blocks, kept so that a later query fetches only new
// ones.

import { normalize } from './normalize.js';

/** A chunk's extended text, normalized, with the way back from normalized units to the original blocks. */
class ChunkText {
  constructor(number, chunk) {
    this.number = number;
    this.doc = chunk.doc;
    this.blocks = chunk.blocks;
    this.blockStarts = [];
    let extended = '';
    chunk.blocks.forEach(([, text], i) => {
      if (i > 0) extended += '\n';
      this.blockStarts.push(extended.length);
      extended += text;
    });
    this.ownEnd = extended.length;
    extended += '\n' + chunk.tail;
    this.extended = extended;
    const { text, offsets } = normalize(extended);
    this.text = text;
    // Original offset of the code point each normalized UTF-16 unit belongs to.
    this.origin = new Uint32Array(text.length);
    this.ownLength = 0;
    for (let cp = 0, unit = 0; cp < offsets.length; cp++) {
      const width = text.codePointAt(unit) > 0xffff ? 2 : 1;
      for (let k = 0; k < width; k++) this.origin[unit + k] = offsets[cp];
      unit += width;
      if (offsets[cp] < this.ownEnd) this.ownLength = unit;
    }
  }

  /** The original span [start, end) of normalized units [from, to). */
  span(from, to) {
    const last = to - 1;
    const width = this.extended.codePointAt(this.origin[last]) > 0xffff ? 2 : 1;
    return [this.origin[from], this.origin[last] + width];
  }

  /** The block an original offset of the chunk's own text falls in. */
  blockAt(offset) {
    let i = this.blockStarts.length - 1;
    while (i > 0 && this.blockStarts[i] > offset) i--;
    return i;
  }
}

/** The chunks read so far, by chunk number, as ChunkTexts. */
export class TextCache {
  constructor(index) {
    this.index = index;
    this.texts = new Map();
  }

  /** A chunk read before, by number. */
  get(n) {
    return this.texts.get(n);
  }

  /**
   * The chunks with the given numbers of doc d (entry: its doc entry), in the same order; those not read before
   * come with one request, of the run of the doc's chunks from the first of them to the last.
   */
  async chunks(d, entry, numbers) {
    const missing = numbers.filter(n => !this.texts.has(n));
    if (missing.length > 0) {
      const from = Math.min(...missing) - entry.firstChunk;
      const to = Math.max(...missing) - entry.firstChunk + 1;
      const chunks = await this.index.chunks(d, entry, from, to);
      chunks.forEach((chunk, i) => {
        const n = entry.firstChunk + from + i;
        if (!this.texts.has(n)) this.texts.set(n, new ChunkText(n, chunk));
      });
    }
    return numbers.map(n => this.texts.get(n));
  }
}

/** Start positions (UTF-16 units) of every occurrence of q in text, overlaps included, below limit. */
export function occurrences(text, q, limit) {
  const starts = [];
  for (let i = text.indexOf(q); i >= 0 && i < limit; i = text.indexOf(q, i + 1)) starts.push(i);
  return starts;
}
