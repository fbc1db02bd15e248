// node normalize-cli.mjs in.json out.json: in = array of strings; out = array of { text, offsets } from normalize.js.

import { readFileSync, writeFileSync } from 'node:fs';
import { normalize } from '../../theme/assets/search/normalize.js';

const [input, output] = process.argv.slice(2);
writeFileSync(output, JSON.stringify(JSON.parse(readFileSync(input, 'utf8')).map(normalize)));
