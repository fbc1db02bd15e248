// Which results of a search are new since the reader last ran it in this browser: each search (query and filters)
// keeps, in localStorage only, the results it had; a result that was not among them is marked. Nothing is sent
// anywhere. A "visit" is a browser session: within one, reloading or going back keeps the marks (sessionStorage holds
// what the session's first look at the search found new), and a search is remembered only once it has been shown for
// a moment, so the prefixes typed on the way to a query are not stored. At most 50 searches are remembered; the
// oldest go first.
//
// A result is known by its bureau, its year and its place among the matches of that bureau and year, which the index
// gives without fetching any title and which stay the same from one build of the site to the next. (When a bureau
// gains a second matching report for a year that sorts before the first, the two trade places: the count of new
// reports is still right, but the older one is the one marked.)

const PREFIX = 'archive-seen:';
const SESSION = 'archive-seen-session:';
const INDEX = 'archive-seen-index';
const MAX_SEARCHES = 50;
// A search with more results than this is not remembered (localStorage holds a few megabytes per site).
const MAX_KEPT = 20000;

/**
 * A stable key per doc: bureau id, year, and the doc's rank among the matching docs of that bureau and year. The
 * ranks are counted at once, in doc order without sorting (a mark per doc of the archive); the keys are made as
 * strings only when asked, since a first visit to a search compares with nothing (at 50,000 results, sorting and
 * making every key took 40–65 ms of each search).
 */
export function docKeys(engine, catalog, years, docs) {
  return new DocKeys(engine.bureauOfDoc, catalog.bureaus.ids, years, docs);
}

class DocKeys {
  constructor(bureauOfDoc, bureauIds, years, docs) {
    const chosen = new Uint8Array(bureauOfDoc.length);
    for (const d of docs) chosen[d] = 1;
    this.docs = new Int32Array(docs.length);
    this.ranks = new Int32Array(docs.length);
    const counts = new Map();
    let i = 0;
    for (let d = 0; d < chosen.length; d++) {
      if (chosen[d] === 0) continue;
      const group = bureauOfDoc[d] * 65536 + years[d];
      const rank = counts.get(group) ?? 0;
      counts.set(group, rank + 1);
      this.docs[i] = d;
      this.ranks[i++] = rank;
    }
    this.key = j => `${bureauIds[bureauOfDoc[this.docs[j]]]}|${years[this.docs[j]]}|${this.ranks[j]}`;
  }

  get size() {
    return this.docs.length;
  }

  /** The key of doc d (one of the docs). */
  get(d) {
    this.at ??= new Map(Array.from(this.docs, (doc, j) => [doc, j]));
    return this.key(this.at.get(d));
  }

  *values() {
    for (let j = 0; j < this.docs.length; j++) yield this.key(j);
  }

  *[Symbol.iterator]() {
    for (let j = 0; j < this.docs.length; j++) yield [this.docs[j], this.key(j)];
  }
}

function storageKey(state) {
  const parts = Object.keys(state).sort().filter(f => f !== 'sort').map(f => `${f}=${[state[f]].flat().slice().sort().join(',')}`);
  return parts.join('&');
}

function read(storage, key) {
  try {
    return JSON.parse(storage.getItem(key) ?? 'null');
  } catch {
    return null;
  }
}

function storages() {
  try {
    return { local: window.localStorage, session: window.sessionStorage };
  } catch {
    return null;
  }
}

/**
 * The docs of this search that are new since the reader's last visit (empty on a first visit), and when that visit
 * was (or null). Reads only; remember() stores.
 */
export function compareWithLastVisit(state, keys) {
  const stores = storages();
  if (stores === null) return { fresh: new Set(), since: null };
  const key = storageKey(state);
  const snapshot = read(stores.session, SESSION + key);
  const newKeys = snapshot ? new Set(snapshot.fresh) : null;
  const last = snapshot ? null : read(stores.local, PREFIX + key);
  const before = last && Array.isArray(last.keys) ? new Set(last.keys) : null;
  const fresh = new Set();
  if (newKeys === null && before === null) return { fresh, since: null };
  for (const [d, k] of keys) {
    if (newKeys ? newKeys.has(k) : !before.has(k)) fresh.add(d);
  }
  return { fresh, since: snapshot ? snapshot.since : last?.at ?? null };
}

/** Remembers this search's results for the next visit, and what was new in this one for the rest of the session. */
export function remember(state, keys, { fresh, since }) {
  const stores = storages();
  if (stores === null || keys.size > MAX_KEPT) return;
  const key = storageKey(state);
  try {
    if (!stores.session.getItem(SESSION + key)) {
      stores.session.setItem(SESSION + key, JSON.stringify({ since, fresh: [...fresh].map(d => keys.get(d)) }));
      stores.local.setItem(PREFIX + key, JSON.stringify({ at: Date.now(), keys: [...keys.values()] }));
      const index = (read(stores.local, INDEX) ?? []).filter(k => k !== key);
      index.push(key);
      for (const old of index.splice(0, Math.max(0, index.length - MAX_SEARCHES))) stores.local.removeItem(PREFIX + old);
      stores.local.setItem(INDEX, JSON.stringify(index));
    }
  } catch {
    // Full or refused: the next visit compares with nothing, as a first one does.
  }
}
