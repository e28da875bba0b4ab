// End-to-end tests of the `playground` widget in Debian's Chromium: training
// runs live and moves the boundary, a learning rate of 10 diverges visibly and
// reset recovers, a click adds a point the next frames learn, compare mode
// races two activations; no console errors, no request outside the origin.
// Run after `trunk build --release`; DIST names the build.
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { canvasStats } from './browser.mjs';
import { pageSuite } from './harness.mjs';

const W = '[data-widget="playground"]';

const suite = pageSuite({ prefix: '/course/lab/', open: { viewport: { width: 1100, height: 1000 } }, scrollTo: W });
const { withPage } = suite;

const data = (page, key) => page.$eval(W, (e, k) => e.dataset[k], key);
const steps = async (page) => Number(await data(page, 'step'));
const untilSteps = (page, n, timeout = 30000) =>
  page.waitForFunction(([sel, n]) => Number(document.querySelector(sel).dataset.step) >= n, [W, n], { timeout });
const field = (run) => `${W} .pg-run[data-run="${run}"] canvas.pg-field`;

/** The colour of the field at fractions (u, v) of the plane: blue minus red (> 0 blue, < 0 orange). */
const blueness = (page, run, u, v) =>
  page.$eval(field(run), (c, [u, v]) => {
    const d = c.getContext('2d').getImageData(Math.floor(u * c.width), Math.floor(v * c.height), 1, 1).data;
    return d[2] - d[0];
  }, [u, v]);

/** Clicks a plane at fractions (u, v) of its size. */
async function clickPlane(page, u, v, modifiers = []) {
  const box = await page.locator(`${W} .pg-run[data-run="0"] canvas.pg-points`).boundingBox();
  await page.mouse.move(box.x + u * box.width, box.y + v * box.height);
  for (const m of modifiers) await page.keyboard.down(m);
  await page.mouse.click(box.x + u * box.width, box.y + v * box.height);
  for (const m of modifiers) await page.keyboard.up(m);
}

