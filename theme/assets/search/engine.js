// Answers queries exactly (src/Archive/Search/FORMAT.md §2–4): a term that is a key is answered from its postings
// (documents and hit counts) without any text; a rare or long term gets candidates from the keys inside it and
// every candidate is verified in its text. BM25 ranking, filters, facets; titles and snippets only for the results
// shown.

import { normalize } from './normalize.js';
import { parseQuery, isEmptyQuery } from './query.js';

const K1 = 1.2;
const B = 0.75;
const WORD_BOOST = 1.5;
const SNIPPETS = 3;
const CONTEXT_BEFORE = 24;
const CONTEXT_AFTER = 48;
const MAX_BUREAUS = 100;
const NO_MATCH = { df: 0, tf: new Map(), hits: new Map() };

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

/** The intersection of ascending doc lists (arrays or typed arrays), ascending. */
function intersect(lists) {
  const sorted = [...lists].sort((a, b) => a.length - b.length);
  let result = Array.from(sorted[0]);
  for (let i = 1; i < sorted.length && result.length > 0; i++) {
    const other = sorted[i];
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

/** The index of value in an ascending list (it must be there). */
function indexOf(list, value) {
  let lo = 0;
  let hi = list.length - 1;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (list[mid] < value) lo = mid + 1; else hi = mid;
  }
  return lo;
}

/** Start positions (UTF-16 units) of every occurrence of q in text, overlaps included, below limit. */
function occurrences(text, q, limit) {
  const starts = [];
  for (let i = text.indexOf(q); i >= 0 && i < limit; i = text.indexOf(q, i + 1)) starts.push(i);
  return starts;
}

export class SearchEngine {
  constructor(index) {
    this.index = index;
    this.texts = new Map();
    this.terms = new Map();
    this.segmenter = typeof Intl.Segmenter === 'function' ? new Intl.Segmenter('zh', { granularity: 'word' }) : null;
  }

  /** Manifest, bureaus and regions, and the per-doc table, loaded once; call early to warm the cache. */
  async catalog() {
    const [manifest, catalog, table] = await Promise.all([this.index.manifest(), this.index.catalog(), this.index.docsTable()]);
    if (!this.bureauOfDoc) {
      const { ids, docs, regions } = catalog.bureaus;
      this.regionByCode = new Map(catalog.regions.map((r, i) => [r.code, i]));
      this.bureauById = new Map(ids.map((id, i) => [id, i]));
      const owners = new Int32Array(manifest.docCount);
      let start = 0;
      docs.forEach((count, i) => {
        owners.fill(i, start, start + count);
        start += count;
      });
      this.bureauOfDoc = owners;
      // Each bureau's region path, from the top: its region and that region's parents.
      this.bureauPaths = regions.map(leaf => {
        const path = [];
        for (let r = leaf; r !== null; r = catalog.regions[r].parent) path.unshift(r);
        return path;
      });
    }
    return { manifest, catalog, table };
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
   * the answer ready. Only terms that are keys are answered in advance (one shard and their postings); a term that
   * needs verification in text waits for the search itself. Never fails: the search reports what went wrong.
   */
  async prefetch(queryText) {
    try {
      const { manifest } = await this.catalog();
      const query = parseQuery(queryText);
      await Promise.all([...query.terms, ...query.excluded].map(async ({ norm }) => {
        if (Array.from(norm).length <= manifest.maxGram && await this.index.entry(norm)) await this.term(norm);
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
   * Every report containing normalized term q: { df, tf: Map(doc → hits), hits: Map(doc → [[chunk, start]]) },
   * the hit positions known only for terms verified in text.
   */
  term(q) {
    let promise = this.terms.get(q);
    if (!promise) {
      promise = this.answer(q);
      promise.catch(() => this.terms.delete(q));
      this.terms.set(q, promise);
    }
    return promise;
  }

  async answer(q) {
    const { manifest } = await this.catalog();
    const points = Array.from(q);
    if (points.length <= manifest.maxGram) {
      const postings = await this.index.postings(q);
      if (postings) {
        const tf = new Map();
        postings.docs.forEach((d, i) => tf.set(d, postings.hits[i]));
        return { df: postings.df, tf, hits: new Map() };
      }
      if (points.length <= 2 || await this.absent(points, manifest)) return NO_MATCH;
    }
    if (points.length > manifest.maxGram) {
      const placed = await this.placed(points, manifest);
      if (placed) return placed;
    }
    const m = Math.min(points.length - 1, manifest.maxGram);
    const parts = new Set();
    for (let i = 0; i + m <= points.length; i++) parts.add(points.slice(i, i + m).join(''));
    const sets = await Promise.all([...parts].map(g => this.candidates(g, manifest)));
    return this.verify(q, intersect(sets));
  }

  /**
   * A term longer than maxGram, matched from the positions of the maxGram-grams that cover it (FORMAT.md §4.5
   * step 3): it occurs at p where each of them occurs at p + its offset. Null when one of them is not a key.
   */
  async placed(points, manifest) {
    const size = manifest.maxGram;
    const offsets = [];
    for (let o = 0; o + size < points.length; o += size) offsets.push(o);
    offsets.push(points.length - size);
    const grams = offsets.map(o => points.slice(o, o + size).join(''));
    const postings = await Promise.all(grams.map(g => this.index.postings(g)));
    if (postings.some(p => p === null)) return null;
    const docs = intersect(postings.map(p => p.docs));
    const positions = await Promise.all(grams.map(g => this.index.positions(g)));
    const tf = new Map();
    for (const d of docs) {
      const at = postings.map((p, k) => positions[k][indexOf(p.docs, d)]);
      const later = at.slice(1).map(list => new Set(list));
      let count = 0;
      for (const p of at[0]) if (later.every((set, k) => set.has(p + offsets[k + 1]))) count++;
      if (count > 0) tf.set(d, count);
    }
    return { df: tf.size, tf, hits: new Map() };
  }

  /** A gram of 3…maxGram code points that is not a key is absent when both its halves are frequent keys (§4.5). */
  async absent(points, manifest) {
    const halves = [points.slice(0, -1).join(''), points.slice(1).join('')];
    const entries = await Promise.all(halves.map(h => this.index.entry(h)));
    return entries.every(e => e !== null && e.df >= manifest.minDf);
  }

  /** Ascending docs that may contain gram g (≤ maxGram code points): its postings, or those of its halves. */
  async candidates(g, manifest) {
    const postings = await this.index.postings(g);
    if (postings) return postings.docs;
    const points = Array.from(g);
    if (points.length <= 2 || await this.absent(points, manifest)) return [];
    const halves = [points.slice(0, -1).join(''), points.slice(1).join('')];
    return intersect(await Promise.all(halves.map(h => this.candidates(h, manifest))));
  }

  /** Searches q in the whole normalized text of every candidate doc. */
  async verify(q, docs) {
    const entries = await Promise.all(docs.map(d => this.index.doc(d)));
    const numbers = entries.flatMap(e => Array.from({ length: e.chunkCount }, (_, i) => e.firstChunk + i));
    await this.chunkTexts(numbers);
    const tf = new Map();
    const hits = new Map();
    docs.forEach((d, k) => {
      const chunks = Array.from({ length: entries[k].chunkCount }, (_, i) => this.texts.get(entries[k].firstChunk + i));
      const starts = [];
      let whole = '';
      for (const chunk of chunks) {
        starts.push(whole.length);
        whole += chunk.text.slice(0, chunk.ownLength);
      }
      const found = occurrences(whole, q, whole.length);
      if (found.length === 0) return;
      let c = 0;
      hits.set(d, found.map(at => {
        while (c + 1 < chunks.length && starts[c + 1] <= at) c++;
        return [chunks[c].number, at - starts[c]];
      }));
      tf.set(d, found.length);
    });
    return { df: tf.size, tf, hits };
  }

  /**
   * Runs a query with filters { year, region, bureau } (year number, region code, bureau id; absent = all) and
   * sort 'relevance' | 'date'. Returns the matching reports (filtered, sorted), their hit total, and per-facet
   * counts, each facet counted over the matches filtered by the other facets. Results carry doc numbers; describe()
   * adds titles and links to the ones shown.
   */
  async search(queryText, { year = null, region = null, bureau = null, sort = 'relevance' } = {}) {
    const query = parseQuery(queryText);
    const { manifest, catalog, table } = await this.catalog();
    const result = { query, found: new Map(), results: [], reports: 0, hits: 0, facets: { years: [], regions: [], bureaus: [] } };
    if (isEmptyQuery(query)) return result;

    const norms = [...new Set([...query.terms, ...query.excluded].map(t => t.norm))];
    const found = new Map(await Promise.all(norms.map(async q => [q, await this.term(q)])));
    result.found = found;

    let matching;
    if (query.clauses.length === 0) {
      matching = Array.from({ length: manifest.docCount }, (_, i) => i);
    } else {
      matching = null;
      for (const clause of query.clauses) {
        const either = new Set(clause.flatMap(t => [...found.get(t.norm).tf.keys()]));
        matching = matching === null ? [...either] : matching.filter(d => either.has(d));
      }
    }
    const excluded = new Set(query.excluded.flatMap(t => [...found.get(t.norm).tf.keys()]));
    matching = matching.filter(d => !excluded.has(d));

    const filter = {
      year: year === null || year === '' ? null : Number(year),
      region: region ? this.regionByCode.get(region) ?? -1 : null,
      bureau: bureau ? this.bureauById.get(bureau) ?? -1 : null,
    };
    const passes = (d, skip) =>
      (skip === 'year' || filter.year === null || table.years[d] === filter.year) &&
      (skip === 'region' || filter.region === null || this.bureauPaths[this.bureauOfDoc[d]].includes(filter.region)) &&
      (skip === 'bureau' || filter.bureau === null || this.bureauOfDoc[d] === filter.bureau);
    result.facets = this.facets(matching, catalog, table, passes);
    await this.nameBureaus(result.facets, filter.bureau);

    const positive = query.terms.map(t => ({ answer: found.get(t.norm), word: this.isWord(t.norm) }));
    for (const d of matching) {
      if (!passes(d, null)) continue;
      let hits = 0;
      let score = 0;
      for (const { answer, word } of positive) {
        const tf = answer.tf.get(d);
        if (!tf) continue;
        hits += tf;
        score += termScore(tf, answer.df, table.lengths[d], manifest) * (word ? WORD_BOOST : 1);
      }
      // Only what sorting needs: a national archive can match 50,000 reports, and describe() adds the rest to the
      // few that are shown.
      result.results.push({ doc: d, year: table.years[d], hits, score, bureau: null, regions: null, meta: null });
      result.hits += hits;
    }
    result.reports = result.results.length;
    if (sort === 'date') {
      const days = await this.index.dates();
      result.results.sort((a, b) => byDate(a, b, days));
    } else {
      result.results.sort(byRelevance);
    }
    return result;
  }

  /** Whether the dictionary segments a normalized term as one word (FORMAT.md §3: its weight gets the boost). */
  isWord(norm) {
    if (this.segmenter === null || norm.length === 0) return false;
    const segments = Array.from(this.segmenter.segment(norm));
    return segments.length === 1;
  }

  facets(matching, catalog, table, passes) {
    const years = new Map();
    const regions = new Map();
    const bureaus = new Map();
    const bump = (map, key) => map.set(key, (map.get(key) ?? 0) + 1);
    for (const d of matching) {
      const owner = this.bureauOfDoc[d];
      if (passes(d, 'year')) bump(years, table.years[d]);
      if (passes(d, 'region')) this.bureauPaths[owner].slice(0, 2).forEach((r, depth) => regions.set(r, { depth, count: (regions.get(r)?.count ?? 0) + 1 }));
      if (passes(d, 'bureau')) bump(bureaus, owner);
    }
    return {
      years: [...years].map(([year, count]) => ({ year, count })).sort((a, b) => b.year - a.year),
      regions: [...regions].sort((a, b) => compareIds(catalog.regions[a[0]].code, catalog.regions[b[0]].code))
        .map(([r, { depth, count }]) => ({ code: catalog.regions[r].code, name: catalog.regions[r].name, depth, count })),
      bureaus: [...bureaus].sort((a, b) => a[0] - b[0])
        .map(([b, count]) => ({ id: catalog.bureaus.ids[b], index: b, name: null, count })),
      moreBureaus: 0,
    };
  }

  /**
   * Names the bureaus of the bureau facet, from the bureau blocks. A national archive has thousands of bureaus: a
   * list that long can be neither read nor fetched cheaply, so past MAX_BUREAUS only the chosen bureau is listed
   * and the rest counted (choosing a region narrows the list, its bureaus being neighbours in the blocks).
   */
  async nameBureaus(facets, chosen) {
    if (facets.bureaus.length > MAX_BUREAUS) {
      facets.moreBureaus = facets.bureaus.length;
      facets.bureaus = facets.bureaus.filter(b => b.index === chosen);
      facets.moreBureaus -= facets.bureaus.length;
    }
    await Promise.all(facets.bureaus.map(async b => {
      b.name = (await this.index.bureau(b.index)).name;
    }));
  }

  /** Adds meta { id, title, url, published, year } and the bureau's name and url to the results about to be shown. */
  async describe(items) {
    const { catalog } = await this.catalog();
    await Promise.all(items.map(async item => {
      if (item.meta) return;
      const owner = this.bureauOfDoc[item.doc];
      const [{ id, title, url, published }, bureau] = await Promise.all([this.index.doc(item.doc), this.index.bureau(owner)]);
      item.bureau = { id: catalog.bureaus.ids[owner], index: owner, name: bureau.name, url: bureau.url };
      item.regions = this.bureauPaths[owner].map(r => catalog.regions[r]).filter(r => r.name !== undefined);
      item.meta = { id, title, url, published, year: item.year };
    }));
    return items;
  }

  /**
   * Up to three passages of one report of a search result, each from a different block:
   * { anchor, href, clippedStart, clippedEnd, parts } with parts [{ text, mark }], every hit inside marked.
   * Reads the report's chunks in order until three blocks with hits are found or every hit has been seen.
   */
  async snippets(result, item) {
    await this.describe([item]);
    const entry = await this.index.doc(item.doc);
    const norms = [...new Set(result.query.terms.map(t => t.norm))].filter(q => result.found.get(q).tf.has(item.doc));
    const hits = [];
    // Terms verified in text come with their hits; the others are searched in the report's chunks, in order, until
    // three blocks with hits are found or every hit has been seen.
    const known = norms.filter(q => result.found.get(q).hits.has(item.doc));
    for (const q of known) {
      const at = result.found.get(q).hits.get(item.doc);
      const chunks = await this.chunkTexts(at.map(([c]) => c));
      at.forEach(([, start], i) => hits.push([chunks[i], start, q.length]));
    }
    const searched = norms.filter(q => !known.includes(q));
    const wanted = searched.reduce((sum, q) => sum + result.found.get(q).tf.get(item.doc), 0);
    const blocksWithHits = new Set();
    let seen = 0;
    for (let c = entry.firstChunk; searched.length > 0 && c < entry.firstChunk + entry.chunkCount; c++) {
      const [chunk] = await this.chunkTexts([c]);
      for (const q of searched) {
        for (const start of occurrences(chunk.text, q, chunk.ownLength)) {
          hits.push([chunk, start, q.length]);
          seen++;
          blocksWithHits.add(chunk.blockAt(chunk.span(start, start + 1)[0]) + ':' + c);
        }
      }
      if (blocksWithHits.size >= SNIPPETS || seen >= wanted) break;
    }
    // A hit longer than a chunk's tail that crosses the chunk's end is in no one chunk's text: search the whole
    // report, as verification does.
    if (searched.length > 0 && seen === 0) {
      for (const q of searched) {
        const { hits: found } = await this.verify(q, [item.doc]);
        const at = found.get(item.doc) ?? [];
        const chunks = await this.chunkTexts(at.map(([c]) => c));
        at.forEach(([, start], i) => hits.push([chunks[i], start, q.length]));
      }
    }
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
    return [...blocks.values()].slice(0, SNIPPETS).map(b => passage(b, item.meta.url));
  }
}

function termScore(tf, df, dl, manifest) {
  const n = manifest.docCount;
  const idf = Math.log(1 + (n - df + 0.5) / (df + 0.5));
  const norm = K1 * (1 - B + (B * dl) / manifest.avgDocLength);
  return idf * ((tf * (K1 + 1)) / (tf + norm));
}

function compareIds(a, b) {
  return a < b ? -1 : a > b ? 1 : 0;
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
  return b.score - a.score || b.year - a.year || a.doc - b.doc;
}

function byDate(a, b, days) {
  const da = days[a.doc];
  const db = days[b.doc];
  if (da !== db) return da === 0 ? 1 : db === 0 ? -1 : db - da;
  return b.year - a.year || a.doc - b.doc;
}
