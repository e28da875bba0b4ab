// End-to-end tests of the dead-relu widget in Debian's Chromium: play makes
// the step counter rise and the picture change, pause stops it, a learning
// rate of 10 kills units and reset recovers, the presets' numbers (computed
// in the page's wasm) tell the story in the order the native tests assert,
// and a preset's live run ends exactly on the number its story states.
// Run after `trunk build --release`; DIST names the build.
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { canvasStats } from './browser.mjs';
import { pageSuite } from './harness.mjs';

const ROOT = '[data-widget="dead-relu"]';
const CJK = /[\u4e00-\u9fff]/;

const suite = pageSuite({ prefix: '/course/dead/', scrollTo: ROOT, beforeBody: (page) => page.waitForSelector(`${ROOT}[data-status="ok"][data-step]`) });
const { withPage: withWidget } = suite;

const attr = (page, name) => page.getAttribute(ROOT, name);
const step = async (page) => Number(await attr(page, 'data-step'));
const dead = async (page) => Number(await attr(page, 'data-dead'));
const waitStep = (page, n) =>
  page.waitForFunction(([sel, n]) => Number(document.querySelector(sel).dataset.step) >= n, [ROOT, n], { timeout: 30000 });
const canvas = (page) => canvasStats(page, `${ROOT} canvas`);

