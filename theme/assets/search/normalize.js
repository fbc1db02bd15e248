// Normalization version 1 (src/Archive/Search/Contract/FORMAT.md §1): fold full-width ASCII and A–Z, keep letters and
// numbers. Must agree code point for code point with Archive.Search.Contract.TextNormalizer; tests compare the two on
// the corpus.

const LETTER_OR_NUMBER = /[\p{L}\p{N}]/u;

// Whether each basic-plane code point is kept, learnt on first sight: 0 unknown, 1 kept, 2 dropped. Chunks are
// normalized as queries arrive, so the Unicode property test runs once per distinct character, not per character.
const BASIC_PLANE = new Uint8Array(0x10000);

function fold(cp) {
  if (cp >= 0xff01 && cp <= 0xff5e) cp -= 0xfee0;
  if (cp >= 0x41 && cp <= 0x5a) cp += 0x20;
  return cp;
}

function kept(cp) {
  if (cp > 0xffff) return LETTER_OR_NUMBER.test(String.fromCodePoint(cp));
  let known = BASIC_PLANE[cp];
  if (known === 0) {
    known = LETTER_OR_NUMBER.test(String.fromCharCode(cp)) ? 1 : 2;
    BASIC_PLANE[cp] = known;
  }
  return known === 1;
}

/**
 * The normalized form of a text and, for every kept code point, its start offset in UTF-16 units in the original.
 * `offsets.length` is the normalized length in code points.
 */
export function normalize(text) {
  const units = [];
  const offsets = [];
  for (let i = 0; i < text.length; ) {
    const raw = text.codePointAt(i);
    const cp = fold(raw);
    if (kept(cp)) {
      offsets.push(i);
      if (cp > 0xffff) units.push(text.charCodeAt(i), text.charCodeAt(i + 1)); else units.push(cp);
    }
    i += raw > 0xffff ? 2 : 1;
  }
  let out = '';
  for (let i = 0; i < units.length; i += 8192) out += String.fromCharCode.apply(null, units.slice(i, i + 8192));
  return { text: out, offsets };
}

/** The normalized form of a text, without offsets (for queries and keys). */
export function normalizeText(text) {
  return normalize(text).text;
}
