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
// Years covered are counted in an array indexed by the year itself.
const YEARS = 10000;

/**
 * Every report containing a term: docs ascending with the hit count in each (typed arrays, so that a term in
 * 50,000 reports costs two arrays, not 50,000 map entries), and hits: Map(doc → [[chunk, start]]), the hit
 * positions known only for terms verified in text.
 */
class TermAnswer {
  constructor(docs, counts, hits = new Map()) {
    this.docs = docs;
    this.counts = counts;
    this.hits = hits;
  }

  get df() {
    return this.docs.length;
  }

  /** Hits in doc d (0 when none). */
  count(d) {
    const i = find(this.docs, d);
    return i < 0 ? 0 : this.counts[i];
  }

  has(d) {
    return find(this.docs, d) >= 0;
  }

  /** From a Map(doc → count) whose docs were added in ascending order. */
  static of(counts, hits) {
    return new TermAnswer(Uint32Array.from(counts.keys()), Uint32Array.from(counts.values()), hits);
  }
}

const NO_MATCH = new TermAnswer(new Uint32Array(0), new Uint32Array(0));

/**
 * The matching reports in ranking order, put in order only as far as they are read: the first page of a term in
 * 50,000 reports is the best ten, found in one pass; the whole order is sorted only when a reader pages past them.
 */
class Ranked {
  constructor(docs, compare, item, key = null) {
    this.docs = docs;
    this.compare = compare;
    // Optional: a number per doc that the order never puts a lower one before a higher one (the score), so most
    // docs are passed over without calling compare.
    this.key = key;
    this.item = item;
    this.sorted = null;
    // The best docs found so far by top(), for a page that asks for no more of them (the search and the page it
    // shows both ask for the first page: one pass over 40,000 docs was ~3 ms).
    this.best = [];
    this.items = new Map();
  }

  get length() {
    return this.docs.length;
  }

  /** Result items from … to − 1 of the order (each made once, so describe() can fill it in). */
  slice(from, to = this.docs.length) {
    to = Math.min(to, this.docs.length);
    const order = this.sorted ?? (to <= this.best.length ? this.best
      : to <= TOP ? (this.best = this.top(to)) : (this.sorted = this.docs.slice().sort(this.compare)));
    const items = [];
    for (let i = from; i < to; i++) {
      const d = order[i];
      if (!this.items.has(d)) this.items.set(d, this.item(d));
      items.push(this.items.get(d));
    }
    return items;
  }

  /** The first k docs of the order: one pass keeping the best k in a sorted list. */
  top(k) {
    const best = [];
    const key = this.key;
    for (const d of this.docs) {
      if (best.length === k && ((key !== null && key[d] < key[best[k - 1]]) || this.compare(d, best[k - 1]) >= 0)) continue;
      let i = best.length === k ? k - 1 : best.length;
      while (i > 0 && this.compare(d, best[i - 1]) < 0) {
        best[i] = best[i - 1];
        i--;
      }
      best[i] = d;
    }
    return best;
  }
}

// Up to this many results are found without sorting all of them.
const TOP = 200;

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
  if (sorted.length === 1) return sorted[0];
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

/** The index of value in an ascending list, or −1. */
function find(list, value) {
  let lo = 0;
  let hi = list.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (list[mid] < value) lo = mid + 1; else hi = mid;
  }
  return lo < list.length && list[lo] === value ? lo : -1;
}

/** The union of ascending doc lists, ascending. */
function union(lists) {
  if (lists.length === 1) return lists[0];
  const seen = new Uint8Array(lists.reduce((max, l) => Math.max(max, l.length > 0 ? l[l.length - 1] + 1 : 0), 0));
  for (const list of lists) for (const d of list) seen[d] = 1;
  const result = [];
  seen.forEach((v, d) => { if (v) result.push(d); });
  return Uint32Array.from(result);
}

/** The docs of ascending list a that are not in ascending list b. */
function difference(a, b) {
  if (b.length === 0) return a;
  const kept = [];
  let j = 0;
  for (const d of a) {
    while (j < b.length && b[j] < d) j++;
    if (j >= b.length || b[j] !== d) kept.push(d);
  }
  return Uint32Array.from(kept);
}

