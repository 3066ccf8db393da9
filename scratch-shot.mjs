import { chromium } from 'playwright-core';
import { pathToFileURL } from 'node:url';
const [file, ...ids] = process.argv.slice(2);
const b = await chromium.launch({ executablePath: '/usr/bin/chromium', args: ['--headless','--no-sandbox','--disable-gpu'] });
const p = await b.newPage({ viewport: { width: 1280, height: 900 } });
await p.goto(pathToFileURL(file).href);
for (const id of ids) await p.locator(`#${id}`).screenshot({ path: `/tmp/${id}.png` });
await b.close();
