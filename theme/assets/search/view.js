// Renders search results into the page with createElement and textContent only: report text is untrusted.

const SVG = 'http://www.w3.org/2000/svg';

function el(tag, attributes = {}, ...children) {
  const node = document.createElement(tag);
  for (const [name, value] of Object.entries(attributes)) {
    if (value !== null && value !== undefined && value !== false) node.setAttribute(name, value === true ? '' : value);
  }
  for (const child of children) {
    if (child !== null && child !== undefined) node.append(child);
  }
  return node;
}

const number = new Intl.NumberFormat('zh-CN');

/** One line for the live region: how many reports and hits, or why there is nothing. */
export function statusText(result, filtered) {
  if (result.reports === 0) {
    return filtered ? '在所选范围内没有找到包含检索词的报告。可放宽年度、地区或部门筛选。' : '没有找到包含检索词的报告。请检查用字，或换一个较短的词。';
  }
  return `找到 ${number.format(result.reports)} 份报告，共 ${number.format(result.hits)} 处`;
}

/** Fills a filter select: "all" plus one option per facet value with its count; keeps the current choice. */
export function fillSelect(select, allLabel, options, selected) {
  const items = [el('option', { value: '' }, allLabel)];
  let present = selected === '';
  for (const option of options) {
    present ||= option.value === selected;
    items.push(option.disabled
      ? el('option', { disabled: true }, option.label)
      : el('option', { value: option.value, class: option.className }, `${option.label}（${number.format(option.count)}）`));
  }
  if (!present) items.push(el('option', { value: selected }, `${selected}（0）`));
  select.replaceChildren(...items);
  select.value = selected;
}

/**
 * Fills a facet's list of checkboxes: one per value with its count, checked when chosen; a chosen value the matches
 * no longer have stays listed with 0, so it can be unchecked. Focus stays on the box it was on, which the redraw
 * replaces (a keyboard user checking boxes one after another keeps their place).
 */
export function fillChoices(list, name, options, chosen, labelOf = value => value) {
  const focused = list.contains(document.activeElement) ? document.activeElement.value : null;
  const shown = new Set(options.map(o => o.value));
  const all = [...options, ...chosen.filter(v => !shown.has(v)).map(v => ({ value: v, label: labelOf(v), count: 0 }))];
  const items = all.map(option => {
    if (option.disabled) return el('li', { class: 'note' }, option.label);
    const id = `f-${name}-${option.value}`;
    const box = el('input', { type: 'checkbox', id, name, value: option.value, checked: chosen.includes(option.value) });
    return el('li', { class: option.className },
      box, el('label', { for: id }, option.label, el('span', { class: 'count' }, number.format(option.count))));
  });
  list.replaceChildren(...items);
  if (focused !== null) {
    // A box that is no longer listed (an unchecked bureau past the list's limit) hands focus to the list's first box.
    (list.querySelector(`input[value="${CSS.escape(focused)}"]`) ?? list.querySelector('input'))?.focus();
  }
}

/** Fills a year-range select: "any" plus every year the facet has (and the chosen one). */
export function fillRange(select, anyLabel, years, selected) {
  const all = [...new Set([...years, ...(selected ? [Number(selected)] : [])])].sort((a, b) => b - a);
  select.replaceChildren(el('option', { value: '' }, anyLabel), ...all.map(y => el('option', { value: String(y) }, `${y}年`)));
  select.value = selected;
}

/** Bars of matching reports per year, every year from the first to the last shown (gaps as empty rows). */
export function renderYearBars(list, years, selectedYears, onPick) {
  // The bar a keyboard user pressed is drawn again: focus goes back to it.
  const focused = list.contains(document.activeElement) ? document.activeElement.dataset.year : null;
  list.replaceChildren();
  if (years.length === 0) return;
  const counts = new Map(years.map(y => [y.year, y.count]));
  const max = Math.max(...years.map(y => y.count));
  const last = Math.max(...counts.keys());
  for (let year = last; year >= Math.min(...counts.keys()); year--) {
    const count = counts.get(year) ?? 0;
    const svg = document.createElementNS(SVG, 'svg');
    svg.setAttribute('class', 'bar');
    svg.setAttribute('viewBox', '0 0 100 10');
    svg.setAttribute('preserveAspectRatio', 'none');
    svg.setAttribute('aria-hidden', 'true');
    const rect = document.createElementNS(SVG, 'rect');
    rect.setAttribute('width', String(count === 0 ? 0 : Math.max(2, (100 * count) / max)));
    rect.setAttribute('height', '10');
    svg.append(rect);
    // The name a screen reader gives is the visible year and count with hidden words between: "2021 年， 3 份报告".
    const button = el('button', {
      type: 'button', class: 'year-bar', 'data-year': String(year), 'data-count': String(count),
      'aria-pressed': String(selectedYears.includes(String(year))), disabled: count === 0,
    }, el('span', { class: 'year' }, String(year)), el('span', { class: 'sr-only' }, '年，'), svg,
    el('span', { class: 'count' }, number.format(count)), el('span', { class: 'sr-only' }, ' 份报告'));
    button.addEventListener('click', () => onPick(String(year)));
    list.append(el('li', {}, button));
  }
  if (focused !== null) list.querySelector(`button[data-year="${focused}"]`)?.focus();
}

function snippet(s, root) {
  const link = el('a', { href: root + s.href });
  if (s.clippedStart) link.append('…');
  for (const part of s.parts) link.append(part.mark ? el('mark', {}, part.text) : part.text);
  if (s.clippedEnd) link.append('…');
  return el('li', {}, link);
}

/** The passages of a result, as a list to append to its item. */
export function snippetList(snippets, root) {
  return el('ol', { class: 'kwic', 'aria-label': '命中段落' }, ...snippets.map(s => snippet(s, root)));
}

/** A result: title link, bureau, year, region, published date and hit count; its passages are appended later. */
export function resultItem(item, root, query = '', isNew = false) {
  const { meta } = item;
  const region = item.regions.map(r => r.name).join(' ');
  const sub = el('p', { class: 'sub' },
    el('a', { href: root + item.bureau.url }, item.bureau.name), ' · ',
    el('span', {}, `${meta.year}年度`), ' · ',
    el('span', {}, region), ' · ',
    el('span', {}, meta.published ? `发布于 ${meta.published}` : '发布日期未知'), ' · ',
    el('strong', { class: 'hits' }, `${number.format(item.hits)} 处`));
  return el('li', { class: isNew ? 'result new' : 'result', 'data-id': meta.id, 'data-hits': String(item.hits) },
    // The report marks the query's terms when opened from here.
    el('h2', { class: 'title' }, isNew ? el('span', { class: 'badge new' }, '新') : null, isNew ? ' ' : null,
      el('a', { href: root + meta.url + (query ? `?q=${encodeURIComponent(query)}` : '') }, meta.title)),
    sub);
}
