// Exports a search's whole result set, not only the page shown, as CSV (for spreadsheets: UTF-8 with a byte order
// mark, so Excel reads the Chinese, CRLF rows as RFC 4180 has them) or JSON, in the order the page shows them. Each
// row: id, title, bureau, region, year, published, hits, url. The titles come from the same blocks a result shown
// fetches, a batch at a time, with progress in the status line.

export const COLUMNS = ['id', 'title', 'bureau', 'region', 'year', 'published', 'hits', 'url'];
const BATCH = 400;

/** The rows of every result, in order; onProgress(done, all) after each batch. */
export async function exportRows(engine, result, root, onProgress = () => {}) {
  const items = result.results;
  const rows = [];
  for (let from = 0; from < items.length; from += BATCH) {
    const batch = items.slice(from, from + BATCH);
    await engine.describe(batch);
    for (const item of batch) {
      rows.push({
        id: item.meta.id,
        title: item.meta.title,
        bureau: item.bureau.name,
        region: item.regions.map(r => r.name).join(' '),
        year: item.year,
        published: item.meta.published ?? '',
        hits: item.hits,
        url: new URL(root + item.meta.url, location.href).href,
      });
    }
    onProgress(Math.min(from + BATCH, items.length), items.length);
  }
  return rows;
}

// A cell a spreadsheet would run as a formula (=, +, -, @ first) is quoted with a leading apostrophe (OWASP's advice
// against CSV injection); every cell with a quote, comma or line break is quoted.
export function cell(value) {
  let text = String(value);
  if (/^[=+\-@\t\r]/.test(text)) text = `'${text}`;
  return /[",\r\n]/.test(text) ? `"${text.replaceAll('"', '""')}"` : text;
}

export function toCsv(rows) {
  const lines = [COLUMNS.join(','), ...rows.map(row => COLUMNS.map(c => cell(row[c])).join(','))];
  return `\ufeff${lines.join('\r\n')}\r\n`;
}

export function toJson(rows, state) {
  const filters = Object.fromEntries(['year', 'from', 'to', 'region', 'kind', 'bureau', 'sort'].filter(f => state[f]?.length > 0).map(f => [f, state[f]]));
  return `${JSON.stringify({ query: state.q, filters, exported: new Date().toISOString(), count: rows.length, results: rows }, null, 1)}\n`;
}

/** Offers text as a file download (an object URL, released once the click is done). */
export function download(text, name, type) {
  const url = URL.createObjectURL(new Blob([text], { type }));
  const link = document.createElement('a');
  link.href = url;
  link.download = name;
  document.body.append(link);
  link.click();
  link.remove();
  setTimeout(() => URL.revokeObjectURL(url), 0);
}

/** A file name from the query: its words, without characters file systems refuse. */
export function fileName(query, extension) {
  const words = query.trim().replace(/[\\/:*?"<>|\s]+/g, '_').slice(0, 40) || '全部';
  return `检索结果_${words}.${extension}`;
}
