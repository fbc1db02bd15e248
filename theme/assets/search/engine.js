// Answers queries exactly (src/Archive/Search/Contract/FORMAT.md §2–4, §6) from the static index, one module per job:
// evaluate.js matches terms and queries, rank.js orders the matches, facets.js filters and counts them, passages.js
// finds the passages of a shown result, prefetch.js works ahead of the reader; texts.js keeps the report text that
// evaluation and passages read. This module holds what they share (the catalog as the engine reads it, the text and
// answer caches) and is what the page talks to.

import { parseQuery, isEmptyQuery } from './query.js';
import { TextCache } from './texts.js';
import { TermEvaluator, matchingDocs } from './evaluate.js';
import { Ranked, lengthNorms, isOneWord, score, rank } from './rank.js';
import { docFilter, countFacets, nameBureaus } from './facets.js';
import { passages } from './passages.js';
import { prefetch, warm } from './prefetch.js';

export class SearchEngine {
  constructor(index) {
    this.index = index;
    this.texts = new TextCache(index);
    this.evaluator = new TermEvaluator(index, this.texts, () => this.catalog());
    this.segmenter = typeof Intl.Segmenter === 'function' ? new Intl.Segmenter('zh', { granularity: 'word' }) : null;
  }

  /** Manifest, bureaus and regions, and the per-doc table, loaded once; call early to warm the cache. */
  async catalog() {
    const [manifest, catalog, table] = await Promise.all([this.index.manifest(), this.index.catalog(), this.index.docsTable()]);
    if (!this.bureauOfDoc) {
      const { ids, docs, regions } = catalog.bureaus;
      this.regionByCode = new Map(catalog.regions.map((r, i) => [r.code, i]));
      this.bureauById = new Map(ids.map((id, i) => [id, i]));
      // Each bureau's kind of department, when the index has them (FORMAT.md §4.2); −1 for none.
      this.kindNames = catalog.bureaus.kindNames ?? [];
      this.kindOfBureau = Int32Array.from(catalog.bureaus.kinds ?? ids.map(() => -1));
      this.kindByName = new Map(this.kindNames.map((name, i) => [name, i]));
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
      this.norms = lengthNorms(table.lengths, manifest.avgDocLength);
      // Each bureau's region path, from the top: its region and that region's parents.
      this.bureauPaths = regions.map(leaf => {
        const path = [];
        for (let r = leaf; r !== null; r = catalog.regions[r].parent) path.unshift(r);
        return path;
      });
    }
    return { manifest, catalog, table };
  }

  /** Loads what every query needs ahead of the first (see prefetch.js). */
  warm() {
    return warm(() => this.catalog(), this.segmenter);
  }

  /**
   * Starts answering the query being typed (see prefetch.js); titles: whether the titles of its first `page` of
   * results may be fetched.
   */
  prefetch(queryText, { titles = false, page = 10 } = {}) {
    return prefetch(this, queryText, titles ? page : 0);
  }

  /** Every report containing normalized term q, as a TermAnswer (evaluate.js). */
  term(q) {
    return this.evaluator.term(q);
  }

  /** Whether the dictionary segments a normalized term as one word (FORMAT.md §3: its weight gets the boost). */
  isWord(norm) {
    return isOneWord(this.segmenter, norm);
  }

  /**
   * Runs a query with filters { years, from, to, regions, bureaus, kinds } (years, a year range, region codes, bureau
   * ids, kinds of department;
   * any number of each, absent = all; see facets.js; year, region and bureau give one value each) and
   * sort 'relevance' | 'date'. Returns the matching reports (filtered, sorted), their hit total, and per-facet
   * counts, each facet counted over the matches filtered by the other facets. Results carry doc numbers; describe()
   * adds titles and links to the ones shown, and is started here for the first `page` of them. facets: false leaves
   * the facets uncounted (for a search made only to fetch its first page's titles ahead of the reader).
   */
  async search(queryText, { year = null, years = null, from = null, to = null, region = null, regions = null, bureau = null, bureaus = null, kinds = null, sort = 'relevance', page = 10, facets = true } = {}) {
    const query = parseQuery(queryText);
    const { manifest, catalog, table } = await this.catalog();
    const result = {
      query, found: new Map(), ranked: new Ranked([], null, null), reports: 0, hits: 0, facets: { years: [], regions: [], bureaus: [], kinds: [] },
      /** Every result in order (sorts them all: a page of them is ranked.slice(from, to)). */
      get results() {
        return this.ranked.slice(0);
      },
    };
    if (isEmptyQuery(query)) return result;

    const terms = [...new Set([...query.terms, ...query.excluded].map(t => t.norm))];
    const found = new Map(await Promise.all(terms.map(async q => [q, await this.term(q)])));
    result.found = found;
    const matching = matchingDocs(query, found, manifest.docCount, this.removed);
    const { passes, chosen } = docFilter({ year, years, from, to, region, regions, bureau, bureaus, kinds }, this, table.years);

    const scored = score(query.terms, found, { docCount: manifest.docCount, liveDocs: this.liveDocs, norms: this.norms, isWord: norm => this.isWord(norm) });
    const shown = passes === null ? matching : matching.filter(d => passes(d, null));
    const days = sort === 'date' ? await this.index.dates() : null;
    result.ranked = rank(shown, scored, table.years, days);
    result.reports = shown.length;
    for (const d of shown) result.hits += scored.hits[d];

    // The titles of the first page are requested now, so they travel while the facets are counted and drawn. The
    // requests leave only once the promises in between have run: a task boundary lets them (counting the facets of
    // 40,000 reports first held them back ~5 ms).
    if (page > 0) this.describe(result.ranked.slice(0, page)).catch(() => {});
    if (!facets) return result;
    if (page > 0) await nextTask();
    result.facets = countFacets(matching, catalog, table, passes, this);
    await nameBureaus(this.index, result.facets, chosen);
    return result;
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
   * Up to three passages of one report of a search result, each from a different block (see passages.js):
   * { anchor, href, clippedStart, clippedEnd, parts } with parts [{ text, mark }], every hit inside marked.
   */
  async snippets(result, item, { all = false } = {}) {
    await this.describe([item]);
    const entry = await this.index.doc(item.doc);
    return passages(result, item, entry, this.texts, (q, docs) => this.evaluator.verify(q, docs), { all });
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
