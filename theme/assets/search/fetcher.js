// How the search page and the trends page read the static index: a bounded number of requests at once, and range
// requests for the parts of packs (src/Archive/Search/Contract/FORMAT.md §4.0).

// A query over a large archive can verify hundreds of texts; browsers refuse that many requests at once
// (net::ERR_INSUFFICIENT_RESOURCES), so at most this many are in flight and the rest wait their turn. Enough for a
// page of titles at once (ten blocks): the browser queues them on its six connections itself, while a request
// held back here waits for the page's script to see an earlier one finish (at 8, the last two titles came ~10 ms
// after the others).
const MAX_FETCHES = 24;

export function fetcher(base) {
  let running = 0;
  const waiting = [];
  const acquire = () => (running < MAX_FETCHES ? (running++, Promise.resolve()) : new Promise(resolve => waiting.push(resolve)));
  const release = () => (waiting.length > 0 ? waiting.shift()() : running--);
  return async (path, range) => {
    await acquire();
    try {
      // A range [start, end) is asked for with one HTTP range request; a server that ignores Range sends the whole
      // file (200), from which the same bytes are taken. Ranges bypass the HTTP cache: Chromium lets one request at a
      // time use a URL's cache entry, so the ten title reads of a result page, all in one pack, waited for each
      // other (at 50,000 reports, 10 ranges of docs/0000.bin ended 7 ms apart). The index keeps what it read.
      const response = await fetch(new URL(path, base), range ? { headers: { Range: `bytes=${range[0]}-${range[1] - 1}` }, cache: 'no-store' } : undefined);
      if (!response.ok) throw new Error(`${path}: HTTP ${response.status}`);
      if (!range) return await (path.endsWith('.bin') ? response.arrayBuffer() : response.text());
      const body = await response.arrayBuffer();
      return response.status === 206 ? body : body.slice(range[0], range[1]);
    } finally {
      release();
    }
  };
}
