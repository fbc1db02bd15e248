// Reads the RIS and BibTeX records a report page offers with Citation.js (the parser behind several reference
// managers' importers), as an independent check of what the build writes. Input (JSON): { "ris": "…", "bibtex": "…" };
// output (JSON): { "ris": [CSL-JSON items], "bibtex": [CSL-JSON items] }.
import { readFileSync, writeFileSync } from 'node:fs';
import { Cite } from '@citation-js/core';
import '@citation-js/plugin-ris';
import '@citation-js/plugin-bibtex';

const [input, output] = process.argv.slice(2);
const records = JSON.parse(readFileSync(input, 'utf8'));
const parse = (text, format) => new Cite(text, { forceType: format }).data;
writeFileSync(output, JSON.stringify({ ris: parse(records.ris, '@ris/file'), bibtex: parse(records.bibtex, '@biblatex/text') }));
