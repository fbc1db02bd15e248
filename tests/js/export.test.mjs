// The search page's export (theme/assets/search/export.js): CSV as RFC 4180 and spreadsheets read it, with cells a
// spreadsheet would run as formulas made inert, and JSON that keeps the query and filters.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { toCsv, toJson, COLUMNS, fileName } from '../../theme/assets/search/export.js';

const row = over => ({ id: 'a-2020', title: '报告', bureau: '某局', region: '广东省 深圳市', year: 2020, published: '2021-03-01', hits: 3, url: 'https://example.org/reports/a-2020.html', ...over });

test('CSV: a byte order mark, CRLF rows, quotes doubled, commas and line breaks quoted', () => {
  const csv = toCsv([row({ title: '关于"双随机、一公开"的报告,2020\n续' })]);
  assert.ok(csv.startsWith('\ufeff' + COLUMNS.join(',') + '\r\n'));
  assert.ok(csv.endsWith('\r\n'));
  assert.ok(csv.includes('"关于""双随机、一公开""的报告,2020\n续"'));
});

test('CSV: a cell that starts like a formula starts with an apostrophe', () => {
  for (const danger of ['=HYPERLINK("http://x")', '+1', '-2', '@SUM(A1)', '\tx']) {
    const line = toCsv([row({ title: danger })]).split('\r\n')[1];
    const cell = line.split(',')[1].replace(/^"|"$/g, '').replaceAll('""', '"');
    assert.equal(cell, `'${danger}`, `${danger} was not made inert: ${line}`);
  }
  assert.equal(toCsv([row({ title: '2020年报告' })]).split('\r\n')[1].split(',')[1], '2020年报告');
});

test('JSON: the query, only the filters set, the count and the rows', () => {
  const json = JSON.parse(toJson([row({}), row({ id: 'b' })], { q: '欠薪', year: ['2020'], region: [], from: '', to: '2022', kind: [], bureau: [], sort: '' }));
  assert.equal(json.query, '欠薪');
  assert.deepEqual(json.filters, { year: ['2020'], to: '2022' });
  assert.equal(json.count, 2);
  assert.deepEqual(json.results.map(r => r.id), ['a-2020', 'b']);
});

test('file names keep the query and drop what file systems refuse', () => {
  assert.equal(fileName('欠薪 OR 拖欠/工资', 'csv'), '检索结果_欠薪_OR_拖欠_工资.csv');
  assert.equal(fileName('   ', 'json'), '检索结果_全部.json');
});
