// Brute-force scans the tests compare the index and the engine with.

/** Every start of q in text as a code point index, overlaps included. */
export function codePointStarts(text, q) {
  const points = Array.from(text);
  const want = Array.from(q);
  const starts = [];
  for (let i = 0; i + want.length <= points.length; i++) if (want.every((c, k) => points[i + k] === c)) starts.push(i);
  return starts;
}
