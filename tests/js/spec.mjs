// The search semantics of FORMAT.md §1 (normalization) and §2 (query language), written from the spec's words and
// apart from the client (nothing here imports theme/assets/search/), so that a bug in the client's normalizer or query
// parser shows up as a difference from this, not as agreement with itself. The C# twin is
// tests/Archive.Tests/Search/SpecSearch.cs.

const SEPARATORS = new Set('\t\n\u000B\u000C\r \u0085\u00A0\u1680\u2000\u2001\u2002\u2003\u2004\u2005\u2006\u2007\u2008\u2009\u200A\u2028\u2029\u202F\u205F\u3000\uFEFF');
const QUOTES = new Set('"\uFF02\u201C\u201D');
const MINUSES = new Set('-\uFF0D');
const LETTER_OR_NUMBER = /^[\p{L}\p{N}]$/u;

/** §1: width folding, ASCII case folding, then only letters and numbers, code point by code point. */
export function specNormalize(text) {
  let kept = '';
  for (const character of text) {
    let point = character.codePointAt(0);
    if (point >= 0xff01 && point <= 0xff5e) point -= 0xfee0;
    if (point >= 0x41 && point <= 0x5a) point += 0x20;
    const folded = String.fromCodePoint(point);
    if (LETTER_OR_NUMBER.test(folded)) kept += folded;
  }
  return kept;
}

/** §2: { clauses: [[normalized alternatives]] (ANDed), excluded: [normalized] }. */
export function specParse(query) {
  const tokens = []; // after dropping terms that normalize to nothing; null is an OR operator
  let i = 0;
  while (i < query.length) {
    if (SEPARATORS.has(query[i])) {
      i++;
      continue;
    }
    let excluded = false;
    if (MINUSES.has(query[i]) && i + 1 < query.length && !SEPARATORS.has(query[i + 1])) {
      excluded = true;
      i++;
    }
    let token;
    const quoted = i < query.length && QUOTES.has(query[i]);
    if (quoted) {
      const start = ++i;
      while (i < query.length && !QUOTES.has(query[i])) i++;
      token = query.slice(start, i);
      i = Math.min(query.length, i + 1);
    } else {
      const start = i;
      while (i < query.length && !SEPARATORS.has(query[i]) && !QUOTES.has(query[i])) i++;
      token = query.slice(start, i);
    }
    if (token === 'OR' && !quoted && !excluded) tokens.push(null);
    else {
      const normalized = specNormalize(token);
      if (normalized.length > 0) tokens.push({ normalized, excluded });
    }
  }
  const clauses = [];
  const excludedTerms = [];
  tokens.forEach((token, t) => {
    if (token === null) return;
    if (token.excluded) excludedTerms.push(token.normalized);
    else if (t >= 2 && tokens[t - 1] === null && tokens[t - 2] !== null && !tokens[t - 2].excluded && clauses.length > 0) {
      clauses[clauses.length - 1].push(token.normalized);
    } else clauses.push([token.normalized]);
  });
  return { clauses, excluded: excludedTerms };
}
