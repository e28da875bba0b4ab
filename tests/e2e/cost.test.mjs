// End-to-end tests of the `cost` widget in Debian's Chromium: it times every
// activation in the browser, draws nine rows of two bars whose numbers are
// finite, positive and timed for at least the minimum run, states the key
// ratio it computed, and keeps the page responsive while it measures.
// Numbers are printed, never asserted: only their shape is.
// Run after `trunk build --release`; DIST names the build.
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { canvasStats } from './browser.mjs';
import { pageSuite } from './harness.mjs';

const ROOT = '[data-widget="cost"]';
const CJK = /[\u4e00-\u9fff]/;

const suite = pageSuite({ prefix: '/course/cost/' });
const { withPage } = suite;

const data = (page) => page.$eval(ROOT, (e) => ({ ...e.dataset }));
const done = (page) => page.waitForSelector(`${ROOT}[data-state="done"]`, { timeout: 120000 });

describe('the cost widget', () => {
  test('times every activation and draws nine rows of two bars', async () => {
    await withPage('?lang=en', async (page) => {
      await page.locator(`${ROOT} canvas`).scrollIntoViewIfNeeded();
      await done(page);
      const d = await data(page);
      assert.equal(d.rows, '9');
      assert.equal(d.bars, '18');
      const report = JSON.parse(d.cost);
      assert.ok(Number.isFinite(report.tick_ms) && report.tick_ms > 0, `clock tick ${report.tick_ms}`);
      assert.equal(report.bars.length, 18);
      assert.deepEqual(new Set(report.bars.map((b) => b.act)).size, 9);
      for (const b of report.bars) {
        const what = `${b.act} ${b.part}`;
        assert.ok(Number.isFinite(b.ns) && b.ns > 0, `${what}: ${b.ns} ns`);
        assert.ok(b.shortest_run_ms >= report.min_run_ms, `${what}: a run of only ${b.shortest_run_ms} ms`);
        assert.equal(b.runs, 5, what);
        assert.ok(b.evals > 0 && Number.isFinite(b.checksum), what);
      }
      const s = await canvasStats(page, `${ROOT} canvas`);
      assert.ok(s.ink / s.total > 0.02, `only ${s.ink} of ${s.total} pixels are drawn`);
      assert.match(await page.textContent(`${ROOT} .browser`), /Chrom/);
      // The key number is the ratio of the two medians the widget reports.
      const ns = (act) => report.bars.find((b) => b.act === act && b.part === 'f').ns;
      const ratio = ns('sigmoid') / ns('relu');
      const sentence = await page.textContent(`${ROOT} .key-number .sentence`);
      assert.match(sentence, /sigmoid.*ReLU/);
      const big = await page.getAttribute(`${ROOT} .key-number`, 'data-ratio');
      if (big) assert.ok(Math.abs(Number(big.replace('×', '')) / ratio - 1) < 0.06, `${big} vs ${ratio}`);
      assert.match(await page.textContent(`${ROOT} .clock`), /clock/);
      assert.match(await page.getAttribute(`${ROOT} canvas`, 'aria-label'), /sigmoid/);
      console.log(
        `cost in Chromium (tick ${report.tick_ms} ms${report.coarse ? ', coarse' : ''}): sigmoid/relu ${ratio.toFixed(2)}; ` +
          report.bars.map((b) => `${b.act} ${b.part} ${b.ns.toFixed(2)} ns ±${(100 * b.bound).toFixed(1)}%`).join(', '),
      );
      // Everything it says switches language.
      await page.click('#lang-toggle');
      await page.waitForSelector('html[lang="zh-TW"]');
      for (const sel of ['.key-number .sentence', '.status', '.clock', '.how', '.browser']) {
        assert.match(await page.textContent(`${ROOT} ${sel}`), CJK, sel);
      }
    });
  });

  test('the page stays responsive while it measures', async () => {
    await withPage('?lang=en', async (page) => {
      await page.locator(`${ROOT} canvas`).scrollIntoViewIfNeeded();
      await page.waitForSelector(`${ROOT}[data-state="measuring"]`);
      // Let it get into the timed rounds, then click the axis box and time,
      // inside the page, until the widget has redrawn with the new axis.
      await page.waitForFunction((r) => Number(document.querySelector(r).dataset.frames) >= 5, ROOT);
      const r = await page.evaluate(
        (sel) =>
          new Promise((resolve) => {
            const root = document.querySelector(sel);
            const box = root.querySelector('input[name=log]');
            const frames = Number(root.dataset.frames);
            const state = root.dataset.state;
            const obs = new MutationObserver(() => {
              if (root.dataset.axis === 'log') {
                obs.disconnect();
                resolve({ ms: performance.now() - t0, state, frames: Number(root.dataset.frames) - frames });
              }
            });
            obs.observe(root, { attributes: true });
            const t0 = performance.now();
            box.click();
          }),
        ROOT,
      );
      console.log(`click to redraw while measuring: ${r.ms.toFixed(1)} ms`);
      assert.equal(r.state, 'measuring', 'the click came during the measurement');
      assert.ok(r.frames >= 1, 'a new frame was drawn');
      assert.ok(r.ms < 100, `the click took ${r.ms} ms to show`);
      assert.equal(await page.getAttribute(ROOT, 'data-state'), 'measuring', 'and the measurement goes on');
      await page.waitForFunction(() => /[?&]cost\.log=1(&|$)/.test(location.search));
    });
  });

  test('measure again starts over and ends with every bar measured again', async () => {
    await withPage('?cost.runs=3&cost.log=1', async (page) => {
      await page.locator(`${ROOT} canvas`).scrollIntoViewIfNeeded();
      await done(page);
      const first = JSON.parse((await data(page)).cost);
      assert.ok(first.bars.every((b) => b.runs === 3), 'the link chose 3 runs');
      assert.equal((await data(page)).axis, 'log');
      await page.click(`${ROOT} button.again`);
      await page.waitForSelector(`${ROOT}[data-state="measuring"]`);
      assert.equal(await page.getAttribute(ROOT, 'data-cost'), null, 'old results are gone');
      await done(page);
      const d = await data(page);
      assert.equal(d.bars, '18');
      const second = JSON.parse(d.cost);
      assert.ok(second.bars.every((b) => b.runs === 3 && Number.isFinite(b.ns) && b.ns > 0));
    });
  });
});
