// The requests of queries typed one after another in one page of our search, each with when it started after the
// Enter keypress and how long it took (Playwright's request timing): shows which reads wait for which.
//
//   node bench/waterfall.mjs --site <output> 欠薪 调解率 …

import { parseArgs } from 'node:util';
import { chromium } from 'playwright-core';
import { serveInChild } from './serve.mjs';

const { values, positionals } = parseArgs({ options: { site: { type: 'string' } }, allowPositionals: true });
const server = await serveInChild(values.site, {});
const browser = await chromium.launch({ executablePath: '/usr/bin/chromium', args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-quic'] });
try {
  const page = await (await browser.newContext()).newPage();
  await page.goto(`${server.url}/search.html`, { waitUntil: 'load' });
  await page.waitForSelector('#search-app:not([hidden])');
  await page.waitForLoadState('networkidle');
  for (const query of positionals) {
    const requests = [];
    const started = Date.now();
    const record = request => requests.push({ request, at: Date.now() - started });
    page.on('request', record);
    await page.fill('#q', query);
    await page.press('#q', 'Enter');
    await page.waitForFunction(() => /找到|没有找到/.test(document.querySelector('#search-status')?.textContent ?? ''), null, { timeout: 60_000 });
    const status = Date.now() - started;
    // Passages arrive after the list: wait for them too.
    await page.waitForTimeout(1000);
    page.off('request', record);
    console.log(`${query}: status after ${status} ms`);
    for (const { request, at } of requests) {
      await request.response();
      const took = Math.round(request.timing().responseEnd);
      console.log(`${String(at).padStart(6)} ms +${String(took).padStart(4)} ms  ${request.url().replace(`${server.url}/`, '')} ${request.headers().range ?? ''}`);
    }
  }
} finally {
  await browser.close();
  server.close();
}
