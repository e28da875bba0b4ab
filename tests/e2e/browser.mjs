// Launches Debian's Chromium through playwright-core (never a downloaded browser).
import { chromium } from 'playwright-core';

export const CHROMIUM = process.env.CHROMIUM ?? '/usr/bin/chromium';
export const FLAGS = [
  '--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run',
  '--disable-background-networking', '--disable-component-update', '--disable-sync',
];

export function launch() {
  return chromium.launch({ executablePath: CHROMIUM, args: FLAGS, headless: true });
}

/**
 * Opens `url` in a fresh page that records console errors, page errors and
 * every request, then waits for `<html data-ready>`.
 */
export async function open(browser, url, { viewport = { width: 1100, height: 900 }, locale = 'en-US', ready = true } = {}) {
  const context = await browser.newContext({ viewport, locale, deviceScaleFactor: 1 });
  const page = await context.newPage();
  const log = { errors: [], requests: [] };
  page.on('console', (m) => { if (m.type() === 'error') log.errors.push(`console: ${m.text()}`); });
  page.on('pageerror', (e) => log.errors.push(`pageerror: ${e.message}`));
  page.on('request', (r) => log.requests.push(r.url()));
  await page.goto(url);
  if (ready) await page.waitForSelector('html[data-ready]', { timeout: 30000 });
  return { page, log, close: () => context.close() };
}

/**
 * Counts canvas pixels that are painted and not (nearly) white, and a cheap
 * hash of them all. An untouched canvas reads as transparent black, so a
 * pixel counts only when it is opaque.
 */
export function canvasStats(page, selector) {
  return page.$eval(selector, (c) => {
    const d = c.getContext('2d').getImageData(0, 0, c.width, c.height).data;
    let ink = 0;
    let hash = 0;
    for (let i = 0; i < d.length; i += 4) {
      if (d[i + 3] > 200 && (d[i] < 240 || d[i + 1] < 240 || d[i + 2] < 240)) ink += 1;
      hash = (hash * 31 + d[i] + 3 * d[i + 1] + 7 * d[i + 2]) | 0;
    }
    return { ink, total: d.length / 4, hash, width: c.width, height: c.height };
  });
}
