// End-to-end tests of the `vanishing` widget in Debian's Chromium: the key
// number the page shows for the article's settings, the depth and
// learning-rate sliders, training, the math panel and both languages.
// Run after `trunk build --release` (scripts/check does both); DIST names the build.
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { canvasStats, open } from './browser.mjs';
import { drawnAfter, frames as framesOf, pageSuite } from './harness.mjs';

const W = '[data-widget="vanishing"]';
const CJK = /[\u4e00-\u9fff]/;

const suite = pageSuite({ prefix: '/course/', scrollTo: W });
const { withPage } = suite;

const SUPER = { '⁰': 0, '¹': 1, '²': 2, '³': 3, '⁴': 4, '⁵': 5, '⁶': 6, '⁷': 7, '⁸': 8, '⁹': 9 };

/** Reads a number as the page writes it: "0.29", "9.5 × 10⁻⁷", "−2 × 10³". */
function readNumber(text) {
  const t = text.trim().replace(/−/g, '-');
  const m = t.match(/^(-?[\d.]+)(?: × 10(⁻?)([⁰¹²³⁴⁵⁶⁷⁸⁹]+))?$/);
  assert.ok(m, `not a number as the page writes it: ${text}`);
  const exp = m[3] ? [...m[3]].reduce((e, c) => 10 * e + SUPER[c], 0) * (m[2] ? -1 : 1) : 0;
  return Number(m[1]) * 10 ** exp;
}

const frames = (page) => framesOf(page, 'vanishing');
/** The key number as shown, checked against its raw value and the sentence (read in one go: training may be running). */
async function keyNumber(page) {
  const [shown, rawText, sentence] = await page.$eval(W, (w) => {
    const k = w.querySelector('.key-number .big');
    return [k.textContent, k.dataset.value, w.querySelector('.sentence').textContent];
  });
  const raw = Number(rawText);
  const value = readNumber(shown);
  assert.ok(Math.abs(value / raw - 1) < 0.06, `shown ${shown}, raw ${raw}`);
  assert.ok(sentence.includes(shown), `the sentence "${sentence}" states ${shown}`);
  return raw;
}