describe('playground', () => {
  test('play makes the step counter rise and the boundary change; pause stops it', async () => {
    await withPage('?lang=en', async (page) => {
      assert.equal(await page.getAttribute(W, 'data-status'), 'ok');
      const s0 = await canvasStats(page, field(0));
      assert.deepEqual([s0.width, s0.height], [100, 100], 'the field is 100x100, stretched by CSS');
      assert.ok(s0.ink > 0, 'the field is painted before training');
      const points = await canvasStats(page, `${W} canvas.pg-points`);
      assert.ok(points.ink > 500, `the points are drawn (${points.ink} pixels)`);
      assert.equal(await steps(page), 0);
      await page.click(`${W} .pg-play`);
      await untilSteps(page, 300);
      assert.equal(await page.textContent(`${W} .pg-play`), 'Pause');
      const s1 = await canvasStats(page, field(0));
      assert.notEqual(s1.hash, s0.hash, 'the boundary moved');
      assert.match(await page.textContent(`${W} .pg-run[data-run="0"] .pg-status`), /step \d+ · epoch [\d.]+\ntrain loss .* test loss .*\ntest accuracy [\d.]+%/);
      await page.click(`${W} .pg-play`);
      const paused = await steps(page);
      await page.waitForTimeout(400);
      assert.equal(await steps(page), paused, 'a paused network takes no steps');
      assert.equal(await page.textContent(`${W} .pg-play`), 'Play');
      // One epoch: the training set (250 points) in batches of 10.
      await page.click(`${W} .pg-step`);
      await page.waitForFunction(([sel, n]) => Number(document.querySelector(sel).dataset.step) === n, [W, paused + 25]);
    });
  });

  test('a learning rate of 10 diverges visibly, and reset recovers', async () => {
    await withPage('?lang=en&playground.lr=10', async (page) => {
      await page.click(`${W} .pg-play`);
      await page.waitForSelector(`${W}[data-diverged]`, { timeout: 30000 });
      const banner = page.locator(`${W} .pg-run[data-run="0"] .pg-diverged`);
      assert.ok(await banner.isVisible());
      const at = await data(page, 'diverged');
      assert.match(await banner.textContent(), new RegExp(`Diverged at step ${at}\\b`));
      assert.equal(await page.getAttribute(W, 'data-status'), `diverged at step ${at}`, 'the root says why it is not ok');
      assert.equal(await page.textContent(`${W} .pg-play`), 'Play', 'training stopped by itself');
      const stuck = await steps(page);
      await page.waitForTimeout(300);
      assert.equal(await steps(page), stuck);
      await page.click(`${W} .pg-reset`);
      await page.waitForFunction((sel) => !document.querySelector(sel).hasAttribute('data-diverged'), W);
      assert.equal(await banner.isVisible(), false);
      assert.equal(await steps(page), 0);
      assert.equal(await page.getAttribute(W, 'data-status'), 'ok');
      // At a sane rate, the reset network trains on.
      await page.locator(`${W} input[name=lr]`).fill('-1.5');
      await page.waitForFunction(() => /playground\.lr=0\.0316/.test(location.search));
      await page.click(`${W} .pg-play`);
      await untilSteps(page, 500);
      assert.equal(await page.getAttribute(W, 'data-diverged'), null);
    });
  });

  test('clicking the plane adds points that the next frames train on', async () => {
    await withPage('?lang=en', async (page) => {
      await page.click(`${W} .pg-clear`);
      await page.waitForFunction((sel) => document.querySelector(sel).dataset.points === '0', W);
      assert.ok(await page.locator(`${W} .pg-run[data-run="0"] .pg-empty`).isVisible(), 'an empty plane says to add points');
      await page.click(`${W} .pg-play`);
      assert.equal(await steps(page), 0, 'nothing to train on');
      // A blue point top left, an orange one (shift-click) bottom right.
      await clickPlane(page, 0.2, 0.2);
      await clickPlane(page, 0.8, 0.8, ['Shift']);
      await page.waitForFunction((sel) => document.querySelector(sel).dataset.points === '2', W);
      assert.equal(await page.locator(`${W} .pg-run[data-run="0"] .pg-empty`).isVisible(), false);
      const before = [await blueness(page, 0, 0.2, 0.2), await blueness(page, 0, 0.8, 0.8)];
      await page.click(`${W} .pg-play`);
      await untilSteps(page, 400);
      await page.click(`${W} .pg-play`);
      const after = [await blueness(page, 0, 0.2, 0.2), await blueness(page, 0, 0.8, 0.8)];
      assert.ok(after[0] > 0 && after[0] > before[0], `blue point: field ${before[0]} -> ${after[0]}`);
      assert.ok(after[1] < 0 && after[1] < before[1], `orange point: field ${before[1]} -> ${after[1]}`);
      // Hundreds of points are fine.
      for (let i = 0; i < 200; i += 1) await clickPlane(page, 0.05 + 0.9 * ((i * 37) % 100) / 100, 0.05 + 0.9 * ((i * 61) % 100) / 100);
      await page.waitForFunction((sel) => document.querySelector(sel).dataset.points === '202', W);
      await page.click(`${W} .pg-play`);
      const n = await steps(page);
      await untilSteps(page, n + 100);
      // Clear, then reset: the data set's 500 points come back.
      await page.click(`${W} .pg-clear`);
      await page.waitForFunction((sel) => document.querySelector(sel).dataset.points === '0', W);
      await page.click(`${W} .pg-reset`);
      await page.waitForFunction((sel) => document.querySelector(sel).dataset.points === '500', W);
    });
  });

  test('compare mode shows both networks, and the race shows ReLU ahead of sigmoid', async () => {
    await withPage('?lang=en', async (page) => {
      assert.equal(await page.isVisible(`${W} .pg-run[data-run="1"]`), false);
      await page.click(`${W} .pg-race`);
      await page.waitForFunction(() => /playground\.compare=1/.test(location.search) && /playground\.depth=6/.test(location.search));
      assert.ok(await page.isVisible(`${W} .pg-run[data-run="1"]`));
      const captions = await page.$$eval(`${W} .pg-caption`, (c) => c.map((x) => x.textContent));
      assert.deepEqual(captions, ['ReLU', 'sigmoid σ']);
      await untilSteps(page, 30 * 25);
      const [a, b] = [await canvasStats(page, field(0)), await canvasStats(page, field(1))];
      assert.ok(a.ink > 0 && b.ink > 0);
      assert.notEqual(a.hash, b.hash, 'two different boundaries');
      const status = await page.$$eval(`${W} .pg-status`, (s) => s.map((x) => x.textContent));
      assert.match(status[0], /train loss below 0.1 at epoch/);
      assert.match(status[1], /train loss not yet below 0.1/);
      assert.match(status[1], /Layer 1 receives .* times the gradient/);
      assert.match(await page.textContent(`${W} .pg-key`), /^ReLU: loss below 0.1 at epoch [\d.]+ · sigmoid σ: loss not yet below 0.1$/);
      // Both networks stand at the same step.
      assert.equal(status[0].split('\n')[0], status[1].split('\n')[0]);
      const loss = await canvasStats(page, `${W} canvas.pg-loss`);
      assert.ok(loss.ink > 200, 'the loss lines are drawn');
    });
  });

  test('a link opens compare mode with the second activation, in Chinese', async () => {
    await withPage('?lang=zh-TW&playground.compare=1&playground.versus=tanh&playground.data=regression', async (page) => {
      assert.ok(await page.isVisible(`${W} .pg-run[data-run="1"]`));
      const captions = await page.$$eval(`${W} .pg-caption`, (c) => c.map((x) => x.textContent));
      assert.deepEqual(captions, ['ReLU（線性整流）', 'tanh（雙曲正切）']);
      await page.click(`${W} .pg-play`);
      await untilSteps(page, 200);
      assert.match(await page.textContent(`${W} .pg-run[data-run="1"] .pg-status`), /第 \d+ 步/);
      assert.equal(await page.isVisible(`${W} .pg-class`), false, 'no classes to choose in regression');
    });
  });
});
