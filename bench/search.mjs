// Query benchmark in headless Chromium: our search page and a Pagefind page over the same built site, both served
// from a loopback static server. For each query of a fixed set: bytes transferred and time from the Enter keypress
// to results shown, cold (fresh browser context, empty cache) and warm (the same page right after another query);
// result counts of both against the exact reference, a brute-force substring scan of the normalized report texts.
// Prints a markdown section.
//
//   node bench/search.mjs --site <output> --input <input> [--runs 3] [--pagefind pagefind-1,pagefind-2] [--shown 5]
//                         [--filters 'year=2019&year=2020&region=510000'] [--queries 欠薪,调解率]
//
// --filters opens our search page with those filters in its address (as a shared link or a saved search would), then
// types each query: the exact counts apply the same filters (FORMAT.md §2). Pagefind is not run with filters.

import { readdir, readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { chromium } from 'playwright-core';
import { serveInChild } from './serve.mjs';

export const NAMED_QUERIES = ['民工', '欠薪', '调解率', '云仲裁', '双随机一公开', '谁执法谁普法', '年以来', '法治政府', '行政复议', '拖欠农民工工资'];

let QUERIES = NAMED_QUERIES;

const CHROMIUM_FLAGS = ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update',
  '--disable-sync', '--no-first-run', '--disable-quic'];

// FORMAT.md §1: width folding, ASCII case folding, keep letters and numbers only.
export function normalize(text) {
  return text
    .replace(/[\uFF01-\uFF5E]/g, c => String.fromCharCode(c.charCodeAt(0) - 0xfee0))
    .replace(/[A-Z]/g, c => c.toLowerCase())
    .replace(/[^\p{L}\p{N}]/gu, '');
}

/** The bureaus of input/bureaus.yml: id → { division, kind }. */
async function readBureaus(input) {
  const bureaus = new Map();
  let current = null;
  for (const line of (await readFile(join(input, 'bureaus.yml'), 'utf8')).split('\n')) {
    const field = line.match(/^(?:- )?\s*(id|division|kind):\s*"?([^"]*)"?\s*$/);
    if (!field) continue;
    if (field[1] === 'id') bureaus.set(field[2], current = { division: '', kind: '' });
    else if (current) current[field[1]] = field[2];
  }
  return bureaus;
}

/**
 * Whether a report passes the filters of a search address (FORMAT.md §2): OR within a filter, AND across them. A region
 * holds a bureau when it is the bureau's province, city or own division.
 */
function passes(filters, bureaus, bureauId, year) {
  const bureau = bureaus.get(bureauId) ?? { division: '', kind: '' };
  const years = filters.getAll('year').map(Number);
  if (years.length > 0 && !years.includes(year)) return false;
  if (filters.get('from') && year < Number(filters.get('from'))) return false;
  if (filters.get('to') && year > Number(filters.get('to'))) return false;
  const regions = filters.getAll('region');
  const division = bureau.division;
  const inRegion = code => code === division || (code.endsWith('0000') ? division.startsWith(code.slice(0, 2)) : code.endsWith('00') && division.startsWith(code.slice(0, 4)));
  if (regions.length > 0 && !regions.some(inRegion)) return false;
  const kinds = filters.getAll('kind').map(k => (k === '-' ? '' : k));
  if (kinds.length > 0 && !kinds.includes(bureau.kind)) return false;
  const chosen = filters.getAll('bureau');
  return chosen.length === 0 || chosen.includes(bureauId);
}

/** Each report of input/reports: its id, bureau, year and normalized searchable text (title, then body). */
export async function* readReports(input) {
  const folder = join(input, 'reports');
  for (const name of (await readdir(folder)).filter(n => n.endsWith('.md')).sort()) {
    const lines = (await readFile(join(folder, name), 'utf8')).replace(/\r\n/g, '\n').split('\n');
    const close = lines.indexOf('---', 1);
    const field = key => lines.find(l => l.startsWith(key + ': '))?.slice(key.length + 2) ?? '';
    yield {
      id: JSON.parse(field('id')),
      bureau: field('bureau').replaceAll('"', '').trim(),
      year: Number(field('year')),
      text: normalize([JSON.parse(field('title')), ...lines.slice(close + 1)].join('\n')),
    };
  }
}