describe('the vanishing widget', () => {
  test('sigmoid, 10 layers, Xavier: layer 1 gets less than a thousandth of the output layer', async () => {
    await withPage('?lang=en', async (page) => {
      assert.equal(await page.getAttribute(W, 'data-status'), 'ok');
      assert.equal(await page.inputValue(`${W} select[name=act]`), 'sigmoid');
      assert.equal(await page.inputValue(`${W} input[name=depth]`), '10');
      assert.equal(await page.inputValue(`${W} select[name=init]`), 'xavier_uniform');
      const r = await keyNumber(page);
      assert.ok(r > 0 && r < 1e-3, `ratio ${r}`);
      assert.match(await page.textContent(`${W} .sentence`), /layer 11/);
      // The slopes alone: 0.25 to the 10th.
      assert.match(await page.textContent(`${W} .slopes`), /0\.25¹⁰ = 9\.5 × 10⁻⁷/);
      const s = await canvasStats(page, `${W} canvas`);
      assert.ok(s.width >= 300 && s.height >= 300, `canvas ${s.width}x${s.height}`);
      assert.ok(s.ink / s.total > 0.03, `only ${s.ink} of ${s.total} pixels drawn`);
      assert.match(await page.getAttribute(`${W} canvas`, 'aria-label'), /Layer 1 receives/);
    });
  });

  test('ReLU with He initialisation keeps the gradient within ten times either way', async () => {
    await withPage('?vanishing.act=relu&vanishing.init=he_normal', async (page) => {
      const r = await keyNumber(page);
      assert.ok(r > 0.1 && r < 10, `ratio ${r}`);
    });
  });

  test('the depth slider redraws, changes the key number and goes into the address', async () => {
    await withPage('', async (page) => {
      const r10 = await keyNumber(page);
      const before = await frames(page);
      await page.locator(`${W} input[name=depth]`).fill('20');
      await drawnAfter(page, 'vanishing', before);
      await page.waitForFunction(() => /vanishing\.depth=20/.test(location.search));
      const r20 = await keyNumber(page);
      // Ten more sigmoid layers: at least 4^10 times less, by the slopes alone.
      assert.ok(r20 < r10 / 1e5, `depth 10: ${r10}, depth 20: ${r20}`);
      assert.match(await page.textContent(`${W} .sentence`), /layer 21/);
      assert.equal(await page.textContent(`${W} output.depth-value`), '20');
      // The link reproduces it.
      const { page: p2, close } = await open(suite.browser, page.url());
      const again = await p2.getAttribute(`${W} .key-number .big`, 'data-value');
      await close();
      assert.equal(Number(again), r20);
    });
  });

  test('the learning-rate slider takes effect while training, without a reset', async () => {
    await withPage('?vanishing.train=1&vanishing.lr=0.0001', async (page) => {
      await page.waitForFunction(() => Number(document.querySelector('[data-widget="vanishing"]').dataset.step) > 20);
      assert.equal(await page.getAttribute(W, 'data-training'), 'running');
      // At 10⁻⁴ the network barely moves: the key number holds its first digits.
      const slow = await keyNumber(page);
      const stepAtChange = Number(await page.getAttribute(W, 'data-step'));
      const before = await frames(page);
      await page.locator(`${W} input[name=lr]`).fill('1');
      await page.waitForFunction(() => /vanishing\.lr=10(&|$)/.test(location.search));
      assert.equal(await page.textContent(`${W} output.lr-value`), '10');
      // At 10 the last layers learn fast and layer 1's share falls far.
      await page.waitForFunction(
        (k) => Number(document.querySelector('[data-widget="vanishing"] .key-number .big').dataset.value) < k / 3,
        slow,
        { timeout: 20000 },
      );
      assert.ok((await frames(page)) > before);
      const fast = await keyNumber(page);
      assert.ok(fast < slow / 3, `lr 1e-4: ${slow}, lr 10: ${fast}`);
      // The steps went on counting: the rate changed, the network was kept.
      assert.ok(Number(await page.getAttribute(W, 'data-step')) > stepAtChange);
      // Stopping training stops the steps and says so.
      await page.locator(`${W} input[name=train]`).uncheck();
      await page.waitForFunction(() => document.querySelector('[data-widget="vanishing"]').dataset.training === 'off');
      const stopped = await page.getAttribute(W, 'data-step');
      await page.waitForTimeout(300);
      assert.equal(await page.getAttribute(W, 'data-step'), stopped);
      assert.match(await page.textContent(`${W} .status`), /Paused at step/);
    });
  });

  test('a learning rate that blows up says so over the figure, and nothing is NaN', async () => {
    await withPage('?vanishing.act=identity&vanishing.init=normal&vanishing.width=32&vanishing.train=1&vanishing.lr=10&lang=en', async (page) => {
      await page.waitForFunction(() => document.querySelector('[data-widget="vanishing"]').dataset.training === 'diverged', null, { timeout: 20000 });
      const status = await page.textContent(`${W} .status`);
      assert.match(status, /diverged at step \d+/);
      assert.ok(await page.isVisible(`${W} .status.notice`));
      assert.doesNotMatch(await page.textContent(W), /NaN|Infinity/);
      const s = await canvasStats(page, `${W} canvas`);
      assert.ok(s.ink / s.total > 0.03, 'the figure stays drawn');
    });
  });

  test('show the math: one row per backward step, multiplied out beside the measurement', async () => {
    await withPage('?vanishing.depth=6&lang=en', async (page) => {
      await page.click(`${W} details.math summary`);
      await page.waitForSelector(`${W} table.math tbody tr`);
      const rows = await page.$$eval(`${W} table.math tbody tr`, (r) => r.map((x) => [...x.children].map((c) => c.textContent)));
      assert.equal(rows.length, 6);
      // From the output back to layer 1.
      assert.equal(rows[0][0], '6 ← out');
      assert.equal(rows[5][0], '1 ← 2');
      for (const row of rows) {
        const [, slope, , gain, factor] = row.map((c, i) => (i === 0 ? c : readNumber(c)));
        // Sigmoid's typical slope is at most its largest, 0.25.
        assert.ok(slope > 0 && slope <= 0.25, row.join(' | '));
        assert.ok(Math.abs(factor - slope * gain) <= 0.002 + 0.01 * factor, row.join(' | '));
      }
      // The last row's running product of measured factors is the key number.
      const measured = readNumber(rows[5][7]);
      const r = await keyNumber(page);
      assert.ok(Math.abs(measured / r - 1) < 0.06, `${rows[5][7]} vs ${r}`);
      assert.match(await page.textContent(`${W} .math-total`), /estimated, .* measured/);
    });
  });

  test('in Chinese the sentence and the status are Chinese, with the same number', async () => {
    await withPage('?lang=zh-TW', async (page) => {
      const r = await keyNumber(page);
      assert.ok(r < 1e-3);
      for (const sel of ['.sentence', '.slopes', '.status']) {
        assert.match(await page.textContent(`${W} ${sel}`), CJK, sel);
      }
      assert.match(await page.textContent(`${W} .sentence`), /第 11 層/);
    });
  });

  test('an embedded vanishing widget reads bare names', async () => {
    await withPage('?embed=vanishing&depth=3&act=tanh', async (page) => {
      assert.equal(await page.inputValue(`${W} input[name=depth]`), '3');
      assert.equal(await page.inputValue(`${W} select[name=act]`), 'tanh');
      assert.match(await page.textContent(`${W} .sentence`), /layer 4|第 4 層/);
      assert.equal(await page.isVisible('[data-widget="curves"]'), false);
    });
  });

  test('redraw time after a depth change (reported, not asserted)', async () => {
    await withPage('', async (page) => {
      const times = [];
      for (const d of [11, 12, 13, 14, 15, 16, 17, 18, 19, 20, 21]) {
        const before = await frames(page);
        const t0 = await page.evaluate(() => performance.now());
        await page.locator(`${W} input[name=depth]`).fill(String(d));
        await drawnAfter(page, 'vanishing', before);
        times.push((await page.evaluate(() => performance.now())) - t0);
      }
      times.sort((a, b) => a - b);
      console.log(`vanishing: median ${times[5].toFixed(1)} ms from a depth change to its redraw (with test overhead)`);
    });
  });
});
