// Normalization version 1 (src/Archive/Search/FORMAT.md §1): fold full-width ASCII and A–Z, keep letters and numbers.
// Must agree code point for code point with Archive.Search.TextNormalizer; tests compare the two on the corpus.

export const NORMALIZATION_VERSION = 1;

const LETTER_OR_NUMBER = /[\p{L}\p{N}]/u;

function fold(cp) {
  if (cp >= 0xff01 && cp <= 0xff5e) cp -= 0xfee0;
  if (cp >= 0x41 && cp <= 0x5a) cp += 0x20;
  return cp;
}

function kept(cp) {
  if (cp < 0x80) return (cp >= 0x30 && cp <= 0x39) || (cp >= 0x61 && cp <= 0x7a);
  return LETTER_OR_NUMBER.test(String.fromCodePoint(cp));
}

/** The normalized form of a text, without offsets (for queries and keys). */
export function normalizeText(text) {
  let out = '';
  for (const ch of text) {
    const cp = fold(ch.codePointAt(0));
    if (kept(cp)) out += String.fromCodePoint(cp);
  }
  return out;
}

/**
 * The normalized form of a text and, for every kept code point, its start offset in UTF-16 units in the original.
 * `offsets.length` is the normalized length in code points.
 */
export function normalize(text) {
  let out = '';
  const offsets = [];
  for (let i = 0; i < text.length; ) {
    const raw = text.codePointAt(i);
    const cp = fold(raw);
    if (kept(cp)) {
      out += String.fromCodePoint(cp);
      offsets.push(i);
    }
    i += raw > 0xffff ? 2 : 1;
  }
  return { text: out, offsets };
}
