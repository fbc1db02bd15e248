// On a report page opened from a search (…/report.html?q=…), marks every occurrence of the query's terms in the
// title and text, matched as search matches them (the same normalizer: 双随机一公开 marks 双随机、一公开 across the
// punctuation), and offers a counter with previous and next. Text is wrapped with createElement only.

import { normalize } from './normalize.js';
import { parseQuery } from './query.js';

const BLOCKS = 'article.report h1, article.report .body p, article.report .body h2, article.report .body h3, article.report .body h4, article.report .body li';

/** The text nodes of a block in order, skipping the paragraph links and marks of shared text the page adds. */
function textNodes(block) {
  const nodes = [];
  const walker = document.createTreeWalker(block, NodeFilter.SHOW_TEXT, {
    acceptNode: node => (node.parentElement?.closest('.cite, .shared-mark') ? NodeFilter.FILTER_REJECT : NodeFilter.FILTER_ACCEPT),
  });
  for (let node = walker.nextNode(); node; node = walker.nextNode()) nodes.push(node);
  return nodes;
}

/** The original spans [start, end) of every occurrence of the terms in text, overlapping ones merged. */
function spans(text, terms) {
  const { text: norm, offsets } = normalize(text);
  // Normalized UTF-16 unit → index of its code point, to map a unit offset back through offsets.
  const codePointAt = [];
  for (let cp = 0, unit = 0; cp < offsets.length; cp++) {
    const width = norm.codePointAt(unit) > 0xffff ? 2 : 1;
    for (let k = 0; k < width; k++) codePointAt.push(cp);
    unit += width;
  }
  const found = [];
  for (const term of terms) {
    for (let i = norm.indexOf(term); i >= 0; i = norm.indexOf(term, i + 1)) {
      const first = codePointAt[i];
      const last = codePointAt[i + term.length - 1];
      const end = offsets[last] + (text.codePointAt(offsets[last]) > 0xffff ? 2 : 1);
      found.push([offsets[first], end]);
    }
  }
  found.sort((a, b) => a[0] - b[0]);
  const merged = [];
  for (const span of found) {
    if (merged.length > 0 && span[0] <= merged[merged.length - 1][1]) merged[merged.length - 1][1] = Math.max(merged[merged.length - 1][1], span[1]);
    else merged.push(span);
  }
  return merged;
}

/** Wraps each span of the block's text in marks (one per text node it touches); returns the first mark of each. */
function markBlock(block, terms) {
  const nodes = textNodes(block);
  const text = nodes.map(n => n.data).join('');
  const hits = spans(text, terms);
  const firsts = [];
  // From the last span back, so that splitting a node leaves the offsets before it as they were.
  const starts = [];
  for (let at = 0, i = 0; i < nodes.length; at += nodes[i].data.length, i++) starts.push(at);
  for (let h = hits.length - 1; h >= 0; h--) {
    const [start, end] = hits[h];
    let first = null;
    for (let i = nodes.length - 1; i >= 0; i--) {
      const from = Math.max(start, starts[i]);
      const to = Math.min(end, starts[i] + nodes[i].data.length);
      if (from >= to) continue;
      const range = document.createRange();
      range.setStart(nodes[i], from - starts[i]);
      range.setEnd(nodes[i], to - starts[i]);
      const mark = document.createElement('mark');
      mark.className = 'hit';
      range.surroundContents(mark);
      first = mark;
    }
    if (first) firsts.unshift(first);
  }
  return firsts;
}

function navigator(hits) {
  const bar = document.createElement('div');
  bar.className = 'hit-nav';
  bar.setAttribute('role', 'region');
  bar.setAttribute('aria-label', '检索词在本报告中的位置');
  const status = document.createElement('span');
  status.setAttribute('aria-live', 'polite');
  const previous = document.createElement('button');
  previous.type = 'button';
  previous.textContent = '上一处';
  const next = document.createElement('button');
  next.type = 'button';
  next.textContent = '下一处';
  bar.append(status, previous, next);
  let current = -1;
  const show = i => {
    hits[current]?.classList.remove('current');
    current = (i + hits.length) % hits.length;
    hits[current].classList.add('current');
    hits[current].scrollIntoView({ block: 'center' });
    status.textContent = `第 ${current + 1} 处，共 ${hits.length} 处`;
  };
  status.textContent = `共 ${hits.length} 处`;
  previous.addEventListener('click', () => show(current - 1));
  next.addEventListener('click', () => show(current + 1));
  return bar;
}

const q = new URLSearchParams(location.search).get('q');
const article = document.querySelector('article.report');
if (q && article) {
  const terms = [...new Set(parseQuery(q).terms.map(t => t.norm))].filter(t => t.length > 0);
  const hits = terms.length === 0 ? [] : [...document.querySelectorAll(BLOCKS)].flatMap(block => markBlock(block, terms));
  article.dataset.hits = String(hits.length);
  if (hits.length > 0) article.querySelector('header')?.append(navigator(hits));
}