/** A term's answer without the given docs (ascending). */
function without(answer, docs) {
  if (docs.length === 0 || answer.docs.length === 0) return answer;
  const kept = [];
  let j = 0;
  answer.docs.forEach((d, i) => {
    while (j < docs.length && docs[j] < d) j++;
    if (j >= docs.length || docs[j] !== d) kept.push(i);
  });
  if (kept.length === answer.docs.length) return answer;
  const hits = new Map(kept.filter(i => answer.hits.has(answer.docs[i])).map(i => [answer.docs[i], answer.hits.get(answer.docs[i])]));
  return new TermAnswer(Uint32Array.from(kept, i => answer.docs[i]), Uint32Array.from(kept, i => answer.counts[i]), hits);
}

/** The answers of key sets that describe disjoint docs, as one: a linear merge of their ascending docs. */
function merge(answers) {
  return answers.reduce((a, b) => {
    if (b.docs.length === 0) return a;
    if (a.docs.length === 0) return b;
    const length = a.docs.length + b.docs.length;
    const docs = new Uint32Array(length);
    const counts = new Uint32Array(length);
    for (let i = 0, j = 0, k = 0; k < length; k++) {
      const fromA = j >= b.docs.length || (i < a.docs.length && a.docs[i] < b.docs[j]);
      docs[k] = fromA ? a.docs[i] : b.docs[j];
      counts[k] = fromA ? a.counts[i++] : b.counts[j++];
    }
    return new TermAnswer(docs, counts, new Map([...a.hits, ...b.hits]));
  }, NO_MATCH);
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
      // Docs added since the base follow its docs, each naming its bureau (FORMAT.md §4.6).
      (catalog.bureaus.added ?? []).forEach((owner, i) => { owners[start + i] = owner; });
      this.bureauOfDoc = owners;
      this.removed = Uint32Array.from(manifest.update?.removed ?? []);
      this.liveDocs = manifest.docCount - this.removed.length;
      // BM25's length normalization per doc, once: ranking then costs one division per (term, matching doc).
      this.norms = table.lengths.map(dl => K1 * (1 - B + (B * dl) / manifest.avgDocLength));
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
   * needs verification in text waits for the search itself. A query of one term, unfiltered and ranked by relevance
   * (titles: true), also has the titles of its key's hints fetched (FORMAT.md §4.3): most likely its first page.
   * Never fails: the search reports what went wrong.
   */
  async prefetch(queryText, { titles = false } = {}) {
    try {
      const { manifest } = await this.catalog();
      const query = parseQuery(queryText);
      // Not for one character: typing passes through it on the way to most terms.
      const single = titles && query.terms.length === 1 && query.excluded.length === 0 && Array.from(query.terms[0].norm).length > 1;
      await Promise.all([...query.terms, ...query.excluded].map(async ({ norm }) => {
        if (Array.from(norm).length > manifest.maxGram) return;
        const entry = await this.index.entry(norm);
        if (!entry) return;
        if (single && entry.hints) entry.hints.forEach(d => this.index.doc(d).catch(() => {}));
        await this.term(norm);
      }));
    } catch {
      // The search itself will report what went wrong.
    }
  }

  /**
   * The chunks with the given numbers of doc d (entry: its doc entry), in the same order; those not read before
   * come with one request, of the run of the doc's chunks from the first of them to the last.
   */
  async chunkTexts(d, entry, numbers) {
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

  /**
   * Every report containing normalized term q, as a TermAnswer.
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

  /** The answer of each key set (FORMAT.md §4.6): the base's without its void docs, and the update's. */
  async answer(q) {
    const { manifest } = await this.catalog();
    const segments = await this.index.segments();
    const answers = await Promise.all(segments.map(segment => this.answerIn(segment, q, manifest)));
    return answers.length === 1 ? answers[0] : merge(answers.map((a, i) => without(a, segments[i].void)));
  }

  /** Every doc a key set describes that contains q (FORMAT.md §4.5, with the set's keyShards and minDf). */
  async answerIn(segment, q, manifest) {
    const points = Array.from(q);
    if (points.length <= manifest.maxGram) {
      const postings = await this.index.postings(q, segment);
      if (postings) return new TermAnswer(postings.docs, postings.hits);
      if (points.length <= 2 || await this.absent(points, segment)) return NO_MATCH;
    }
    if (points.length > manifest.maxGram) {
      const placed = await this.placed(points, manifest, segment);
      if (placed) return placed;
    }
    const m = Math.min(points.length - 1, manifest.maxGram);
    const parts = new Set();
    for (let i = 0; i + m <= points.length; i++) parts.add(points.slice(i, i + m).join(''));
    const sets = await Promise.all([...parts].map(g => this.candidates(g, segment)));
    // Void docs are not this set's to answer for: their text is another set's.
    return this.verify(q, difference(intersect(sets), segment.void));
  }

  /**
   * A term longer than maxGram, matched from the positions of the maxGram-grams that cover it (FORMAT.md §4.5
   * step 3): it occurs at p where each of them occurs at p + its offset. Null when one of them is not a key.
   */
  async placed(points, manifest, segment) {
    const size = manifest.maxGram;
    const offsets = [];
    for (let o = 0; o + size < points.length; o += size) offsets.push(o);
    offsets.push(points.length - size);
    const grams = offsets.map(o => points.slice(o, o + size).join(''));
    const postings = await Promise.all(grams.map(g => this.index.postings(g, segment)));
    if (postings.some(p => p === null)) return null;
    const docs = intersect(postings.map(p => p.docs));
    const positions = await Promise.all(grams.map(g => this.index.positions(g, segment)));
    const tf = new Map();
    for (const d of docs) {
      const at = postings.map((p, k) => positions[k][find(p.docs, d)]);
      const later = at.slice(1).map(list => new Set(list));
      let count = 0;
      for (const p of at[0]) if (later.every((set, k) => set.has(p + offsets[k + 1]))) count++;
      if (count > 0) tf.set(d, count);
    }
    return TermAnswer.of(tf, new Map());
  }

  /** A gram of 3…maxGram code points that is not a key is absent when both its halves are frequent keys (§4.5). */
  async absent(points, segment) {
    const halves = [points.slice(0, -1).join(''), points.slice(1).join('')];
    const entries = await Promise.all(halves.map(h => this.index.entry(h, segment)));
    return entries.every(e => e !== null && e.df >= segment.minDf);
  }

  /** Ascending docs that may contain gram g (≤ maxGram code points): its postings, or those of its halves. */
  async candidates(g, segment) {
    const postings = await this.index.postings(g, segment);
    if (postings) return postings.docs;
    const points = Array.from(g);
    if (points.length <= 2 || await this.absent(points, segment)) return [];
    const halves = [points.slice(0, -1).join(''), points.slice(1).join('')];
    return intersect(await Promise.all(halves.map(h => this.candidates(h, segment))));
  }

  /** Searches q in the whole normalized text of every candidate doc. */
  async verify(q, candidates) {
    // A plain array: map() on a typed array would make numbers of the promises.
    const docs = Array.from(candidates);
    const entries = await Promise.all(docs.map(d => this.index.doc(d)));
    const numbers = entries.map(e => Array.from({ length: e.chunkCount }, (_, i) => e.firstChunk + i));
    await Promise.all(docs.map((d, k) => this.chunkTexts(d, entries[k], numbers[k])));
    const tf = new Map();
    const hits = new Map();
    docs.forEach((d, k) => {
      const chunks = numbers[k].map(n => this.texts.get(n));
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
    return TermAnswer.of(tf, hits);
  }

  /**
   * Runs a query with filters { year, region, bureau } (year number, region code, bureau id; absent = all) and
   * sort 'relevance' | 'date'. Returns the matching reports (filtered, sorted), their hit total, and per-facet
   * counts, each facet counted over the matches filtered by the other facets. Results carry doc numbers; describe()
   * adds titles and links to the ones shown, and is started here for the first `page` of them.
   */
  async search(queryText, { year = null, region = null, bureau = null, sort = 'relevance', page = 10 } = {}) {
    const query = parseQuery(queryText);
    const { manifest, catalog, table } = await this.catalog();
    const result = {
      query, found: new Map(), ranked: new Ranked([], null, null), reports: 0, hits: 0, facets: { years: [], regions: [], bureaus: [] },
      /** Every result in order (sorts them all: a page of them is ranked.slice(from, to)). */
      get results() {
        return this.ranked.slice(0);
      },
    };
    if (isEmptyQuery(query)) return result;

    const terms = [...new Set([...query.terms, ...query.excluded].map(t => t.norm))];
    const found = new Map(await Promise.all(terms.map(async q => [q, await this.term(q)])));
    result.found = found;

    // Docs as ascending typed arrays throughout: a term of a national archive can be in 50,000 reports.
    let matching;
    if (query.clauses.length === 0) {
      matching = difference(Uint32Array.from({ length: manifest.docCount }, (_, i) => i), this.removed);
    } else {
      matching = intersect(query.clauses.map(clause => union(clause.map(t => found.get(t.norm).docs))));
    }
    if (query.excluded.length > 0) matching = difference(matching, union(query.excluded.map(t => found.get(t.norm).docs)));

    const filter = {
      year: year === null || year === '' ? null : Number(year),
      region: region ? this.regionByCode.get(region) ?? -1 : null,
      bureau: bureau ? this.bureauById.get(bureau) ?? -1 : null,
    };
    const passes = (d, skip) =>
      (skip === 'year' || filter.year === null || table.years[d] === filter.year) &&
      (skip === 'region' || filter.region === null || this.bureauPaths[this.bureauOfDoc[d]].includes(filter.region)) &&
      (skip === 'bureau' || filter.bureau === null || this.bureauOfDoc[d] === filter.bureau);
    const filtered = filter.year === null && filter.region === null && filter.bureau === null ? null : passes;

    // Scores and hit totals per doc in dense arrays, filled term by term from its postings.
    const scores = new Float64Array(manifest.docCount);
    const hits = new Uint32Array(manifest.docCount);
    const lengthNorms = this.norms;
    for (const t of query.terms) {
      const answer = found.get(t.norm);
      const weight = idf(answer.df, this.liveDocs);
      const boost = this.isWord(t.norm) ? WORD_BOOST : 1;
      const { docs, counts } = answer;
      for (let i = 0; i < docs.length; i++) {
        const d = docs[i];
        const tf = counts[i];
        hits[d] += tf;
        scores[d] += weight * ((tf * (K1 + 1)) / (tf + lengthNorms[d])) * boost;
      }
    }
    const shown = filtered === null ? matching : matching.filter(d => passes(d, null));
    const years = table.years;
    const days = sort === 'date' ? await this.index.dates() : null;
    const compare = days === null
      ? (a, b) => scores[b] - scores[a] || years[b] - years[a] || a - b
      : (a, b) => byDate(a, b, days, years);
    result.ranked = new Ranked(shown, compare, d => ({ doc: d, year: years[d], hits: hits[d], score: scores[d], bureau: null, regions: null, meta: null }), days === null ? scores : null);
    result.reports = shown.length;
    for (const d of shown) result.hits += hits[d];

    // The titles of the first page are requested now, so they travel while the facets are counted and drawn. The
    // requests leave only once the promises in between have run: a task boundary lets them (counting the facets of
    // 40,000 reports first held them back ~5 ms).
    if (page > 0) {
      this.describe(result.ranked.slice(0, page)).catch(() => {});
      await nextTask();
    }
    result.facets = this.facets(matching, catalog, table, filtered);
    await this.nameBureaus(result.facets, filter.bureau);
    return result;
  }

  /** Whether the dictionary segments a normalized term as one word (FORMAT.md §3: its weight gets the boost). */
  isWord(norm) {
    if (this.segmenter === null || norm.length === 0) return false;
    const segments = Array.from(this.segmenter.segment(norm));
    return segments.length === 1;
  }

  /**
   * Counts per year, region (provinces and cities) and bureau, each over the matches that pass the other filters
   * (passes(d, skip); null when nothing is filtered). Counted per bureau first: regions follow from bureaus.
   */
  facets(matching, catalog, table, passes) {
    const years = new Map();
    const perBureau = new Uint32Array(catalog.bureaus.ids.length);
    const forRegions = passes === null ? perBureau : new Uint32Array(catalog.bureaus.ids.length);
    const perYear = new Uint32Array(YEARS);
    const owners = this.bureauOfDoc;
    if (passes === null) {
      for (const d of matching) {
        perYear[table.years[d]]++;
        perBureau[owners[d]]++;
      }
    } else {
      for (const d of matching) {
        const owner = owners[d];
        if (passes(d, 'year')) perYear[table.years[d]]++;
        if (passes(d, 'region')) forRegions[owner]++;
        if (passes(d, 'bureau')) perBureau[owner]++;
      }
    }
    perYear.forEach((count, year) => { if (count > 0) years.set(year, count); });
    const regions = new Map();
    forRegions.forEach((count, owner) => {
      if (count === 0) return;
      this.bureauPaths[owner].slice(0, 2).forEach((r, depth) => regions.set(r, { depth, count: (regions.get(r)?.count ?? 0) + count }));
    });
    const bureaus = [];
    perBureau.forEach((count, b) => { if (count > 0) bureaus.push({ id: catalog.bureaus.ids[b], index: b, name: null, count }); });
    return {
      years: [...years].map(([year, count]) => ({ year, count })).sort((a, b) => b.year - a.year),
      regions: [...regions].sort((a, b) => compareIds(catalog.regions[a[0]].code, catalog.regions[b[0]].code))
        .map(([r, { depth, count }]) => ({ code: catalog.regions[r].code, name: catalog.regions[r].name, depth, count })),
      bureaus,
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
      const { id, title, url, published, bureau, bureauUrl } = await this.index.doc(item.doc);
      item.bureau = { id: catalog.bureaus.ids[owner], index: owner, name: bureau, url: bureauUrl };
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
    const norms = [...new Set(result.query.terms.map(t => t.norm))].filter(q => result.found.get(q).has(item.doc));
    const hits = [];
    // Terms verified in text come with their hits; the others are searched in the report's chunks, in order, until
    // three blocks with hits are found or every hit has been seen.
    const known = norms.filter(q => result.found.get(q).hits.has(item.doc));
    for (const q of known) {
      const at = result.found.get(q).hits.get(item.doc);
      const chunks = await this.chunkTexts(item.doc, entry, at.map(([c]) => c));
      at.forEach(([, start], i) => hits.push([chunks[i], start, q.length]));
    }
    const searched = norms.filter(q => !known.includes(q));
    const wanted = searched.reduce((sum, q) => sum + result.found.get(q).count(item.doc), 0);
    const blocksWithHits = new Set();
    let seen = 0;
    for (let c = entry.firstChunk; searched.length > 0 && c < entry.firstChunk + entry.chunkCount; c++) {
      const [chunk] = await this.chunkTexts(item.doc, entry, [c]);
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
        const chunks = await this.chunkTexts(item.doc, entry, at.map(([c]) => c));
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

/** Resolves in a task of its own, after every promise reaction already queued has run. */
function nextTask() {
  return new Promise(resolve => {
    const channel = new MessageChannel();
    channel.port1.onmessage = () => {
      channel.port1.close();
      resolve();
    };
    channel.port2.postMessage(null);
  });
}

/** BM25 (FORMAT.md §3): a term's weight idf(df) times saturation(tf, dl) per report. */
function idf(df, n) {
  return Math.log(1 + (n - df + 0.5) / (df + 0.5));
}

function saturation(tf, dl, manifest) {
  const norm = K1 * (1 - B + (B * dl) / manifest.avgDocLength);
  return (tf * (K1 + 1)) / (tf + norm);
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

/** Newest published first, unknown dates last; then newer year, then doc order. */
function byDate(a, b, days, years) {
  const da = days[a];
  const db = days[b];
  if (da !== db) return da === 0 ? 1 : db === 0 ? -1 : db - da;
  return years[b] - years[a] || a - b;
}
