// The search page: reads the query and filters from the URL, searches as the reader types, and keeps the URL in
// step so a search can be bookmarked, shared and revisited with back and forward.

import { SearchIndex } from './index.js';
import { SearchEngine } from './engine.js';
import { statusText, fillChoices, fillRange, renderYearBars, resultItem, snippetList } from './view.js';
import { exportRows, toCsv, toJson, download, fileName } from './export.js';
import { fetcher } from './fetcher.js';
import { docKeys, compareWithLastVisit, remember } from './seen.js';

const DEBOUNCE_MS = 120;
// Each shown result fetches its title block and a text chunk for its passages, so a page is kept short.
const PAGE_SIZE = 10;
const BUSY_AFTER_MS = 250;
const REMEMBER_AFTER_MS = 1500;
// One value each: the query, the year range and the order. Any number each (repeated in the address, as
// ?year=2020&year=2021): years, regions and bureaus.
const SINGLE = ['q', 'from', 'to', 'sort'];
const MULTIPLE = ['year', 'region', 'kind', 'bureau'];
const FIELDS = ['q', 'year', 'from', 'to', 'region', 'kind', 'bureau', 'sort'];

function readUrl() {
  const params = new URLSearchParams(location.search);
  return Object.fromEntries([
    ...SINGLE.map(f => [f, params.get(f) ?? '']),
    ...MULTIPLE.map(f => [f, [...new Set(params.getAll(f).filter(v => v !== ''))]]),
  ]);
}

/** Whether any filter is set (the sort is not a filter). */
function filtering(state) {
  return MULTIPLE.some(f => state[f].length > 0) || Boolean(state.from || state.to);
}

/** The engine's filter options for a state. */
function filters(state) {
  return { years: state.year, from: state.from || null, to: state.to || null, regions: state.region, bureaus: state.bureau, kinds: state.kind, sort: state.sort };
}

function writeUrl(state, mode) {
  const params = new URLSearchParams();
  for (const f of FIELDS) {
    for (const value of [state[f]].flat()) if (value) params.append(f, value);
  }
  const url = `${location.pathname}${params.size > 0 ? '?' + params : ''}${location.hash}`;
  if (url === `${location.pathname}${location.search}${location.hash}`) return;
  if (mode === 'push') history.pushState(null, '', url); else history.replaceState(null, '', url);
}

/** How many hits the passages mark. */
function markCount(snippets) {
  return snippets.reduce((n, s) => n + s.parts.filter(p => p.mark).length, 0);
}

/** The button under a result's passages that replaces them by every passage of the report, each block whole. */
function allPassagesButton(item, list, root, load) {
  const button = document.createElement('button');
  button.type = 'button';
  button.className = 'all-passages';
  button.textContent = `显示全部 ${item.hits} 处命中`;
  button.addEventListener('click', async () => {
    button.disabled = true;
    button.textContent = '正在读取全文…';
    try {
      const all = snippetList(await load(), root);
      all.classList.add('all');
      list.replaceWith(all);
      button.remove();
      all.querySelector('a')?.focus();
    } catch (error) {
      button.disabled = false;
      button.textContent = `读取失败（${error.message}），再试一次`;
    }
  });
  return button;
}

/** values with value added, or without it when it is there. */
function toggle(values, value) {
  return values.includes(value) ? values.filter(v => v !== value) : [...values, value];
}

/** The bureau filter's options; past the engine's limit it lists the chosen bureaus and says how many more match. */
function bureauOptions({ bureaus, moreBureaus }) {
  const options = bureaus.map(b => ({ value: b.id, label: b.name, count: b.count }));
  if (moreBureaus > 0) options.push({ value: '', label: `另有 ${moreBureaus} 个部门：请先选择地区`, disabled: true });
  return options;
}

