// Work done before the reader asks: loading and compiling what every query needs, and answering the terms being
// typed, with the titles their key hints name (src/Archive/Search/Contract/FORMAT.md §4.3).

import { normalize } from './normalize.js';
import { parseQuery } from './query.js';

/**
 * Loads the catalog and runs the normalizer and the segmenter once on a sample, so that the first query does not
 * pay for fetching the catalog, compiling the Unicode tables and loading the word dictionary.
 */
export async function warm(catalog, segmenter) {
  await catalog();
  normalize('预热Ａ，1');
  if (segmenter) Array.from(segmenter.segment('拖欠农民工工资'));
}

/**
 * Starts answering a query while the reader is still typing, so that Enter or the end of the typing pause finds
 * the answer ready. Only terms that are keys are answered in advance (one shard and their postings); a term that
 * needs verification in text waits for the search itself. A query of one term, unfiltered and ranked by relevance
 * (page: the size of its first page, 0 for none), also has the titles of its first page fetched: at once those of
 * its key's hints, when its postings are in a file of their own; else, once its postings came with the shard, those of
 * the page as the search ranks it (ten title requests took 30–50 ms after Enter at 50,000 reports). Never fails: the
 * search reports what went wrong. engine: { catalog(), index, term(norm), search(text, options) }.
 */
export async function prefetch(engine, queryText, page) {
  try {
    const { manifest } = await engine.catalog();
    const query = parseQuery(queryText);
    // Not for one character: typing passes through it on the way to most terms.
    const single = page > 0 && query.terms.length === 1 && query.excluded.length === 0 && Array.from(query.terms[0].norm).length > 1;
    await Promise.all([...query.terms, ...query.excluded].map(async ({ norm }) => {
      if (Array.from(norm).length > manifest.maxGram) return;
      const entry = await engine.index.entry(norm);
      if (!entry) return;
      if (single && entry.hints) entry.hints.forEach(d => engine.index.doc(d).catch(() => {}));
      await engine.term(norm);
      if (single && !entry.hints) await engine.search(queryText, { page, facets: false });
    }));
  } catch {
    // The search itself will report what went wrong.
  }
}
