// The trends page: up to five terms compared by the share of each year's reports that contain them, exactly as search
// matches (each term is searched as a quoted phrase), across the archive or within one province or city. A line chart
// drawn as SVG (every point a link to its reports), the same numbers as a table, and as CSV. The terms and the region
// are in the address, so a comparison can be shared.

import { SearchIndex } from './index.js';
import { SearchEngine } from './engine.js';
import { fetcher } from './fetcher.js';
import { download, cell } from './export.js';

const MAX_TERMS = 5;
const SVG = 'http://www.w3.org/2000/svg';
// Told apart by colour and by dash, for readers who do not see the colours.
const COLOURS = ['#9d1c1c', '#124e8c', '#2f6f2f', '#8a5600', '#6b3fa0'];
const DASHES = ['', '7 4', '2 3', '10 3 2 3', '4 2 1 2'];
const percent = new Intl.NumberFormat('zh-CN', { style: 'percent', minimumFractionDigits: 1, maximumFractionDigits: 1 });
const number = new Intl.NumberFormat('zh-CN');

/** The terms of the input: split at commas, 、, semicolons and spaces; quotes dropped; each once; at most five. */
export function parseTerms(text) {
  const terms = text.split(/[,，、;；\s]+/u).map(t => t.replace(/["＂“”]/gu, '').trim()).filter(t => t.length > 0);
  return [...new Set(terms)].slice(0, MAX_TERMS);
}

/**
 * Per year: how many live reports the scope has, and for each term how many of them contain it. Years are every
 * year the scope has reports in, ascending.
 */
export async function trends(engine, terms, region) {
  const { manifest, table } = await engine.catalog();
  const removed = new Set(engine.removed);
  const scope = region ? engine.regionByCode.get(region) ?? -1 : null;
  const totals = new Map();
  for (let d = 0; d < manifest.docCount; d++) {
    if (removed.has(d) || (scope !== null && !engine.bureauPaths[engine.bureauOfDoc[d]].includes(scope))) continue;
    totals.set(table.years[d], (totals.get(table.years[d]) ?? 0) + 1);
  }
  // Every year from the first to the last, a year without reports included (as a gap), so the axis keeps time.
  const known = [...totals.keys()];
  const years = known.length === 0 ? [] : Array.from({ length: Math.max(...known) - Math.min(...known) + 1 }, (_, i) => Math.min(...known) + i);
  const series = await Promise.all(terms.map(async term => {
    const result = await engine.search(`"${term}"`, { regions: region ? [region] : [], page: 0 });
    return { term, counts: new Map(result.facets.years.map(y => [y.year, y.count])) };
  }));
  return { years, totals, series };
}

function svg(tag, attributes = {}, ...children) {
  const node = document.createElementNS(SVG, tag);
  for (const [name, value] of Object.entries(attributes)) node.setAttribute(name, String(value));
  node.append(...children);
  return node;
}

function html(tag, attributes = {}, ...children) {
  const node = document.createElement(tag);
  for (const [name, value] of Object.entries(attributes)) node.setAttribute(name, String(value));
  node.append(...children);
  return node;
}

/** The search page's address for a term's reports of one year in the scope. */
function resultsUrl(root, term, year, region) {
  const params = new URLSearchParams({ q: `"${term}"`, year: String(year) });
  if (region) params.set('region', region);
  return `${root}search.html?${params}`;
}

const share = (data, s, year) => (data.totals.get(year) ? (s.counts.get(year) ?? 0) / data.totals.get(year) : 0);

/** The chart: a line per term, a linked point per year, the share axis rounded up to a tenth-friendly step. */
function chart(data, root, region, labelId, room) {
  // Drawn at the width it is shown at (within reason), so the axis labels keep their size on a phone.
  const width = Math.max(300, Math.min(720, Math.round(room)));
  const height = 320;
  const pad = { left: 52, right: 16, top: 14, bottom: 34 };
  const max = Math.max(0.01, ...data.series.flatMap(s => data.years.map(y => share(data, s, y))));
  const step = [0.01, 0.02, 0.05, 0.1, 0.2, 0.25].find(v => max / v <= 5) ?? 0.25;
  const top = Math.min(1, Math.ceil(max / step) * step);
  const x = i => pad.left + (data.years.length === 1 ? (width - pad.left - pad.right) / 2 : (i * (width - pad.left - pad.right)) / (data.years.length - 1));
  const y = v => pad.top + (1 - v / top) * (height - pad.top - pad.bottom);
  const root_ = svg('svg', { viewBox: `0 0 ${width} ${height}`, class: 'trend-svg', role: 'group', 'aria-labelledby': labelId });
  for (let v = 0; v <= top + 1e-9; v += step) {
    root_.append(svg('line', { x1: pad.left, x2: width - pad.right, y1: y(v), y2: y(v), class: 'grid' }));
    root_.append(svg('text', { x: pad.left - 6, y: y(v) + 4, 'text-anchor': 'end', class: 'axis' }, percent.format(v).replace('.0%', '%')));
  }
  data.years.forEach((year, i) => root_.append(svg('text', { x: x(i), y: height - 10, 'text-anchor': 'middle', class: 'axis' }, String(year))));
  data.series.forEach((s, k) => {
    // A line through consecutive years that have reports; a year without any breaks it.
    let run = [];
    const flush = () => {
      if (run.length > 0) root_.append(svg('polyline', { points: run.join(' '), fill: 'none', stroke: COLOURS[k], 'stroke-width': 2.2, 'stroke-dasharray': DASHES[k] }));
      run = [];
    };
    data.years.forEach((year, i) => (data.totals.get(year) ? run.push(`${x(i)},${y(share(data, s, year))}`) : flush()));
    flush();
    data.years.forEach((year, i) => {
      if (!data.totals.get(year)) return;
      const count = s.counts.get(year) ?? 0;
      const title = `${s.term} · ${year}年：${number.format(count)} / ${number.format(data.totals.get(year))} 份报告（${percent.format(share(data, s, year))}）`;
      root_.append(svg('a', { href: resultsUrl(root, s.term, year, region), 'aria-label': title },
        svg('title', {}, title),
        svg('circle', { cx: x(i), cy: y(share(data, s, year)), r: 4.5, fill: COLOURS[k], class: 'point' })));
    });
  });
  return root_;
}

function legend(data) {
  return html('ul', { class: 'trend-legend' }, ...data.series.map((s, k) => html('li', {},
    svg('svg', { viewBox: '0 0 30 10', class: 'swatch', 'aria-hidden': 'true' }, svg('line', { x1: 0, x2: 30, y1: 5, y2: 5, stroke: COLOURS[k], 'stroke-width': 3, 'stroke-dasharray': DASHES[k] })),
    s.term)));
}

function table(data, root, region) {
  const head = html('tr', {}, html('th', { scope: 'col' }, '年度'), html('th', { scope: 'col' }, '报告总数'),
    ...data.series.map(s => html('th', { scope: 'col' }, s.term)));
  const rows = data.years.map(year => html('tr', {},
    html('th', { scope: 'row' }, `${year}年`),
    html('td', {}, number.format(data.totals.get(year) ?? 0)),
    ...data.series.map(s => {
      if (!data.totals.get(year)) return html('td', {}, '—');
      const count = s.counts.get(year) ?? 0;
      const text = `${number.format(count)}（${percent.format(share(data, s, year))}）`;
      return html('td', {}, count > 0 ? html('a', { href: resultsUrl(root, s.term, year, region) }, text) : text);
    })));
  return [html('thead', {}, head), html('tbody', {}, ...rows)];
}

export function toCsv(data) {
  const lines = ['year,total,term,reports,share'];
  for (const year of data.years.filter(y => data.totals.get(y))) {
    for (const s of data.series) {
      lines.push([year, data.totals.get(year), cell(s.term), s.counts.get(year) ?? 0, share(data, s, year).toFixed(4)].join(','));
    }
  }
  return `\ufeff${lines.join('\r\n')}\r\n`;
}

async function start(app) {
  const root = app.dataset.root;
  const engine = new SearchEngine(new SearchIndex(fetcher(new URL(app.dataset.index, document.baseURI))));
  const form = document.getElementById('trends-form');
  const input = document.getElementById('t');
  const regionSelect = document.getElementById('t-region');
  const status = document.getElementById('trends-status');
  const figure = document.getElementById('trend-figure');
  const chartBox = document.getElementById('trend-chart');
  const caption = document.getElementById('trend-caption');
  const tableWrap = document.getElementById('trend-table-wrap');
  const tableNode = document.getElementById('trend-table');
  let shown = null;

  const { catalog } = await engine.catalog();
  for (const r of catalog.regions) {
    if (r.name === undefined) continue;
    const depth = r.parent === null ? 0 : 1;
    regionSelect.append(html('option', { value: r.code }, `${depth > 0 ? '　' : ''}${r.name}`));
  }

  let sequence = 0;
  const show = async () => {
    // A comparison asked for later wins: an earlier, slower one does not draw over it.
    const mine = ++sequence;
    const params = new URLSearchParams(location.search);
    const terms = parseTerms(params.getAll('t').join(' '));
    const region = params.get('region') ?? '';
    input.value = terms.join('，');
    regionSelect.value = region;
    if (terms.length === 0) {
      status.textContent = '';
      figure.hidden = true;
      tableWrap.hidden = true;
      app.dataset.shown = params.toString();
      return;
    }
    status.textContent = '正在统计…';
    const data = await trends(engine, terms, region);
    if (mine !== sequence) return;
    const scope = region ? regionSelect.selectedOptions[0]?.textContent.trim() : '全国';
    caption.replaceChildren(html('span', { id: 'trend-title' }, `${scope}：含有各词语的报告占当年报告的比例`), legend(data));
    figure.hidden = false;
    chartBox.replaceChildren(chart(data, root, region, 'trend-title', chartBox.clientWidth || 720));
    tableNode.replaceChildren(html('caption', {}, `${scope}：每年含有各词语的报告数（占当年报告的比例）`), ...table(data, root, region));
    figure.hidden = false;
    tableWrap.hidden = false;
    status.textContent = data.years.length === 0
      ? '所选范围内没有报告。'
      : `比较 ${terms.length} 个词语，${data.years[0]}—${data.years[data.years.length - 1]} 年，共 ${number.format([...data.totals.values()].reduce((a, b) => a + b, 0))} 份报告。`;
    shown = { data, terms, region };
    app.dataset.shown = params.toString();
  };

  form.addEventListener('submit', event => {
    event.preventDefault();
    const params = new URLSearchParams();
    for (const term of parseTerms(input.value)) params.append('t', term);
    if (regionSelect.value) params.set('region', regionSelect.value);
    history.pushState(null, '', `${location.pathname}?${params}`);
    show().catch(error => { status.textContent = `无法统计（${error.message}）。`; });
  });
  regionSelect.addEventListener('change', () => form.requestSubmit());
  document.getElementById('trend-csv').addEventListener('click', () => {
    if (shown) download(toCsv(shown.data), `词语趋势_${shown.terms.join('_')}.csv`, 'text/csv;charset=utf-8');
  });
  window.addEventListener('popstate', () => show().catch(() => {}));

  app.hidden = false;
  document.getElementById('search-needs-server')?.remove();
  await show();
}

const app = document.getElementById('trends-app');
if (app) start(app).catch(error => { document.getElementById('trends-status').textContent = `检索索引无法读取（${error.message}）。`; });
