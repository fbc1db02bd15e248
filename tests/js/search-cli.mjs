// node search-cli.mjs <output/search folder> in.json out.json: in = array of queries; out = one entry per query,
// { reports: { id: hits }, ids: [ids in result order], scores, years: { year: reports }, snippets: [first result's
// passages] }, plus the files read.

import { readFileSync, writeFileSync } from 'node:fs';
import { folderFetcher } from './files.mjs';
import { SearchIndex } from '../../theme/assets/search/index.js';
import { SearchEngine } from '../../theme/assets/search/engine.js';

const [folder, input, output] = process.argv.slice(2);
const files = [];
const engine = new SearchEngine(new SearchIndex(folderFetcher(folder, files)));
const answers = [];
for (const query of JSON.parse(readFileSync(input, 'utf8'))) {
  const result = await engine.search(query);
  await engine.describe(result.results);
  answers.push({
    query,
    reports: Object.fromEntries(result.results.map(r => [r.meta.id, r.hits])),
    ids: result.results.map(r => r.meta.id),
    scores: result.results.map(r => r.score),
    years: Object.fromEntries(result.facets.years.map(y => [y.year, y.count])),
    snippets: result.results.length > 0 ? (await engine.snippets(result, result.results[0])).map(s => ({ href: s.href, text: s.parts.map(p => p.text).join(''), marked: s.parts.filter(p => p.mark).map(p => p.text) })) : [],
  });
}
writeFileSync(output, JSON.stringify({ answers, files }));
