// Exact matching (src/Archive/Search/Contract/FORMAT.md §2, §4.5, §4.6): a term that is a key is answered from its
// postings (documents and hit counts) without any text; a term longer than maxGram from the positions of the grams that
// cover it; a rare or long term gets candidates from the keys inside it and every candidate is verified in its text.
// A query's clauses and exclusions then combine the terms' answers. Docs are ascending typed arrays throughout: a term
// of a national archive can be in 50,000 reports, which as typed arrays cost two allocations, not 50,000 map entries.

import { occurrences } from './texts.js';

/**
 * Every report containing a term: docs ascending with the hit count in each, and hits: Map(doc → [[chunk, start]]),
 * the hit positions, known only for terms verified in text.
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

/** Answers normalized terms against the index, each once (texts: the TextCache verification reads through). */
export class TermEvaluator {
  constructor(index, texts, catalog) {
    this.index = index;
    this.texts = texts;
    // The engine's catalog(), read for the manifest: search and prefetch await it first, so here it waits for nothing.
    this.catalog = catalog;
    this.answers = new Map();
  }

  /** Every report containing normalized term q, as a TermAnswer; a failed answer is forgotten so a retry can succeed. */
  term(q) {
    let promise = this.answers.get(q);
    if (!promise) {
      promise = this.answer(q);
      promise.catch(() => this.answers.delete(q));
      this.answers.set(q, promise);
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

  /**
   * A gram of 3…maxGram code points that is not a key is absent when both its halves are frequent keys (§4.5), and
   * always where minDf is 1 (every gram that occurs is a key there: an update's keys).
   */
  async absent(points, segment) {
    if (segment.minDf <= 1) return true;
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

  /** Searches q in the whole normalized text of every candidate doc; its hits are kept for the passages. */
  async verify(q, candidates) {
    // A plain array: map() on a typed array would make numbers of the promises.
    const docs = Array.from(candidates);
    const entries = await Promise.all(docs.map(d => this.index.doc(d)));
    const numbers = entries.map(e => Array.from({ length: e.chunkCount }, (_, i) => e.firstChunk + i));
    await Promise.all(docs.map((d, k) => this.texts.chunks(d, entries[k], numbers[k])));
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
}

/**
 * The docs that match a parsed query, ascending (FORMAT.md §2): in every clause's union and in no excluded term's
 * answer (found: Map(norm → TermAnswer)). A query of excluded terms only starts from every doc not removed.
 */
export function matchingDocs(query, found, docCount, removed) {
  let matching;
  if (query.clauses.length === 0) {
    matching = difference(Uint32Array.from({ length: docCount }, (_, i) => i), removed);
  } else {
    matching = intersect(query.clauses.map(clause => union(clause.map(t => found.get(t.norm).docs))));
  }
  if (query.excluded.length > 0) matching = difference(matching, union(query.excluded.map(t => found.get(t.norm).docs)));
  return matching;
}
