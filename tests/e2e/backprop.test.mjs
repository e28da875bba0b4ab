// End-to-end tests of the `backprop` widget in Debian's Chromium: the
// sliders change the picture and the key number, the steps move through the
// pass, the sample can be dragged, and the numbers the page shows equal a
// backward pass written here in JavaScript, independently of the Rust core,
// on the weights the page publishes.
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { canvasStats, open } from './browser.mjs';
import { drawnAfter as drawnAfterOf, frames as framesOf, pageSuite } from './harness.mjs';

const ROOT = '[data-widget="backprop"]';
const CANVAS = `${ROOT} canvas.diagram`;
const CJK = /[\u4e00-\u9fff]/;
/** The canvas's border (CSS px): the published positions are inside it. */
const BORDER = 1;

const suite = pageSuite({ prefix: '/deep/course/path/', scrollTo: CANVAS });
const { withPage } = suite;

const frames = (page) => framesOf(page, 'backprop');
const key = (page) => page.$eval(`${ROOT} .key-number`, (e) => ({
  text: e.textContent, loss: Number(e.dataset.loss), after: Number(e.dataset.lossAfter),
}));
const net = async (page) => JSON.parse(await page.getAttribute(CANVAS, 'data-net'));
const SUP = '⁰¹²³⁴⁵⁶⁷⁸⁹';
/** A number as the page writes it: `−0.1235`, or `−9.708 × 10⁻⁷`. */
function num(s) {
  const t = s.trim().replace(/[()]/g, '').replace(/−/g, '-');
  const sci = t.match(/^(-?[\d.]+) × 10(⁻?)([⁰¹²³⁴⁵⁶⁷⁸⁹]+)$/);
  if (!sci) return Number(t);
  const e = Number([...sci[3]].map((c) => SUP.indexOf(c)).join(''));
  return Number(sci[1]) * 10 ** (sci[2] ? -e : e);
}

/** Waits until the widget has drawn more than `n` frames. */
const drawnAfter = (page, n) => drawnAfterOf(page, 'backprop', n);

/**
 * One sample's forward and backward pass, written from the definitions:
 * z = W a + b, a = f(z) (sigmoid at the output), L = ½ (y − t)²,
 * δ_out = (y − t) σ′(z), δ = f′(z) Wᵀ δ_next, ∂L/∂W = δ aᵀ.
 */
function backprop(n) {
  const sig = (z) => 1 / (1 + Math.exp(-z));
  const acts = {
    sigmoid: [sig, (z) => sig(z) * (1 - sig(z))],
    tanh: [Math.tanh, (z) => 1 - Math.tanh(z) ** 2],
    identity: [(z) => z, () => 1],
  };
  const [f, df] = acts[n.act];
  const L = n.sizes.length - 1;
  const a = [n.x];
  const zs = [];
  for (let l = 0; l < L; l++) {
    const [nIn, nOut] = [n.sizes[l], n.sizes[l + 1]];
    const z = [];
    for (let j = 0; j < nOut; j++) {
      let s = n.b[l][j];
      for (let i = 0; i < nIn; i++) s += n.w[l][j * nIn + i] * a[l][i];
      z.push(s);
    }
    zs.push(z);
    a.push(z.map(l === L - 1 ? sig : f));
  }
  const y = a[L][0];
  let delta = [(y - n.t) * y * (1 - y)];
  const gw = [];
  const gb = [];
  for (let l = L - 1; l >= 0; l--) {
    const nIn = n.sizes[l];
    gw[l] = [];
    gb[l] = delta.slice();
    for (let j = 0; j < delta.length; j++) for (let i = 0; i < nIn; i++) gw[l][j * nIn + i] = delta[j] * a[l][i];
    if (l > 0) {
      delta = Array.from({ length: nIn }, (_, i) => {
        let s = 0;
        for (let j = 0; j < delta.length; j++) s += n.w[l][j * nIn + i] * delta[j];
        return s * df(zs[l - 1][i]);
      });
    }
  }
  return { y, loss: 0.5 * (y - n.t) ** 2, gw, gb };
}

/** The loss after one SGD step with the page's learning rate. */
function lossAfterStep(n) {
  const { gw, gb } = backprop(n);
  const w = n.w.map((row, l) => row.map((v, k) => v - n.lr * gw[l][k]));
  const b = n.b.map((row, l) => row.map((v, k) => v - n.lr * gb[l][k]));
  return backprop({ ...n, w, b }).loss;
}

const close = (got, want, rel, what) =>
  assert.ok(Math.abs(got - want) <= rel * Math.abs(want) + 1e-15, `${what}: page ${got}, here ${want}`);