function start(app) {
  const root = app.dataset.root;
  const engine = new SearchEngine(new SearchIndex(fetcher(new URL(app.dataset.index, document.baseURI))));
  const form = document.getElementById('search-form');
  const input = document.getElementById('q');
  const status = document.getElementById('search-status');
  const list = document.getElementById('search-results');
  const more = document.getElementById('search-more');
  const exporter = document.getElementById('search-export');
  const news = document.getElementById('search-new');
  const feed = document.getElementById('search-feed');
  // The saved searches of input/watch.yml, each with a feed: linked when the page shows one of them.
  const saved = fetch(new URL('watch.json', new URL(root, document.baseURI))).then(r => (r.ok ? r.json() : [])).catch(() => []);
  const showFeed = async () => {
    const same = (a, b) => a.length === b.length && [...a].sort().join('\n') === [...b].sort().join('\n');
    const match = (await saved).find(s => s.query.trim() === state.q.trim() && !state.from && !state.to
      && same(s.year, state.year) && same(s.region, state.region) && same(s.kind, state.kind) && same(s.bureau, state.bureau));
    feed.hidden = !match;
    if (match) document.getElementById('search-feed-link').href = root + match.feed;
  };
  const chart = document.getElementById('year-chart');
  const bars = document.getElementById('year-bars');
  const choices = {
    year: document.getElementById('f-year'),
    region: document.getElementById('f-region'),
    kind: document.getElementById('f-kind'),
    bureau: document.getElementById('f-bureau'),
  };
  const selects = {
    from: document.getElementById('f-from'),
    to: document.getElementById('f-to'),
    sort: document.getElementById('f-sort'),
  };
  const facets = document.querySelectorAll('#search-filters details.facet');

  let state = readUrl();
  let sequence = 0;
  let timer = 0;
  let current = null;
  let shown = 0;

  // A result's passages are fetched when it comes near the window, not with its title: its text is most of what a
  // query downloads (~4 KB a result against 0.7 KB for its title), and of a page of ten a reader sees two or three
  // before scrolling. Until then its item keeps the room passages take, so that the ones below stay out of view.
  const awaiting = new WeakMap();
  const passages = typeof IntersectionObserver === 'function'
    ? new IntersectionObserver(entries => {
      for (const { target, isIntersecting } of entries) {
        if (!isIntersecting || !awaiting.has(target)) continue;
        passages.unobserve(target);
        awaiting.get(target)();
        awaiting.delete(target);
      }
    }, { rootMargin: '0px 0px 25% 0px' })
    : null;

  // Titles first (one small block per result), then each result's passages once it is near the window.
  const showMore = async mine => {
    const result = current;
    const items = result.ranked.slice(shown, shown + PAGE_SIZE);
    shown += items.length;
    more.hidden = shown >= result.ranked.length;
    await engine.describe(items);
    if (mine !== sequence) return;
    const nodes = items.map(item => resultItem(item, root, state.q, result.fresh?.has(item.doc) ?? false));
    list.append(...nodes);
    items.forEach((item, i) => {
      const node = nodes[i];
      const load = () => engine.snippets(result, item).then(snippets => {
        if (snippets.length === 0 || mine !== sequence) return;
        const list = snippetList(snippets, root);
        node.append(list);
        if (markCount(snippets) < item.hits) node.append(allPassagesButton(item, list, root, () => engine.snippets(result, item, { all: true })));
      }).catch(() => {}).finally(() => node.classList.remove('awaiting-passages'));
      if (passages === null) {
        load();
        return;
      }
      node.classList.add('awaiting-passages');
      awaiting.set(node, load);
      passages.observe(node);
    });
  };

  // Results first, then the filters and the year chart in the next frame: in a national archive the region list
  // alone has hundreds of options, and laying them out took as long as the search itself.
  const render = async (result, mine, settled) => {
    current = result;
    // New since the last visit to this search (kept in this browser only).
    const { catalog, table } = await engine.catalog();
    const keys = docKeys(engine, catalog, table.years, result.ranked.docs);
    const seen = compareWithLastVisit(state, keys);
    result.fresh = seen.fresh;
    result.since = seen.since;
    // Remembered once it has been shown for a moment: not the prefixes typed on the way to a query.
    const shownState = state;
    setTimeout(() => { if (mine === sequence) remember(shownState, keys, seen); }, REMEMBER_AFTER_MS);
    const filtered = filtering(state);
    passages?.disconnect();
    list.replaceChildren();
    shown = 0;
    await showMore(mine);
    if (mine !== sequence) return;
    app.classList.toggle('empty', result.reports === 0);
    exporter.hidden = result.reports === 0;
    settled();
    status.textContent = statusText(result, filtered);
    showFeed();
    news.textContent = result.since !== null && result.reports > 0
      ? `自上次在本浏览器中进行这项检索（${new Date(result.since).toLocaleDateString('zh-CN')}）以来，新增 ${result.fresh.size} 份报告${result.fresh.size > 0 ? '（标有“新”）' : ''}。`
      : '';
    await new Promise(resolve => requestAnimationFrame(() => setTimeout(resolve, 0)));
    if (mine !== sequence) return;
    fillChoices(choices.year, 'year', result.facets.years.map(y => ({ value: String(y.year), label: `${y.year}年`, count: y.count })), state.year, y => `${y}年`);
    fillChoices(choices.region, 'region', result.facets.regions.map(r => ({ value: r.code, label: r.name, count: r.count, className: `depth-${r.depth}` })), state.region);
    fillChoices(choices.bureau, 'bureau', bureauOptions(result.facets), state.bureau);
    fillChoices(choices.kind, 'kind', result.facets.kinds.map(k => ({ value: k.name || '-', label: k.name || '未分类', count: k.count })), state.kind, k => (k === '-' ? '未分类' : k));
    // An index without kinds of department (written before the filter) offers none.
    choices.kind.closest('details').hidden = result.facets.kinds.length === 0 && state.kind.length === 0;
    const years = result.facets.years.map(y => y.year);
    fillRange(selects.from, '不限', years, state.from);
    fillRange(selects.to, '不限', years, state.to);
    for (const facet of facets) {
      const name = facet.dataset.facet;
      const count = name === 'year' ? state.year.length + (state.from || state.to ? 1 : 0) : state[name].length;
      facet.querySelector('.chosen').textContent = count > 0 ? `（已选 ${count}）` : '';
    }
    renderYearBars(bars, result.facets.years, state.year, year => update({ year: toggle(state.year, year) }, 'push'));
    chart.hidden = result.facets.years.length === 0;
    app.dataset.shown = new URLSearchParams(location.search).toString();
    performance.mark('search-rendered');
  };

  const run = async () => {
    const mine = ++sequence;
    performance.mark('search-start');
    if (state.q.trim() === '') {
      // After the caller has written the address (update() starts the search first).
      await null;
      if (mine !== sequence) return;
      current = null;
      list.replaceChildren();
      more.hidden = true;
      exporter.hidden = true;
      news.textContent = '';
      feed.hidden = true;
      chart.hidden = true;
      app.classList.add('idle');
      status.textContent = '';
      app.dataset.shown = new URLSearchParams(location.search).toString();
      return;
    }
    app.classList.remove('idle');
    const busy = setTimeout(() => { if (mine === sequence) status.textContent = '正在检索…'; }, BUSY_AFTER_MS);
    try {
      const result = await engine.search(state.q, { ...filters(state), page: PAGE_SIZE });
      // The busy notice is cancelled before the status is written: the filters are drawn a frame later.
      if (mine === sequence) await render(result, mine, () => clearTimeout(busy));
    } catch (error) {
      if (mine === sequence) {
        status.textContent = `检索索引无法读取（${error.message}）。若是从本地文件直接打开本站，浏览器会阻止读取索引，请通过网站服务器访问。`;
      }
    } finally {
      clearTimeout(busy);
    }
  };

  // The search is started first: its requests travel while the address is written (pushState took ~3 ms). run()
  // reads the address only after its first await.
  const update = (changes, mode) => {
    state = { ...state, ...changes };
    run();
    writeUrl(state, mode);
  };

  const restore = () => {
    state = readUrl();
    input.value = state.q;
    selects.sort.value = state.sort === 'date' ? 'date' : '';
    for (const facet of facets) facet.querySelector('.chosen').textContent = state[facet.dataset.facet].length > 0 || (facet.dataset.facet === 'year' && (state.from || state.to)) ? '（已选）' : '';
    openFacets();
    run();
  };

  input.addEventListener('input', () => {
    performance.mark('search-input');
    engine.prefetch(input.value, { titles: !filtering(state) && state.sort !== 'date', page: PAGE_SIZE });
    clearTimeout(timer);
    timer = setTimeout(() => update({ q: input.value }, 'replace'), DEBOUNCE_MS);
  });
  form.addEventListener('submit', event => {
    event.preventDefault();
    clearTimeout(timer);
    update({ q: input.value }, 'push');
  });
  // The site header's search box, on this page, searches in place instead of reloading it.
  const header = document.querySelector('form.search-box');
  header?.addEventListener('submit', event => {
    event.preventDefault();
    input.value = new FormData(header).get('q') ?? '';
    clearTimeout(timer);
    update({ q: input.value }, 'push');
    input.focus();
  });
  for (const [name, select] of Object.entries(selects)) {
    select.addEventListener('change', () => update({ [name]: select.value }, 'push'));
  }
  for (const [name, list] of Object.entries(choices)) {
    list.addEventListener('change', event => {
      const box = event.target;
      if (box.type === 'checkbox') update({ [name]: box.checked ? [...state[name], box.value] : state[name].filter(v => v !== box.value) }, 'push');
    });
  }
  // Open on wide screens, where the filters stand beside the results; closed on phones, where they stand above.
  const wide = window.matchMedia('(min-width: 721px)');
  const openFacets = () => facets.forEach(f => { f.open = wide.matches || f.querySelector('.chosen').textContent !== ''; });
  wide.addEventListener('change', openFacets);
  more.addEventListener('click', async () => {
    const first = shown;
    await showMore(sequence);
    list.children[first]?.querySelector('a')?.focus();
  });
  window.addEventListener('popstate', restore);
  exporter.addEventListener('click', async event => {
    const button = event.target.closest('button[data-format]');
    if (!button || current === null) return;
    const result = current;
    const asked = { ...state };
    const buttons = exporter.querySelectorAll('button');
    buttons.forEach(b => { b.disabled = true; });
    try {
      const rows = await exportRows(engine, result, root, (done, all) => { status.textContent = `正在导出 ${done} / ${all} 份报告…`; });
      const csv = button.dataset.format === 'csv';
      download(csv ? toCsv(rows) : toJson(rows, asked), fileName(asked.q, button.dataset.format), csv ? 'text/csv;charset=utf-8' : 'application/json');
      status.textContent = `已导出 ${rows.length} 份报告（${csv ? 'CSV' : 'JSON'}）。`;
    } catch (error) {
      status.textContent = `导出失败（${error.message}）。`;
    } finally {
      buttons.forEach(b => { b.disabled = false; });
    }
  });

  app.hidden = false;
  // The script runs: the page's notice for when it cannot (opened from a file) goes.
  document.getElementById('search-needs-server')?.remove();
  restore();
  const warm = () => engine.warm().catch(() => {});
  if ('requestIdleCallback' in window) requestIdleCallback(warm, { timeout: 500 }); else setTimeout(warm, 50);
}

const app = document.getElementById('search-app');
if (app) start(app);