/** The reports (by id) whose normalized searchable text (title, then body) contains each normalized query and pass the filters. */
export async function exactMatches(input, queries, filters = new URLSearchParams()) {
  const terms = queries.map(normalize);
  const bureaus = filters.size > 0 ? await readBureaus(input) : new Map();
  const matches = new Map(queries.map(q => [q, new Set()]));
  for await (const report of readReports(input)) {
    if (filters.size > 0 && !passes(filters, bureaus, report.bureau, report.year)) continue;
    queries.forEach((q, i) => { if (terms[i].length > 0 && report.text.includes(terms[i])) matches.get(q).add(report.id); });
  }
  return matches;
}

function pagefindPage(bundles, shown) {
  return `<!doctype html><html lang="zh-CN"><meta charset="utf-8"><title>Pagefind</title>
<input id="q" type="search"><p id="status"></p><ol id="results"></ol>
<script type="module">
const bundles = ${JSON.stringify(bundles)};
const pagefind = await import('/' + bundles[0] + '/pagefind.js');
await pagefind.options({});
for (const bundle of bundles.slice(1)) await pagefind.mergeIndex('/' + bundle + '/');
await pagefind.init();
const q = document.getElementById('q'), status = document.getElementById('status'), list = document.getElementById('results');
q.addEventListener('keydown', async event => {
  if (event.key !== 'Enter') return;
  const search = await pagefind.search(q.value);
  const data = await Promise.all(search.results.slice(0, ${shown}).map(r => r.data()));
  list.replaceChildren(...data.map(d => {
    const item = document.createElement('li'), link = document.createElement('a'), excerpt = document.createElement('p');
    link.href = d.url; link.textContent = d.meta.title ?? d.url; excerpt.innerHTML = d.excerpt;
    item.append(link, excerpt);
    return item;
  }));
  status.textContent = search.results.length > 0 ? '找到 ' + search.results.length + ' 个页面' : '没有找到';
});
// Every result's URL, loaded 100 at a time (thousands of fetches at once exhaust Chromium's request slots).
window.allUrls = async term => {
  const search = await pagefind.search(term);
  const urls = [];
  for (let i = 0; i < search.results.length; i += 100) {
    urls.push(...(await Promise.all(search.results.slice(i, i + 100).map(r => r.data()))).map(d => d.url));
  }
  return urls;
};
window.benchReady = true;
</script></html>`;
}

// Both pages: #q takes the query, Enter searches at once (ours skips its typing debounce on submit), and the
// status line changes to 找到…/没有找到… after the result list is filled.
const SYSTEMS = {
  ours: { path: '/search.html', status: '#search-status', ready: '#search-app:not([hidden])' },
  pagefind: { path: '/pagefind-bench.html', status: '#status', ready: 'body', readyFunction: () => window.benchReady === true },
};

async function openPage(browser, base, system) {
  const context = await browser.newContext();
  const page = await context.newPage();
  await page.goto(base + system.path, { waitUntil: 'load' });
  await page.waitForSelector(system.ready);
  if (system.readyFunction) await page.waitForFunction(system.readyFunction);
  await page.waitForLoadState('networkidle');
  return { context, page };
}

// Resolves when the status line shows the outcome (results, none, or an error message), or after QUERY_TIMEOUT_MS.
const QUERY_TIMEOUT_MS = 120_000;