describe('the backprop widget', () => {
  test('draws a diagram whose key number is the loss before and after one update, as computed here', async () => {
    await withPage('?lang=en', async (page) => {
      assert.equal(await page.getAttribute(ROOT, 'data-status'), 'ok');
      const s = await canvasStats(page, CANVAS);
      assert.ok(s.width >= 300 && s.height >= 300, `canvas ${s.width}x${s.height}`);
      assert.ok(s.ink / s.total > 0.01, `only ${s.ink} of ${s.total} pixels drawn`);
      const n = await net(page);
      assert.deepEqual(n.sizes, [2, 3, 3, 1]);
      const k = await key(page);
      close(k.loss, backprop(n).loss, 1e-12, 'loss');
      close(k.after, lossAfterStep(n), 1e-9, 'loss after one step');
      assert.ok(k.after < k.loss, 'one step on the sample lowers its loss');
      assert.match(k.text, /learning rate 0\.5 takes the loss from/);
    });
  });

  test('the depth and learning-rate sliders change the picture and the key number', async () => {
    await withPage('?lang=en', async (page) => {
      const depth = page.locator(`${ROOT} input[name=depth]`);
      assert.equal(await depth.inputValue(), '2');
      let n0 = await frames(page);
      const k0 = await key(page);
      const s0 = await canvasStats(page, CANVAS);
      await depth.fill('5');
      await drawnAfter(page, n0);
      await page.waitForFunction(() => /backprop\.depth=5/.test(location.search));
      const k1 = await key(page);
      assert.notEqual(k1.after, k0.after, 'a deeper network, another loss');
      assert.notEqual((await canvasStats(page, CANVAS)).hash, s0.hash, 'the picture changed');
      const deep = await net(page);
      assert.deepEqual(deep.sizes, [2, 3, 3, 3, 3, 3, 1]);
      close(k1.after, lossAfterStep(deep), 1e-9, 'loss after one step, depth 5');

      // The learning-rate slider moves in powers of ten: −2 is 0.01.
      const lr = page.locator(`${ROOT} input[name=lr]`);
      n0 = await frames(page);
      await lr.fill('-2');
      await drawnAfter(page, n0);
      await page.waitForFunction(() => /backprop\.lr=0\.01(&|$)/.test(location.search));
      const k2 = await key(page);
      assert.equal(k2.loss, k1.loss, 'the learning rate acts only at the update');
      assert.notEqual(k2.after, k1.after);
      assert.ok(Math.abs(k2.after - k2.loss) < Math.abs(k1.after - k1.loss), 'a smaller step changes the loss less');
      close(k2.after, lossAfterStep(await net(page)), 1e-9, 'loss after one step, lr 0.01');
      assert.equal(await page.textContent(`${ROOT} output.lr-value`), '0.01');
    });
  });

  test('a clicked weight shows its gradient as a chain, equal to the backward pass computed here', async () => {
    // Depth 2: stages 0 start, 1-3 forward, 4 loss, 5-7 backward (7 is layer 1), 8 update.
    await withPage('?lang=en&backprop.stage=7', async (page) => {
      const layout = JSON.parse(await page.getAttribute(CANVAS, 'data-layout'));
      // The weight from input x1 to unit 2 of hidden layer 1: 40% of the way along its edge.
      const [from, to] = [layout[0][0], layout[1][1]];
      const box = await page.locator(CANVAS).boundingBox();
      const at = (t) => [box.x + BORDER + from[0] + t * (to[0] - from[0]), box.y + BORDER + from[1] + t * (to[1] - from[1])];
      await page.mouse.click(...at(0.4));
      await page.waitForSelector(`${ROOT} .chain[data-edge="0,1,0"]`);
      const n = await net(page);
      const want = backprop(n).gw[0][1 * 2 + 0];
      const grad = Number(await page.getAttribute(`${ROOT} .chain`, 'data-grad'));
      close(grad, want, 1e-12, '∂L/∂w of x1 → hidden 1 unit 2');
      // The written chain: its first line ends with the product, to 4 significant digits.
      const lines = await page.$$eval(`${ROOT} .chain .formula`, (p) => p.map((x) => x.textContent));
      assert.match(lines[0], /^∂L\/∂w⁽¹⁾₂₁ = δ⁽¹⁾₂ · x₁ = /);
      const shown = num(lines[0].split(' = ').at(-1));
      close(shown, want, 5e-4, 'the written product');
      // Written as δ × x₁ with the sample's x₁.
      assert.ok(lines[0].includes(` × ${n.x[0]} = `), lines[0]);
      assert.match(await page.textContent(`${ROOT} .chain .check`), /differs from it by 0\./);
      // The picture marks the pick; a second click there clears it.
      await page.mouse.click(...at(0.4));
      await page.waitForFunction((sel) => !document.querySelector(sel).dataset.edge, `${ROOT} .chain`);
      // The keyboard reaches every weight too: the first is x1 → hidden 1 unit 1.
      await page.focus(CANVAS);
      await page.keyboard.press('ArrowRight');
      await page.waitForSelector(`${ROOT} .chain[data-edge="0,0,0"]`);
      close(Number(await page.getAttribute(`${ROOT} .chain`, 'data-grad')), backprop(n).gw[0][0], 1e-12, 'first weight');
    });
  });

  test('the step buttons walk the pass, Play runs on by itself, and the link keeps the step', async () => {
    await withPage('?lang=en', async (page) => {
      const label = () => page.getAttribute(CANVAS, 'aria-label');
      assert.match(await label(), /Start/);
      await page.click(`${ROOT} button[data-action=next]`);
      await page.waitForFunction(() => /backprop\.stage=1(&|$)/.test(location.search));
      assert.match(await label(), /Forward pass, layer 1 of 3/);
      await page.click(`${ROOT} button[data-action=prev]`);
      await page.waitForFunction(() => !/backprop\.stage=/.test(location.search));
      const play = page.locator(`${ROOT} button[data-action=play]`);
      await play.click();
      assert.equal(await play.getAttribute('aria-pressed'), 'true');
      assert.equal(await play.textContent(), 'Pause');
      await page.waitForFunction(() => /backprop\.stage=([2-8])/.test(location.search), null, { timeout: 15000 });
      await play.click();
      assert.equal(await play.getAttribute('aria-pressed'), 'false');
      // The address is written at most every 300 ms: wait until it holds the stage shown.
      await page.waitForFunction((sel) => new URL(location.href).searchParams.get('backprop.stage') === document.querySelector(sel).value, `${ROOT} input[name=stage]`);
      const stage = Number(new URL(page.url()).searchParams.get('backprop.stage'));
      // A fresh page opened on this link shows the same stage.
      const { page: p2, close: close2 } = await open(suite.browser, page.url());
      assert.equal(await p2.getAttribute(CANVAS, 'aria-label'), await label());
      await close2();
      await page.click(`${ROOT} button[data-action=reset]`);
      await page.waitForFunction(() => !/backprop\.stage=/.test(location.search));
      assert.ok(stage >= 2);
    });
  });

  test('dragging on the input plane moves the sample', async () => {
    await withPage('?lang=en', async (page) => {
      const plane = page.locator(`${ROOT} canvas.plane`);
      await plane.scrollIntoViewIfNeeded();
      const box = await plane.boundingBox();
      const k0 = await key(page);
      const n0 = await frames(page);
      // Press near the top-left corner (x1 < 0, x2 > 0) and drag towards the middle.
      await page.mouse.move(box.x + box.width * 0.3, box.y + box.height * 0.2);
      await page.mouse.down();
      await page.mouse.move(box.x + box.width * 0.35, box.y + box.height * 0.25, { steps: 4 });
      await page.mouse.up();
      await drawnAfter(page, n0);
      await page.waitForFunction(() => /backprop\.xone=-0\.\d+.*backprop\.xtwo=0\.\d+/.test(location.search));
      const n = await net(page);
      assert.ok(n.x[0] < 0 && n.x[1] > 0, `sample ${n.x}`);
      const k1 = await key(page);
      assert.notEqual(k1.loss, k0.loss);
      close(k1.loss, backprop(n).loss, 1e-12, 'loss at the dragged sample');
      // Arrow keys move it too, by 0.05.
      await plane.focus();
      await page.keyboard.press('ArrowRight');
      await page.waitForFunction((x) => JSON.parse(document.querySelector('[data-widget="backprop"] canvas.diagram').dataset.net).x[0] > x + 0.04, n.x[0]);
    });
  });

  test('in Chinese, the key sentence, the stage and the chain are Chinese', async () => {
    await withPage('?lang=zh-TW&backprop.stage=4', async (page) => {
      assert.match((await key(page)).text, CJK);
      assert.match(await page.getAttribute(CANVAS, 'aria-label'), /損失/);
      assert.match(await page.textContent(`${ROOT} .chain`), /連鎖律/);
      assert.match(await page.textContent(`${ROOT} button[data-action=next]`), /下一步/);
    });
  });

  test('embedded alone, it reads and writes its bare names', async () => {
    await withPage('?embed=backprop&depth=4&lr=0.1&lang=en', async (page) => {
      const shown = await page.$$eval('[data-widget]', (els) => els.filter((e) => !e.hidden).map((e) => e.dataset.widget));
      assert.deepEqual(shown, ['backprop']);
      const n = await net(page);
      assert.deepEqual([n.sizes.length, n.lr], [6, 0.1]);
      await page.click(`${ROOT} button[data-action=next]`);
      await page.waitForFunction(() => /[?&]stage=1(&|$)/.test(location.search));
      assert.doesNotMatch(page.url(), /backprop\./);
    });
  });

  test('a link with values out of range is clamped with notices, and still draws', async () => {
    await withPage('?lang=en&backprop.depth=40&backprop.lr=1e9&backprop.xone=abc', async (page) => {
      const notices = await page.$$eval(`${ROOT} .notice`, (n) => n.map((x) => x.textContent));
      assert.equal(notices.length, 3, notices.join(' | '));
      assert.deepEqual((await net(page)).sizes.length, 2 + 6);
      assert.equal((await net(page)).lr, 10);
      const s = await canvasStats(page, CANVAS);
      assert.ok(s.ink / s.total > 0.01);
    });
  });
});
