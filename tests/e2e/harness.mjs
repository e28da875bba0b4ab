// The setup every end-to-end file shares: one static server for the release
// build (under a sub-path) and one Chromium for the whole file, and
// `withPage`, which opens a fresh page, runs a test's body in it, then checks
// the page stayed clean: no console or page error, no request outside its origin.
import { after, before } from 'node:test';
import assert from 'node:assert/strict';
import { launch, open } from './browser.mjs';
import { serve } from './server.mjs';

export const DIST = process.env.DIST ?? 'dist';

/** The selector of a widget's root element. */
export const widget = (id) => `[data-widget="${id}"]`;

/** How many frames widget `id` has drawn so far. */
export const frames = (page, id) => page.$eval(widget(id), (e) => Number(e.dataset.frames));

/** Waits until widget `id` has drawn more than `n` frames. */
export const drawnAfter = (page, id, n, opts = {}) => page.waitForFunction(
  ([sel, n]) => Number(document.querySelector(sel).dataset.frames) > n, [widget(id), n], opts,
);

/**
 * Registers the file's `before`/`after` hooks and returns the suite:
 * `withPage(query, body, opts)` plus `server` and `browser` (set once the
 * hooks have run). Options:
 *   prefix      the sub-path the build is served under
 *   open        default options for `open` (viewport, locale, ready), merged with each call's
 *   scrollTo    a selector scrolled into view before the body runs
 *   beforeBody  async (page) => ..., run after the scroll and before the body
 */
export function pageSuite({ prefix, open: openDefaults = {}, scrollTo, beforeBody } = {}) {
  const suite = { server: undefined, browser: undefined, withPage };
  before(async () => {
    suite.server = await serve(DIST, { prefix });
    suite.browser = await launch();
  });
  after(async () => {
    await suite.browser?.close();
    await suite.server?.close();
  });

  async function withPage(query, body, opts = {}) {
    const { server, browser } = suite;
    const { page, log, close } = await open(browser, server.url + query, { ...openDefaults, ...opts });
    try {
      if (scrollTo) await page.locator(scrollTo).scrollIntoViewIfNeeded();
      if (beforeBody) await beforeBody(page);
      await body(page, log);
      assert.deepEqual(log.errors, [], 'console or page errors');
      const foreign = log.requests.filter((u) => !u.startsWith(server.origin) && !u.startsWith('data:'));
      assert.deepEqual(foreign, [], 'requests outside the page origin');
    } finally {
      await close();
    }
  }

  return suite;
}