describe('dead-relu', () => {
  test('starts paused at step 0 with a drawn figure and the key sentence', async () => {
    await withWidget('?lang=en', async (page) => {
      assert.equal(await step(page), 0);
      assert.equal(await attr(page, 'data-state'), 'paused');
      const s = await canvas(page);
      assert.ok(s.width >= 300 && s.ink / s.total > 0.05, `canvas ${s.width}x${s.height}, ink ${s.ink}`);
      assert.match(await page.textContent(`${ROOT} .key-number`), /^\d+% of hidden units are dead \(\d+ of 32\)/);
      // Only the learning rate, the activation and the depth are in sight.
      const shown = await page.$$eval(`${ROOT} .controls > [data-control]`, (els) => els.map((e) => e.dataset.control));
      assert.deepEqual(shown, ['lr', 'act', 'depth']);
      const folded = await page.$$eval(`${ROOT} details.more [data-control]`, (els) => els.map((e) => e.dataset.control));
      assert.deepEqual(folded, ['init', 'bias', 'opt', 'width', 'data', 'seed']);
    });
  });

  test('play makes the step counter rise and the picture change; pause stops it', async () => {
    await withWidget('', async (page) => {
      const before = await canvas(page);
      await page.click(`${ROOT} button.play`);
      await waitStep(page, 50);
      const a = await step(page);
      await waitStep(page, a + 30);
      assert.equal(await attr(page, 'data-state'), 'running');
      const after = await canvas(page);
      assert.notEqual(after.hash, before.hash, 'the figure changed while training');
      assert.match(await page.textContent(`${ROOT} button.play`), /Pause|暫停/);
      await page.click(`${ROOT} button.play`);
      await page.waitForSelector(`${ROOT}[data-state="paused"]`);
      const stopped = await step(page);
      await page.waitForTimeout(400);
      assert.equal(await step(page), stopped, 'paused: no more steps');
      // One step is one step.
      await page.click(`${ROOT} button.step`);
      await page.waitForFunction(([sel, n]) => Number(document.querySelector(sel).dataset.step) === n + 1, [ROOT, stopped]);
    });
  });

  test('at learning rate 10 units die (the tanh output keeps the loss finite), and reset recovers', async () => {
    await withWidget('?dead-relu.lr=10&lang=en', async (page) => {
      assert.equal(await page.inputValue(`${ROOT} input[name=lr]`), '1', 'the slider holds log10 of 10');
      const fresh = await dead(page);
      await page.click(`${ROOT} button.play`);
      await waitStep(page, 300);
      await page.click(`${ROOT} button.play`);
      await page.waitForSelector(`${ROOT}[data-state="paused"]`);
      const killed = await dead(page);
      // What the numbers do here (seed 8): from 2 of 32 units dead to 9 or more,
      // with the loss stuck where a constant output puts it (about 1).
      assert.ok(killed >= 0.25 && killed >= 3 * fresh, `dead share ${fresh} -> ${killed}`);
      const status = await page.textContent(`${ROOT} .status`);
      const loss = Number(status.match(/training loss (\S+)/)[1]);
      assert.ok(loss > 0.9 && loss < 1.1, status);
      assert.equal(await page.isVisible(`${ROOT} .diverged`), false, 'units died; nothing diverged');
      await page.click(`${ROOT} button.reset`);
      await page.waitForFunction((sel) => document.querySelector(sel).dataset.step === '0', ROOT);
      assert.equal(await dead(page), fresh, 'reset rebuilds the same network from the seed');
      assert.equal(await attr(page, 'data-state'), 'paused');
      assert.match(page.url(), /dead-relu\.lr=10/, 'reset keeps the settings');
    });
  });

  test('the learning rate changes without a reset; a structural change rebuilds', async () => {
    await withWidget('', async (page) => {
      await page.click(`${ROOT} button.play`);
      await waitStep(page, 100);
      await page.locator(`${ROOT} input[name=lr]`).fill('-2');
      const s = await step(page);
      await waitStep(page, s + 20);
      assert.ok((await step(page)) > s, 'kept its steps');
      await page.waitForFunction(() => /dead-relu\.lr=0\.01/.test(location.search));
      await page.locator(`${ROOT} input[name=depth]`).fill('6');
      await page.waitForFunction((sel) => Number(document.querySelector(sel).dataset.step) < 100, ROOT);
      await page.click(`${ROOT} button.play`);
    });
  });

  test('the presets tell the story in order, and each live run ends on its story’s number', async () => {
    await withWidget('?lang=en', async (page) => {
      await page.waitForSelector(`${ROOT}[data-presets="ready"]`, { timeout: 30000 });
      const presets = await page.$$eval(`${ROOT} button[data-preset]`, (bs) =>
        Object.fromEntries(bs.map((b) => [b.dataset.preset, Number(b.dataset.dead)])));
      console.log(`dead-relu presets in the browser: ${JSON.stringify(presets)}`);
      assert.ok(presets.high_lr > presets.healthy, 'too high a rate kills more units than the healthy start');
      assert.ok(presets.leaky < presets.high_lr, 'leaky ReLU: fewer dead than ReLU at the same rate');
      const stories = await page.$$eval(`${ROOT} .story`, (s) => s.map((x) => x.textContent));
      const pctOf = (x) => `${Math.round(100 * x)}%`;
      for (const [i, name] of ['healthy', 'high_lr', 'he', 'adagrad', 'leaky'].entries()) {
        assert.ok(stories[i].includes(pctOf(presets[name])), `${name}: ${stories[i]}`);
      }
      // The He and Adagrad stories compare with the too-high run in the words their numbers call for.
      const word = (a, b) => (a > b + 0.05 ? 'more than' : a < b - 0.05 ? 'fewer than' : 'about as many as');
      assert.ok(stories[2].includes(word(presets.he, presets.high_lr)), stories[2]);
      assert.ok(stories[3].includes(word(presets.adagrad, presets.high_lr)), stories[3]);

      for (const name of ['high_lr', 'leaky']) {
        await page.click(`${ROOT} button[data-preset="${name}"]`);
        await page.waitForFunction((sel) => {
          const d = document.querySelector(sel).dataset;
          return d.step === '1000' && d.state === 'paused';
        }, ROOT, { timeout: 30000 });
        assert.equal(await dead(page), presets[name], `${name}: the live run reproduces the story`);
      }
      assert.equal(await page.inputValue(`${ROOT} select[name=act]`), 'leaky_relu');
      assert.match(page.url(), /dead-relu\.lr=1(&|$)/);
      assert.match(page.url(), /dead-relu\.act=leaky_relu/);
      // Dead units are counted the same way in the sentence.
      assert.match(await page.textContent(`${ROOT} .key-number`), /^0% of hidden units are dead/);
    });
  });

  test('the stories and the figure speak Chinese', async () => {
    await withWidget('?lang=zh-TW', async (page) => {
      await page.waitForSelector(`${ROOT}[data-presets="ready"]`, { timeout: 30000 });
      const stories = await page.$$eval(`${ROOT} .story`, (s) => s.map((x) => x.textContent));
      assert.ok(stories.every((s) => CJK.test(s) && /\d+%/.test(s)), stories.join(' | '));
      assert.match(await page.textContent(`${ROOT} .key-number`), /的隱藏層神經元已死亡/);
      assert.match(await page.getAttribute(`${ROOT} canvas`, 'aria-label'), /死亡/);
    });
  });

  test('embedded alone, with bare names', async () => {
    await withWidget('?embed=dead-relu&lr=0.3&depth=3', async (page) => {
      assert.equal(await page.isVisible('[data-widget="curves"]'), false);
      assert.equal(await page.inputValue(`${ROOT} input[name=depth]`), '3');
      assert.match(await page.textContent(`${ROOT} .key-number`), /of 24\)/);
    });
  });
});