async function timeQuery(page, system, query) {
  await page.fill('#q', '');
  const shown = page.evaluate(([selector, timeout]) => new Promise(resolve => {
    const status = document.querySelector(selector);
    const input = document.getElementById('q');
    let start = 0;
    input.addEventListener('keydown', e => { if (e.key === 'Enter') start = performance.now(); }, { capture: true, once: true });
    const observer = new MutationObserver(() => {
      if (start > 0 && !/^(|正在检索…)$/.test(status.textContent.trim())) {
        observer.disconnect();
        // domMs: the answer is in the page; ms: the next frame has been painted with it.
        const domMs = performance.now() - start;
        requestAnimationFrame(() => resolve({ ms: performance.now() - start, domMs, status: status.textContent }));
      }
    });
    observer.observe(status, { childList: true, characterData: true, subtree: true });
    setTimeout(() => { observer.disconnect(); resolve({ ms: NaN, status: `no outcome after ${timeout / 1000} s` }); }, timeout);
  }), [system.status, QUERY_TIMEOUT_MS]);
  await page.fill('#q', query);
  await page.press('#q', 'Enter');
  const { ms, domMs, status } = await shown;
  const found = status.match(/找到\s*([\d,]+)/);
  if (found || /没有找到/.test(status)) return { ms, domMs, count: found ? Number(found[1].replaceAll(',', '')) : 0 };
  // An error shown instead of results: no time, and the message in place of a count.
  return { ms: NaN, domMs: NaN, count: `failed: ${status.slice(0, 24)}` };
}

const median = values => {
  const sorted = values.filter(v => Number.isFinite(v)).sort((a, b) => a - b);
  if (sorted.length === 0) return NaN;
  const mid = sorted.length >> 1;
  return sorted.length % 2 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
};

// Bytes are counted by the server (body bytes it sent), so requests from the page, its workers and prefetches all
// count, and whatever the browser takes from its cache counts nothing.

// Resolves once the server has sent nothing for IDLE_MS. Playwright's waitForLoadState('networkidle') cannot say
// this after a query: it is a state of the page's load, reached once, and resolves at once ever after, so the bytes
// of passages still arriving after the result list fell to the next measurement or to none (sessions 1–10).
const IDLE_MS = 500;
async function idle(sent) {
  let last = await sent();
  let since = Date.now();
  while (Date.now() - since < IDLE_MS) {
    await new Promise(resolve => setTimeout(resolve, 50));
    const now = await sent();
    if (now !== last) {
      last = now;
      since = Date.now();
    }
  }
  return last;
}
async function measure(browser, base, sent, system, runs, log) {
  const figures = new Map(QUERIES.map(q => [q, { coldMs: [], coldDomMs: [], coldKb: [], coldQueryKb: [], warmMs: [], warmDomMs: [], warmKb: [], againMs: [], againDomMs: [], count: 0 }]));
  for (let run = 0; run < runs; run++) {
    for (let i = 0; i < QUERIES.length; i++) {
      const query = QUERIES[i];
      const next = QUERIES[(i + 1) % QUERIES.length];
      const opened = await sent();
      const { context, page } = await openPage(browser, base, system);
      const loaded = (await idle(sent)) - opened;
      const cold = await timeQuery(page, system, query);
      const afterCold = (await idle(sent)) - opened;
      const warm = await timeQuery(page, system, next);
      await idle(sent);
      const f = figures.get(query);
      // A failed query (error shown, or no outcome) has no time and its bytes are left out of the medians.
      const coldOk = Number.isFinite(cold.ms);
      f.coldMs.push(cold.ms); f.coldDomMs.push(cold.domMs); f.coldKb.push(coldOk ? afterCold / 1024 : NaN); f.coldQueryKb.push(coldOk ? (afterCold - loaded) / 1024 : NaN);
      f.count = cold.count;
      figures.get(next).warmMs.push(warm.ms);
      figures.get(next).warmDomMs.push(warm.domMs);
      figures.get(next).warmKb.push(Number.isFinite(warm.ms) ? ((await sent()) - opened - afterCold) / 1024 : NaN);
      // Again: the first query once more, its index data already in the page (as when a reader goes back to it).
      const again = await timeQuery(page, system, query);
      f.againMs.push(again.ms);
      f.againDomMs.push(again.domMs);
      log(`${system.path} run ${run + 1} ${query}: cold ${cold.ms.toFixed(0)} ms ${(afterCold / 1024).toFixed(1)} KB (${cold.count}); warm ${next} ${warm.ms.toFixed(0)} ms`);
      await context.close();
    }
  }
  return figures;
}

