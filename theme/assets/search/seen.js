// Which results of a search are new since the reader last ran it: each search (query and filters) keeps, in this
// browser's localStorage only, the results it had; a result that was not among them is marked. Nothing is sent
// anywhere. A result is known by its bureau, its year and its place among that bureau's reports of the year, which the
// index gives without fetching any title and which stay the same from one build of the site to the next. (When a
// bureau gains a second report for a year that sorts before its first, the two trade places: the count of new reports
// is still right, but the older one is the one marked.)

const PREFIX = 'archive-seen:';
// A search with more results than this is not remembered (localStorage holds a few megabytes per site).
const MAX_KEPT = 20000;

/** A stable key per doc: bureau id, year, and the doc's rank among that bureau's docs of that year. */
export function docKeys(engine, catalog, years, docs) {
  const ordinal = new Map();
  const keys = new Map();
  for (const d of [...docs].sort((a, b) => a - b)) {
    const bureau = catalog.bureaus.ids[engine.bureauOfDoc[d]];
    const group = `${bureau}|${years[d]}`;
    const k = ordinal.get(group) ?? 0;
    ordinal.set(group, k + 1);
    keys.set(d, `${group}|${k}`);
  }
  return keys;
}

function storageKey(state) {
  const parts = Object.keys(state).sort().filter(f => f !== 'sort').map(f => `${f}=${[state[f]].flat().slice().sort().join(',')}`);
  return PREFIX + parts.join('&');
}

/**
 * Compares this search's results with the ones it had at the reader's last visit, then remembers these. Returns the
 * docs that are new (empty on a first visit), and when the last visit was (or null).
 */
export function compareWithLastVisit(state, keys) {
  let storage;
  try {
    storage = window.localStorage;
  } catch {
    return { fresh: new Set(), since: null };
  }
  const key = storageKey(state);
  let last = null;
  try {
    last = JSON.parse(storage.getItem(key) ?? 'null');
  } catch {
    last = null;
  }
  const fresh = new Set();
  if (last && Array.isArray(last.keys)) {
    const before = new Set(last.keys);
    for (const [d, k] of keys) if (!before.has(k)) fresh.add(d);
  }
  if (keys.size <= MAX_KEPT) {
    try {
      storage.setItem(key, JSON.stringify({ at: Date.now(), keys: [...keys.values()] }));
    } catch {
      // Full or refused: the next visit compares with nothing, as a first one does.
    }
  }
  return { fresh, since: last?.at ?? null };
}
