// The query language (src/Archive/Search/Contract/FORMAT.md §2): terms separated by whitespace, quoted phrases, a bare
// OR joining two terms into one clause, -term excluding. Any input parses; nothing throws.

import { normalizeText } from './normalize.js';

const SEPARATOR = /[\t\n\v\f\r \u0085\u00a0\u1680\u2000-\u200a\u2028\u2029\u202f\u205f\u3000\ufeff]/;
const QUOTE = /["\uff02\u201c\u201d]/;
const MINUS = /[-\uff0d]/;
const OR = 'OR';

/** Splits a query into tokens { text, quoted, excluded }, exactly as FORMAT.md §2 "Splitting" says. */
function tokenize(query) {
  const tokens = [];
  let i = 0;
  while (i < query.length) {
    if (SEPARATOR.test(query[i])) { i++; continue; }
    let excluded = false;
    if (MINUS.test(query[i]) && i + 1 < query.length && !SEPARATOR.test(query[i + 1])) {
      excluded = true;
      i++;
    }
    if (QUOTE.test(query[i])) {
      let end = i + 1;
      while (end < query.length && !QUOTE.test(query[end])) end++;
      tokens.push({ text: query.slice(i + 1, end), quoted: true, excluded });
      i = Math.min(end + 1, query.length);
    } else {
      const start = i;
      while (i < query.length && !SEPARATOR.test(query[i]) && !QUOTE.test(query[i])) i++;
      tokens.push({ text: query.slice(start, i), quoted: false, excluded });
    }
  }
  return tokens;
}

/**
 * Parses a query into { clauses, excluded, terms }: clauses are ANDed, each a list of positive terms ORed;
 * excluded lists the terms no matching report may contain; terms lists every positive term in query order
 * (a term given twice is there twice: it counts twice). A term is { raw, norm }; norm is never empty.
 */
export function parseQuery(query) {
  const tokens = tokenize(String(query ?? ''))
    .map(t => ({ ...t, or: !t.quoted && !t.excluded && t.text === OR, norm: normalizeText(t.text) }))
    .filter(t => t.or || t.norm !== '');
  const positive = t => t !== undefined && !t.or && !t.excluded;
  const clauses = [];
  const excluded = [];
  let joinNext = false;
  tokens.forEach((token, i) => {
    if (token.or) {
      joinNext = positive(tokens[i - 1]) && positive(tokens[i + 1]);
      return;
    }
    const term = { raw: token.text, norm: token.norm };
    if (token.excluded) excluded.push(term);
    else if (joinNext) clauses[clauses.length - 1].push(term);
    else clauses.push([term]);
    joinNext = false;
  });
  return { clauses, excluded, terms: clauses.flat() };
}

/** True when the query has no usable term, so it matches nothing. */
export function isEmptyQuery(parsed) {
  return parsed.clauses.length === 0 && parsed.excluded.length === 0;
}