// The value below which the given share of the values lie (nearest rank): 1 is the maximum.
const quantile = (values, share) => {
  const sorted = values.filter(v => Number.isFinite(v)).sort((a, b) => a - b);
  return sorted.length === 0 ? NaN : sorted[Math.min(sorted.length - 1, Math.ceil(share * sorted.length) - 1)];
};

const fmt = (v, digits = 0) => (Number.isFinite(v) ? v.toFixed(digits) : '–');
const ratio = (a, b) => (Number.isFinite(a) && Number.isFinite(b) && b > 0 ? `${(a / b).toFixed(a / b < 1 ? 2 : 1)}×` : '–');

async function main() {
  const { values } = parseArgs({
    options: {
      site: { type: 'string' }, input: { type: 'string' }, runs: { type: 'string', default: '3' },
      pagefind: { type: 'string', default: '' }, shown: { type: 'string', default: '5' },
      filters: { type: 'string', default: '' }, queries: { type: 'string', default: '' },
    },
  });
  if (!values.site || !values.input) {
    console.error('usage: node bench/search.mjs --site <output> --input <input> [--runs 3] [--pagefind pagefind-1,…] [--shown 5]');
    process.exit(2);
  }
  const runs = Number(values.runs);
  const filters = new URLSearchParams(values.filters);
  const bundles = filters.size > 0 ? [] : values.pagefind.split(',').filter(Boolean);
  if (values.queries) QUERIES = values.queries.split(',').map(q => q.trim()).filter(Boolean);
  const systems = { ...SYSTEMS, ours: { ...SYSTEMS.ours, path: SYSTEMS.ours.path + (filters.size > 0 ? `?${filters}` : '') } };
  const log = message => console.error(message);

  const exact = await exactMatches(values.input, QUERIES, filters);
  const server = await serveInChild(values.site, { extra: { '/pagefind-bench.html': pagefindPage(bundles, Number(values.shown)) } });
  const { url, sent } = server;
  const browser = await chromium.launch({ executablePath: '/usr/bin/chromium', headless: true, args: CHROMIUM_FLAGS });
  try {
    const ours = await measure(browser, url, sent, systems.ours, runs, log);
    const theirs = bundles.length > 0 ? await measure(browser, url, sent, SYSTEMS.pagefind, runs, log) : null;

    // Pagefind's full result set (every fragment loaded, not timed) against the exact one.
    const quality = new Map();
    if (theirs) {
      const { context, page } = await openPage(browser, url, SYSTEMS.pagefind);
      for (const query of QUERIES) {
        const urls = await page.evaluate(term => window.allUrls(term), query);
        const found = new Set(urls.map(u => decodeURIComponent(u).match(/reports\/([^/]+?)(?:\.html)?$/)?.[1]).filter(Boolean));
        const truth = exact.get(query);
        const hits = [...found].filter(id => truth.has(id)).length;
        quality.set(query, { found: found.size, recall: truth.size ? hits / truth.size : NaN, precision: found.size ? hits / found.size : NaN });
        log(`pagefind ${query}: ${found.size} found, ${hits} of ${truth.size} exact`);
      }
      await context.close();
    }

    const m = (figures, q, key) => median(figures.get(q)[key]);
    const lines = [];
    lines.push('', `## Queries in headless Chromium (${runs} runs, median)${filters.size > 0 ? ` with filters ${decodeURIComponent(filters.toString())}` : ''}`, '');
    lines.push(`Cold: a fresh browser context (empty cache) opens the page, waits until it is idle, the query is typed and Enter`);
    lines.push(`pressed; time = Enter keydown → result list filled and painted; KB = response bodies as sent by the server (br where`);
    lines.push(`the site has a .br copy) from opening the page until idle after the results, page and scripts included; "after key" =`);
    lines.push(`only what the query itself fetched. Warm: the next query typed in the same page right after. Again: then the first query once more. Pagefind page:`);
    lines.push(`its JS API (\`pagefind.js\`${bundles.length > 1 ? ` + \`mergeIndex\` of ${bundles.length} shards` : ''}), showing the first ${values.shown} results with excerpts,`);
    lines.push(`as its default UI does; ours shows 10, fetching the passages of those near the window (the first three or four in 1280×720). Exact = reports whose normalized text contains the term.`, '');
    lines.push('| query | exact | ours: found | ours: cold ms | ours: cold KB (after key) | ours: warm ms | ours: warm KB | Pagefind: found | recall | precision | Pagefind: cold ms | Pagefind: cold KB (after key) | Pagefind: warm ms | Pagefind: warm KB |');
    lines.push('| --- | --- | --- | --- | --- | --- | --- | --- | --- | --- | --- | --- | --- | --- |');
    for (const q of QUERIES) {
      const o = ours.get(q);
      const row = [q, exact.get(q).size, o.count, fmt(m(ours, q, 'coldMs')), `${fmt(m(ours, q, 'coldKb'), 1)} (${fmt(m(ours, q, 'coldQueryKb'), 1)})`,
        fmt(m(ours, q, 'warmMs')), fmt(m(ours, q, 'warmKb'), 1)];
      if (theirs) {
        const t = quality.get(q);
        row.push(t.found, `${fmt(t.recall * 100)}%`, `${fmt(t.precision * 100)}%`, fmt(m(theirs, q, 'coldMs')),
          `${fmt(m(theirs, q, 'coldKb'), 1)} (${fmt(m(theirs, q, 'coldQueryKb'), 1)})`, fmt(m(theirs, q, 'warmMs')), fmt(m(theirs, q, 'warmKb'), 1));
      } else {
        row.push('not measured', '', '', '', '', '', '');
      }
      lines.push(`| ${row.join(' | ')} |`);
    }
    const over = (figures, key) => median(QUERIES.map(q => m(figures, q, key)));
    const worst = (figures, key, share) => quantile(QUERIES.map(q => m(figures, q, key)), share);
    lines.push('', '| over the queries (each query its median of the runs) | ours: median | ours: p90 | ours: max | Pagefind: median | Pagefind ÷ ours (medians) |', '| --- | --- | --- | --- | --- | --- |');
    for (const [label, key, digits] of [['cold query, ms', 'coldMs', 0], ['cold query, ms to results in the page (before paint)', 'coldDomMs', 0],
      ['cold query, KB (page + index)', 'coldKb', 1], ['cold query, KB after the keypress', 'coldQueryKb', 1],
      ['warm query, ms', 'warmMs', 0], ['warm query, ms to results in the page (before paint)', 'warmDomMs', 0], ['warm query, KB', 'warmKb', 1],
      ['query again (data already fetched), ms', 'againMs', 0], ['query again, ms to results in the page (before paint)', 'againDomMs', 0]]) {
      const a = over(ours, key);
      const b = theirs ? over(theirs, key) : NaN;
      lines.push(`| ${label} | ${fmt(a, digits)} | ${fmt(worst(ours, key, 0.9), digits)} | ${fmt(worst(ours, key, 1), digits)} | ${theirs ? fmt(b, digits) : 'not measured'} | ${ratio(b, a)} |`);
    }
    const exactOk = QUERIES.filter(q => ours.get(q).count === exact.get(q).size).length;
    lines.push('', `Our result counts equal the exact counts for ${exactOk} of ${QUERIES.length} queries.`);
    if (theirs) {
      lines.push(`Pagefind: median recall ${fmt(median(QUERIES.map(q => quality.get(q).recall)) * 100)}%, lowest ${fmt(Math.min(...QUERIES.map(q => quality.get(q).recall)) * 100)}%;`
        + ` median precision ${fmt(median(QUERIES.map(q => quality.get(q).precision)) * 100)}%, lowest ${fmt(Math.min(...QUERIES.map(q => quality.get(q).precision)) * 100)}%.`);
    }
    console.log(lines.join('\n'));
  } finally {
    await browser.close();
    server.close();
  }
}

if (import.meta.url === `file://${process.argv[1]}`) await main();
