// Answers queries exactly (src/Archive/Search/FORMAT.md §2–4): candidate chunks from bucket postings, every
// candidate verified in its text, hits counted at every start position, BM25 ranking, filters, facets, snippets.

import { foldWidth, normalize } from './normalize.js';
import { parseQuery, isEmptyQuery } from './query.js';
import { bucketOf } from './index.js';

const K1 = 1.2;
const B = 0.75;
const WORD_BOOST = 1.5;
const SNIPPETS = 3;
const CONTEXT_BEFORE = 24;
const CONTEXT_AFTER = 48;
// Prefetching while typing verifies a term in advance only if its candidates fit in this many packs (≈ 5 KB each).
const PREFETCH_PACKS = 16;

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

  /**
   * Whether a normalized position (≤ ownLength, UTF-16 units) is a word boundary (FORMAT.md §3): a chunk's ends, a
   * place where normalization dropped something, or a boundary of the segmentation of the clause (the run of kept
   * code points with nothing dropped between them) there. Only that clause is segmented, once.
   */
  isBoundary(position, segmenter) {
    if (position === 0 || position >= this.ownLength) return true;
    const before = this.codePointBefore(position);
    if (!this.adjacent(before)) return true;
    let first = before;
    while (first > 0 && this.adjacent(this.codePointBefore(first))) first = this.codePointBefore(first);
    let last = position;
    while (last + this.width(last) < this.ownLength && this.adjacent(last)) last += this.width(last);
    const start = this.origin[first];
    this.clauses ??= new Map();
    let set = this.clauses.get(start);
    if (!set) {
      const end = this.origin[last] + this.width(last);
      set = new Set(Array.from(segmenter.segment(foldWidth(this.extended.slice(start, end))), s => s.index));
      this.clauses.set(start, set);
    }
    return set.has(this.origin[position] - start);
  }

  /** UTF-16 units of the normalized code point starting at unit u (the same in the original). */
  width(u) {
    return this.text.codePointAt(u) > 0xffff ? 2 : 1;
  }

  /** The unit where the code point before unit u starts. */
  codePointBefore(u) {
    return u >= 2 && this.text.codePointAt(u - 2) > 0xffff ? u - 2 : u - 1;
  }

  /** Whether the code point at unit u and the next one are next to each other in the original. */
  adjacent(u) {
    const next = u + this.width(u);
    return next < this.text.length && this.origin[next] === this.origin[u] + this.width(u);
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

function intersect(lists) {
  lists.sort((a, b) => a.length - b.length);
  let result = Array.from(lists[0]);
  for (let i = 1; i < lists.length && result.length > 0; i++) {
    const other = lists[i];
    const kept = [];
    let j = 0;
    for (const n of result) {
      while (j < other.length && other[j] < n) j++;
      if (j < other.length && other[j] === n) kept.push(n);
    }
    result = kept;
  }
  return result;
}

function keysOf(term) {
  const points = Array.from(term);
  if (points.length === 1) return points;
  const keys = [];
  for (let i = 0; i + 1 < points.length; i++) keys.push(points[i] + points[i + 1]);
  return keys;
}

/** Start positions (UTF-16 units) of every occurrence of q in text, overlaps included, below limit. */
function occurrences(text, q, limit) {
  const starts = [];
  for (let i = text.indexOf(q); i >= 0 && i < limit; i = text.indexOf(q, i + 1)) starts.push(i);
  return starts;
}

function compareIds(a, b) {
  return a < b ? -1 : a > b ? 1 : 0;
}

export class SearchEngine {
  constructor(index) {
    this.index = index;
    this.texts = new Map();
    this.terms = new Map();
    this.segmenter = typeof Intl.Segmenter === 'function' ? new Intl.Segmenter('zh', { granularity: 'word' }) : null;
  }

  /** Manifest and document catalog, loaded once; call early to warm the cache. */
  async catalog() {
    const [manifest, docs] = await Promise.all([this.index.manifest(), this.index.docs()]);
    if (!this.regionByCode) {
      this.regionByCode = new Map(docs.regions.map((r, i) => [r.code, i]));
      this.bureauById = new Map(docs.bureaus.map((b, i) => [b.id, i]));
      this.chunkStarts = docs.docs.map(d => d.firstChunk);
    }
    return { manifest, docs };
  }

  /**
   * Loads the catalog and runs the normalizer and the segmenter once on a sample, so that the first query does not
   * pay for fetching the catalog, compiling the Unicode tables and loading the word dictionary.
   */
  async warm() {
    await this.catalog();
    normalize('预热Ａ，1');
    if (this.segmenter) Array.from(this.segmenter.segment('拖欠农民工工资'));
  }

  /**
   * Starts answering a query while the reader is still typing, so that Enter or the end of the typing pause finds
   * the answer ready: the shards of every term are fetched, and a term whose candidates live in few packs is
   * verified in full. A term with many candidates (a single common character, half typed) is left to the search
   * itself, which runs only once typing pauses. Never fails: the search reports what went wrong.
   */
  async prefetch(queryText) {
    try {
      const { manifest } = await this.catalog();
      const query = parseQuery(queryText);
      await Promise.all([...query.terms, ...query.excluded].map(async ({ norm }) => {
        const postings = await Promise.all(keysOf(norm).map(key => this.index.postings(bucketOf(key, manifest.buckets))));
        if (Array.from(norm).length > manifest.overlap) return;
        const packs = new Set(intersect(postings).map(n => this.index.packOf(manifest, n)));
        if (packs.size <= PREFETCH_PACKS) await this.term(norm);
      }));
    } catch {
      // The search itself will report what went wrong.
    }
  }

  async chunkTexts(numbers) {
    const missing = numbers.filter(n => !this.texts.has(n));
    if (missing.length > 0) {
      const chunks = await this.index.chunks(missing);
      missing.forEach((n, i) => this.texts.set(n, new ChunkText(n, chunks[i])));
    }
    return numbers.map(n => this.texts.get(n));
  }

  /**
   * Every report containing normalized term q: { df, docs: Map(doc → { hits }) }, a hit being
   * [chunk, start, length] in UTF-16 units of that chunk's normalized text (it may run on into the next chunks).
   */
  term(q) {
    let promise = this.terms.get(q);
    if (!promise) {
      promise = this.verify(q);
      promise.catch(() => this.terms.delete(q));
      this.terms.set(q, promise);
    }
    return promise;
  }

  async verify(q) {
    const { manifest, docs } = await this.catalog();
    const buckets = [...new Set(keysOf(q).map(key => bucketOf(key, manifest.buckets)))];
    const postings = await Promise.all(buckets.map(b => this.index.postings(b)));
    const found = new Map();
    const add = (doc, chunk, start) => {
      let entry = found.get(doc);
      if (!entry) found.set(doc, entry = { hits: [] });
      entry.hits.push([chunk.number, start, q.length]);
    };
    if (Array.from(q).length <= manifest.overlap) {
      const crossing = new Set();
      for (const chunk of await this.chunkTexts(intersect(postings))) {
        for (const start of occurrences(chunk.text, q, chunk.ownLength)) {
          add(chunk.doc, chunk, start);
          if (start + q.length > chunk.ownLength) crossing.add(chunk.number + 1);
        }
      }
      // Word boundaries of a hit that runs into the tail come from the next chunk's own blocks.
      await this.chunkTexts([...crossing]);
    } else {
      // A long term may span chunks, so no one chunk need hold all its keys: intersect per report instead.
      const docNumbers = intersect(postings.map(list => [...new Set(Array.from(list, n => this.docOfChunk(n)))]));
      const numbers = docNumbers.flatMap(d => Array.from({ length: docs.docs[d].chunkCount }, (_, i) => docs.docs[d].firstChunk + i));
      await this.chunkTexts(numbers);
      for (const d of docNumbers) {
        const { firstChunk, chunkCount } = docs.docs[d];
        const chunks = Array.from({ length: chunkCount }, (_, i) => this.texts.get(firstChunk + i));
        const starts = [];
        let whole = '';
        for (const chunk of chunks) {
          starts.push(whole.length);
          whole += chunk.text.slice(0, chunk.ownLength);
        }
        let c = 0;
        for (const at of occurrences(whole, q, whole.length)) {
          while (c + 1 < chunks.length && starts[c + 1] <= at) c++;
          add(d, chunks[c], at - starts[c]);
        }
      }
    }
    return { df: found.size, docs: found };
  }

  docOfChunk(n) {
    let lo = 0;
    let hi = this.chunkStarts.length - 1;
    while (lo < hi) {
      const mid = (lo + hi + 1) >> 1;
      if (this.chunkStarts[mid] <= n) lo = mid; else hi = mid - 1;
    }
    return lo;
  }

  /**
   * Runs a query with filters { year, region, bureau } (year number, region code, bureau id; absent = all) and
   * sort 'relevance' | 'date'. Returns the matching reports (filtered, sorted), their hit total, and per-facet
   * counts, each facet counted over the matches filtered by the other facets.
   */
  async search(queryText, { year = null, region = null, bureau = null, sort = 'relevance' } = {}) {
    const query = parseQuery(queryText);
    const { manifest, docs } = await this.catalog();
    const result = { query, found: new Map(), results: [], reports: 0, hits: 0, facets: { years: [], regions: [], bureaus: [] } };
    if (isEmptyQuery(query)) return result;

    const norms = [...new Set([...query.terms, ...query.excluded].map(t => t.norm))];
    const found = new Map(await Promise.all(norms.map(async q => [q, await this.term(q)])));
    result.found = found;

    let matching;
    if (query.clauses.length === 0) {
      matching = docs.docs.map((_, i) => i);
    } else {
      matching = null;
      for (const clause of query.clauses) {
        const either = new Set(clause.flatMap(t => [...found.get(t.norm).docs.keys()]));
        matching = matching === null ? [...either] : matching.filter(d => either.has(d));
      }
    }
    const excluded = new Set(query.excluded.flatMap(t => [...found.get(t.norm).docs.keys()]));
    matching = matching.filter(d => !excluded.has(d));

    const filter = {
      year: year === null || year === '' ? null : Number(year),
      region: region ? this.regionByCode.get(region) ?? -1 : null,
      bureau: bureau ? this.bureauById.get(bureau) ?? -1 : null,
    };
    const passes = (meta, skip) =>
      (skip === 'year' || filter.year === null || meta.year === filter.year) &&
      (skip === 'region' || filter.region === null || meta.regions.includes(filter.region)) &&
      (skip === 'bureau' || filter.bureau === null || meta.bureau === filter.bureau);
    result.facets = this.facets(matching, docs, passes);

    const positive = query.terms.map(t => found.get(t.norm));
    for (const d of matching) {
      const meta = docs.docs[d];
      if (!passes(meta, null)) continue;
      let hits = 0;
      let score = 0;
      for (const term of positive) {
        const entry = term.docs.get(d);
        if (!entry) continue;
        hits += entry.hits.length;
        score += this.termScore(term, entry, meta, manifest);
      }
      result.results.push({ doc: d, meta, hits, score, bureau: docs.bureaus[meta.bureau], regions: meta.regions.map(r => docs.regions[r]) });
      result.hits += hits;
    }
    result.reports = result.results.length;
    result.results.sort(sort === 'date' ? byDate : byRelevance);
    return result;
  }

  termScore(term, entry, meta, manifest) {
    const tf = entry.hits.length;
    const n = manifest.docCount;
    const idf = Math.log(1 + (n - term.df + 0.5) / (term.df + 0.5));
    const norm = K1 * (1 - B + (B * meta.length) / manifest.avgDocLength);
    if (entry.word === undefined) entry.word = entry.hits.some(hit => this.onWordBoundaries(hit));
    return idf * ((tf * (K1 + 1)) / (tf + norm)) * (entry.word ? WORD_BOOST : 1);
  }

  /** Whether a hit starts and ends on word boundaries of the dictionary segmentation (FORMAT.md §3). */
  onWordBoundaries([chunkNo, start, length]) {
    return this.segmenter !== null && this.isBoundary(chunkNo, start) && this.isBoundary(chunkNo, start + length);
  }

  isBoundary(chunkNo, position) {
    const chunk = this.texts.get(chunkNo);
    if (position > chunk.ownLength) return this.isBoundary(chunkNo + 1, position - chunk.ownLength);
    return chunk.isBoundary(position, this.segmenter);
  }

  facets(matching, docs, passes) {
    const years = new Map();
    const regions = new Map();
    const bureaus = new Map();
    const bump = (map, key) => map.set(key, (map.get(key) ?? 0) + 1);
    for (const d of matching) {
      const meta = docs.docs[d];
      if (passes(meta, 'year')) bump(years, meta.year);
      if (passes(meta, 'region')) meta.regions.slice(0, 2).forEach((r, depth) => regions.set(r, { depth, count: (regions.get(r)?.count ?? 0) + 1 }));
      if (passes(meta, 'bureau')) bump(bureaus, meta.bureau);
    }
    return {
      years: [...years].map(([year, count]) => ({ year, count })).sort((a, b) => b.year - a.year),
      regions: [...regions].sort((a, b) => compareIds(docs.regions[a[0]].code, docs.regions[b[0]].code))
        .map(([r, { depth, count }]) => ({ code: docs.regions[r].code, name: docs.regions[r].name, depth, count })),
      bureaus: [...bureaus].sort((a, b) => a[0] - b[0])
        .map(([b, count]) => ({ id: docs.bureaus[b].id, name: docs.bureaus[b].name, count })),
    };
  }

  /**
   * Up to three passages of one report of a search result, each from a different block:
   * { anchor, href, clippedStart, clippedEnd, parts } with parts [{ text, mark }], every hit inside marked.
   */
  snippets(result, item) {
    const hits = [];
    for (const norm of new Set(result.query.terms.map(t => t.norm))) {
      const entry = result.found.get(norm).docs.get(item.doc);
      if (entry) hits.push(...entry.hits);
    }
    hits.sort((a, b) => a[0] - b[0] || a[1] - b[1]);
    const blocks = new Map();
    for (const [chunkNo, from, length] of hits) {
      const chunk = this.texts.get(chunkNo);
      const [start, end] = chunk.span(from, Math.min(from + length, chunk.text.length));
      const block = chunk.blockAt(start);
      const key = `${chunkNo}:${block}`;
      const base = chunk.blockStarts[block];
      const text = chunk.blocks[block][1];
      if (!blocks.has(key)) blocks.set(key, { anchor: chunk.blocks[block][0], text, marks: [] });
      blocks.get(key).marks.push([start - base, Math.min(end - base, text.length)]);
    }
    return [...blocks.values()].slice(0, SNIPPETS).map(b => passage(b, item.meta.url));
  }
}

/** The text around a block's first hit, with every hit inside the window marked. */
function passage({ anchor, text, marks }, url) {
  const [first] = marks;
  let from = Math.max(0, first[0] - CONTEXT_BEFORE);
  let to = Math.min(text.length, Math.max(first[1], first[0] + CONTEXT_AFTER));
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

function byRelevance(a, b) {
  return b.score - a.score || b.meta.year - a.meta.year || compareIds(a.meta.id, b.meta.id);
}

const DATE = /^\d{4}-\d{2}-\d{2}$/;

function byDate(a, b) {
  const pa = DATE.test(a.meta.published ?? '') ? a.meta.published : '';
  const pb = DATE.test(b.meta.published ?? '') ? b.meta.published : '';
  if (pa !== pb) return pa === '' ? 1 : pb === '' ? -1 : compareIds(pb, pa);
  return b.meta.year - a.meta.year || compareIds(a.meta.id, b.meta.id);
}
