// New since the last visit (theme/assets/search/seen.js): the keys that know a result again on the next visit.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { docKeys } from '../../theme/assets/search/seen.js';

// The keys as the rule states them: docs in ascending order, each bureau and year counting its own docs from 0.
function reference(bureauOfDoc, ids, years, docs) {
  const counts = new Map();
  const keys = new Map();
  for (const d of [...docs].sort((a, b) => a - b)) {
    const group = `${ids[bureauOfDoc[d]]}|${years[d]}`;
    const rank = counts.get(group) ?? 0;
    counts.set(group, rank + 1);
    keys.set(d, `${group}|${rank}`);
  }
  return keys;
}

test('each doc is keyed by its bureau, its year and its rank among the matches of both, whatever order the results are in', () => {
  let seed = 7;
  const random = () => (seed = (seed * 1103515245 + 12345) % 2147483648) / 2147483648;
  const docCount = 3000;
  const bureauOfDoc = Uint32Array.from({ length: docCount }, () => Math.floor(random() * 40));
  const years = Uint16Array.from({ length: docCount }, () => 2015 + Math.floor(random() * 4));
  const ids = Array.from({ length: 40 }, (_, i) => `b${i}`);
  for (const share of [0, 0.01, 0.3, 1]) {
    const docs = [...Array(docCount).keys()].filter(() => random() < share).sort(() => random() - 0.5);
    const keys = docKeys({ bureauOfDoc }, { bureaus: { ids } }, years, docs);
    const expected = reference(bureauOfDoc, ids, years, docs);
    assert.equal(keys.size, expected.size);
    assert.deepEqual(new Map(keys), expected);
    assert.deepEqual([...keys.values()].sort(), [...expected.values()].sort());
    for (const d of docs.slice(0, 20)) assert.equal(keys.get(d), expected.get(d));
  }
});
