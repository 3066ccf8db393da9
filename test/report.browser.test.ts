// The report opened in real headless Chromium (Debian's /usr/bin/chromium driven by
// playwright-core): no console errors, no network requests at all, every chart drawn with a
// non-empty box, and a screenshot under test-artifacts/ for people to look at.
import { existsSync, mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { chromium, type Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ROOT } from './helpers.js';
import { classifierReportHtml, irisReportHtml, regressorReportHtml, wideClassifierReportHtml } from './reportData.js';

const CHROMIUM = '/usr/bin/chromium';
const ARTIFACTS = join(ROOT, 'test-artifacts');
// An explicit opt-out for machines without Chromium; CI (.ci/run) installs it instead.
const skip = process.env.LOGIT_SKIP_BROWSER === '1';

describe.skipIf(skip)('report in headless Chromium', () => {
  let browser: Browser;

  beforeAll(async () => {
    if (!existsSync(CHROMIUM)) throw new Error(`${CHROMIUM} is missing: apt-get install -y chromium (or set LOGIT_SKIP_BROWSER=1)`);
    mkdirSync(ARTIFACTS, { recursive: true });
    browser = await chromium.launch({
      executablePath: CHROMIUM,
      headless: true,
      args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking'],
    });
  });

  afterAll(async () => {
    await browser?.close();
  });

  async function open(name: string, html: string, expectedCharts: number, screenshot?: string) {
    const file = join(ARTIFACTS, `${name}.html`);
    writeFileSync(file, html);
    const url = pathToFileURL(file).href;
    const page = await browser.newPage({ viewport: { width: 1280, height: 900 } });
    const consoleErrors: string[] = [];
    const requests: string[] = [];
    const failed: string[] = [];
    page.on('console', (m) => {
      if (m.type() === 'error' || m.type() === 'warning') consoleErrors.push(`${m.type()}: ${m.text()}`);
    });
    page.on('pageerror', (e) => consoleErrors.push(`pageerror: ${e.message}`));
    page.on('request', (r) => {
      if (r.url() !== url) requests.push(r.url());
    });
    page.on('requestfailed', (r) => failed.push(`${r.url()}: ${r.failure()?.errorText}`));
    const response = await page.goto(url, { waitUntil: 'load' });
    expect(response?.ok() ?? true).toBe(true);
    const charts = await page.$$('svg.logit-plot');
    expect(charts.length).toBe(expectedCharts);
    for (const c of charts) {
      const box = await c.boundingBox();
      const label = await c.evaluate((e) => e.getAttribute('aria-labelledby'));
      expect(box, `chart ${label} has no box`).not.toBeNull();
      expect(box!.width, `chart ${label} width`).toBeGreaterThan(100);
      expect(box!.height, `chart ${label} height`).toBeGreaterThan(100);
      // Something is drawn: marks with a real extent, not just the background.
      const drawn = await c.evaluate((svg) =>
        Array.from(svg.querySelectorAll('path, circle, line, rect')).filter((e) => {
          const b = (e as SVGGraphicsElement).getBBox();
          return b.width > 0 || b.height > 0;
        }).length,
      );
      expect(drawn, `chart ${label} draws nothing`).toBeGreaterThanOrEqual(5);
      const title = await c.evaluate((svg) => svg.querySelector('title')?.textContent ?? '');
      expect(title.length).toBeGreaterThan(0);
    }
    // Every chart's ids resolve: aria-labelledby points at its own title and desc.
    const dangling = await page.evaluate(() =>
      Array.from(document.querySelectorAll('[aria-labelledby]')).flatMap((e) =>
        (e.getAttribute('aria-labelledby') ?? '').split(/\s+/).filter((id) => document.getElementById(id) === null),
      ),
    );
    expect(dangling).toEqual([]);
    const ids = await page.evaluate(() => Array.from(document.querySelectorAll('[id]')).map((e) => e.id));
    expect(new Set(ids).size).toBe(ids.length);
    if (screenshot) await page.screenshot({ path: join(ARTIFACTS, screenshot), fullPage: true });
    // Printed (A4 portrait, 14 mm margins ≈ 680 px of width): every chart still drawn and inside the page.
    await page.emulateMedia({ media: 'print' });
    await page.setViewportSize({ width: 680, height: 960 });
    for (const c of await page.$$('svg.logit-plot')) {
      const box = await c.boundingBox();
      expect(box!.width).toBeGreaterThan(100);
      expect(box!.x + box!.width, `${await c.evaluate((e) => e.getAttribute("aria-labelledby"))} in print`).toBeLessThanOrEqual(681);
    }
    if (screenshot) await page.pdf({ path: join(ARTIFACTS, screenshot.replace(/\.png$/, '.pdf')), format: 'A4' });
    await page.close();
    expect(consoleErrors).toEqual([]);
    expect(failed).toEqual([]);
    expect(requests).toEqual([]);
  }

  it('a two-feature classifier report renders every chart, offline, without errors', async () => {
    // data has no chart; loss, sigmoid, boundary, ROC, PR, trade-off, confusion, calibration, coefficients.
    await open('report', classifierReportHtml(), 9, 'report.png');
  });

  it('a 30-feature classifier report draws its 2-D slice and every chart', async () => {
    await open('report-wide', wideClassifierReportHtml(), 9, 'report-wide.png');
  });

  it('a three-class report draws the confusion matrix, one ROC per class and per-class coefficients', async () => {
    // loss, confusion, 3 one-vs-rest ROC charts, 3 coefficient charts.
    await open('report-multiclass', irisReportHtml(), 8, 'report-multiclass.png');
  });

  it('a regression report draws predicted-vs-actual, residuals and coefficients', async () => {
    await open('report-regression', regressorReportHtml(), 3, 'report-regression.png');
  });
});
