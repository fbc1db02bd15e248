// On a report page: the ¶ (or #) link at the end of a paragraph or heading opens a panel with that passage's
// citation in GB/T 7714—2015 form (electronic resource, [EB/OL], with the page address and anchor and today's date as
// the access date) and its exact text, each with a copy button. The citation's fields are the page's own Highwire
// meta tags, so the panel and reference managers cite alike. Escape or × closes it and returns focus to the link.
// Without JavaScript the link is a plain link to the anchor.

const meta = name => document.querySelector(`meta[name="${name}"]`)?.getAttribute('content') ?? '';

/** Today in the reader's calendar, as YYYY-MM-DD. */
function today() {
  const d = new Date();
  const pad = n => String(n).padStart(2, '0');
  return `${d.getFullYear()}-${pad(d.getMonth() + 1)}-${pad(d.getDate())}`;
}

/** The passage's citation: 责任者. 题名[EB/OL]. (发布日期)[引用日期]. 地址#锚点. */
export function citation(anchor, accessed) {
  const published = meta('citation_publication_date').replaceAll('/', '-');
  const when = `${published ? `(${published})` : ''}[${accessed}]`;
  return `${meta('citation_author')}. ${meta('citation_title')}[EB/OL]. ${when}. ${meta('citation_public_url')}#${anchor}.`;
}

/** A block's own text, without the links the page appends to it (the citation, the mark of shared text). */
function passageText(block) {
  let text = '';
  for (const node of block.childNodes) {
    if (!(node instanceof Element && (node.classList.contains('cite') || node.classList.contains('shared-mark')))) text += node.textContent;
  }
  return text.trim();
}

async function copy(text, button) {
  try {
    await navigator.clipboard.writeText(text);
  } catch {
    // No clipboard API outside secure contexts (a plain-http host): a selected textarea and the old command.
    const area = document.createElement('textarea');
    area.value = text;
    area.setAttribute('readonly', '');
    area.className = 'sr-only';
    document.body.append(area);
    area.select();
    document.execCommand('copy');
    area.remove();
  }
  const label = button.textContent;
  button.textContent = '已复制';
  setTimeout(() => { button.textContent = label; }, 1500);
}

function close(panel, link) {
  panel.remove();
  link.focus();
}

function open(link) {
  document.querySelector('.cite-panel')?.remove();
  const block = link.parentElement;
  const anchor = (block.tagName === 'P' ? block : block.closest('section'))?.id ?? link.hash.slice(1);
  const quote = passageText(block);
  const cited = citation(anchor, today());

  const panel = document.createElement('div');
  panel.className = 'cite-panel';
  panel.setAttribute('role', 'group');
  panel.setAttribute('aria-label', '引用本段');
  const add = (tag, className, text) => {
    const el = document.createElement(tag);
    if (className) el.className = className;
    el.textContent = text;
    panel.append(el);
    return el;
  };
  add('p', 'cite-label', '引文（GB/T 7714—2015）');
  add('p', 'cite-text', cited);
  const copyCitation = add('button', null, '复制引文');
  add('p', 'cite-label', '原文');
  add('blockquote', 'cite-quote', quote);
  const copyQuote = add('button', null, '复制原文');
  const shut = add('button', 'cite-close', '关闭');
  for (const button of panel.querySelectorAll('button')) button.type = 'button';
  copyCitation.addEventListener('click', () => copy(cited, copyCitation));
  copyQuote.addEventListener('click', () => copy(quote, copyQuote));
  shut.addEventListener('click', () => close(panel, link));
  const onKey = event => {
    if (event.key === 'Escape' && panel.isConnected) close(panel, link);
    if (!panel.isConnected) document.removeEventListener('keydown', onKey);
  };
  document.addEventListener('keydown', onKey);
  block.after(panel);
  history.replaceState(null, '', `#${anchor}`);
  copyCitation.focus();
}

document.querySelector('article.report .body')?.addEventListener('click', event => {
  const link = event.target.closest('a.cite');
  if (!link) return;
  event.preventDefault();
  open(link);
});
