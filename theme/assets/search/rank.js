// The order of the results (src/Archive/Search/Contract/FORMAT.md §3): BM25 with the dictionary-word boost, or
// published date; and a ranking that sorts only as far as it is read.

const K1 = 1.2;
const B = 0.75;
const WORD_BOOST = 1.5;
// Up to this many results are found without sorting all of them.
const TOP = 200;

/**
 * BM25's length normalization of every doc, k1 · (1 − b + b · dl / avgdl), from the docs' quantized lengths dl:
 * computed once per archive, so that ranking costs one division per (term, matching doc).
 */
export function lengthNorms(lengths, avgDocLength) {
  return lengths.map(dl => K1 * (1 - B + (B * dl) / avgDocLength));
}

/** BM25's idf of a term in df of n reports. */
function idf(df, n) {
  return Math.log(1 + (n - df + 0.5) / (df + 0.5));
}

/** Whether the dictionary segments a normalized term as one word (FORMAT.md §3: its weight gets the boost). */
export function isOneWord(segmenter, norm) {
  if (segmenter === null || norm.length === 0) return false;
  const segments = Array.from(segmenter.segment(norm));
  return segments.length === 1;
}

/**
 * Scores and hit totals of every doc, in dense arrays filled term by term from its answer (found: Map(norm →
 * TermAnswer)): a doc's score is the sum over the query's positive terms of idf · tf · (k1 + 1) / (tf + its length
 * norm), times the boost for a word (isWord(norm)). N is liveDocs, the docs of the archive not removed.
 */
export function score(terms, found, { docCount, liveDocs, norms, isWord }) {
  const scores = new Float64Array(docCount);
  const hits = new Uint32Array(docCount);
  for (const t of terms) {
    const answer = found.get(t.norm);
    const weight = idf(answer.df, liveDocs);
    const boost = isWord(t.norm) ? WORD_BOOST : 1;
    const { docs, counts } = answer;
    for (let i = 0; i < docs.length; i++) {
      const d = docs[i];
      const tf = counts[i];
      hits[d] += tf;
      scores[d] += weight * ((tf * (K1 + 1)) / (tf + norms[d])) * boost;
    }
  }
  return { scores, hits };
}

/**
 * The docs ranked by relevance (days null: score, then newer year, then doc order) or by date (days: each doc's
 * published date code). A result item is { doc, year, hits, score } with bureau, regions and meta left for the
 * engine's describe() to fill in.
 */
export function rank(docs, { scores, hits }, years, days) {
  const compare = days === null
    ? (a, b) => scores[b] - scores[a] || years[b] - years[a] || a - b
    : (a, b) => byDate(a, b, days, years);
  return new Ranked(docs, compare, d => ({ doc: d, year: years[d], hits: hits[d], score: scores[d], bureau: null, regions: null, meta: null }), days === null ? scores : null);
}

/** Newest published first, unknown dates last; then newer year, then doc order. */
function byDate(a, b, days, years) {
  const da = days[a];
  const db = days[b];
  if (da !== db) return da === 0 ? 1 : db === 0 ? -1 : db - da;
  return years[b] - years[a] || a - b;
}

/**
 * The matching reports in ranking order, put in order only as far as they are read: the first page of a term in
 * 50,000 reports is the best ten, found in one pass; the whole order is sorted only when a reader pages past them.
 */
export class Ranked {
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
