// End-to-end tests of the `linearity` and `zigzag` widgets in the release
// build (issue 8): their sliders change the picture and the key number,
// identity collapses, ReLU cuts the plane, zero-centred inputs arrive first,
// a diverging run says so and reset recovers, the points move by pointer;
// no console error, no request outside the origin. Prints the median redraw
// time after a slider change for the note.
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { canvasStats } from './browser.mjs';
import { drawnAfter, frames, pageSuite, widget as W } from './harness.mjs';


const suite = pageSuite({ prefix: '/deep/course/path/' });
const { withPage } = suite;

const keyValue = (page, id) => page.getAttribute(`${W(id)} .key-value`, 'data-value');

/**
 * The page position (CSS pixels) of data point [x, y] on a widget's plane,
 * from the map its canvas publishes in `data-plane`.
 */
async function at(page, id, [x, y]) {
  const canvas = page.locator(`${W(id)} canvas`);
  const box = await canvas.boundingBox();
  const [l, t, r, b, x0, x1, y0, y1, w] = await canvas.evaluate((c) => [...c.dataset.plane.split(',').map(Number), c.width]);
  const k = box.width / w; // canvas pixels to CSS pixels
  return [box.x + k * (l + ((x - x0) / (x1 - x0)) * (r - l)), box.y + k * (b - ((y - y0) / (y1 - y0)) * (b - t))];
}

/** Sets a slider and waits until the widget has drawn again. */
async function slide(page, id, name, value) {
  const before = await frames(page, id);
  await page.locator(`${W(id)} input[name=${name}]`).fill(String(value));
  await drawnAfter(page, id, before);
}

/** Waits until the widget has stopped replaying and redrawing. */
async function settled(page, id) {
  let last = -1;
  for (;;) {
    const now = await frames(page, id);
    if (now === last) return;
    last = now;
    await page.waitForTimeout(250);
  }
}

/**
 * The median time of the widget's draw after a slider change, as the page
 * measures it (`data-draw-ms`, performance.now around Widget::draw).
 */
async function redrawMs(page, id, name, values) {
  const times = [];
  for (const v of values) {
    const before = await frames(page, id);
    await page.$eval(`${W(id)} input[name=${name}]`, (input, v) => {
      input.value = String(v);
      input.dispatchEvent(new Event('input', { bubbles: true }));
    }, v);
    await drawnAfter(page, id, before);
    times.push(Number(await page.getAttribute(W(id), 'data-draw-ms')));
  }
  times.sort((a, b) => a - b);
  return times[Math.floor(times.length / 2)];
}

describe('linearity', () => {
  test('draws the plane; the depth slider changes the picture and the region count', async () => {
    await withPage('?lang=en', async (page) => {
      const root = page.locator(W('linearity'));
      await root.scrollIntoViewIfNeeded();
      assert.equal(await root.getAttribute('data-status'), 'ok');
      const s0 = await canvasStats(page, `${W('linearity')} canvas`);
      assert.ok(s0.ink / s0.total > 0.2, `only ${s0.ink} of ${s0.total} pixels drawn`);
      // ReLU, depth 3, width 8 by default: more than 20 regions.
      const regions = Number(await keyValue(page, 'linearity'));
      assert.ok(regions > 20, `${regions} regions`);
      assert.match(await page.textContent(`${W('linearity')} .shape-text`), /1 \+ n \+ n\(n − 1\)\/2 = 37/);
      await slide(page, 'linearity', 'depth', 6);
      const s1 = await canvasStats(page, `${W('linearity')} canvas`);
      assert.notEqual(s1.hash, s0.hash, 'the picture changed');
      const deeper = Number(await keyValue(page, 'linearity'));
      assert.notEqual(deeper, regions, 'the key number changed');
      await page.waitForFunction(() => /linearity\.depth=6/.test(location.search));
    });
  });

  test('with identity, any depth is one affine map to within 1e-9', async () => {
    await withPage('?linearity.act=identity', async (page) => {
      for (const depth of [1, 5, 12]) {
        await slide(page, 'linearity', 'depth', depth);
        const dev = Number(await keyValue(page, 'linearity'));
        assert.ok(Number.isFinite(dev) && dev < 1e-9, `depth ${depth}: max deviation ${dev}`);
        assert.match(await page.textContent(`${W('linearity')} .shape-text`), /one affine map: y = /);
      }
      assert.equal(await page.isVisible(`${W('linearity')} .borders-note`), false, 'no regions, no borders note');
    });
  });

  test('tapping the plane moves the nearer point, and A and B on one spot share one map', async () => {
    await withPage('?linearity.ax=-1.5&linearity.ay=1.5&linearity.bx=1.5&linearity.by=-1.5', async (page) => {
      const canvas = page.locator(`${W('linearity')} canvas`);
      await canvas.scrollIntoViewIfNeeded();
      const maps0 = await page.$$eval(`${W('linearity')} .maps li`, (l) => l.map((x) => x.textContent));
      assert.equal(maps0.length, 2);
      assert.match(maps0[0], /A = \(−1\.5, 1\.5\): y = /);
      // A tap at (1, -1) moves B (the nearer one) there, not A.
      const [px, py] = await at(page, 'linearity', [1, -1]);
      await page.mouse.click(px, py);
      await page.waitForFunction(() => Math.abs(Number(new URLSearchParams(location.search).get('linearity.bx')) - 1) <= 0.02);
      const q = new URL(page.url()).searchParams;
      assert.ok(Math.abs(Number(q.get('linearity.bx')) - 1) <= 0.02 && Math.abs(Number(q.get('linearity.by')) + 1) <= 0.02, page.url());
      assert.equal(q.get('linearity.ax'), '-1.5');
      const maps1 = await page.$$eval(`${W('linearity')} .maps li`, (l) => l.map((x) => x.textContent));
      assert.equal(maps1[0], maps0[0]);
      assert.notEqual(maps1[1], maps0[1]);
      assert.ok(['same', 'differ'].includes(await page.getAttribute(`${W('linearity')} .compare-text`, 'data-maps')));
    });
    await withPage('?linearity.ax=0.5&linearity.ay=0.5&linearity.bx=0.5&linearity.by=0.5', async (page) => {
      assert.equal(await page.getAttribute(`${W('linearity')} .compare-text`, 'data-maps'), 'same');
    });
    await withPage('?linearity.ax=-1.9&linearity.ay=-1.9&linearity.bx=1.9&linearity.by=1.9', async (page) => {
      assert.equal(await page.getAttribute(`${W('linearity')} .compare-text`, 'data-maps'), 'differ');
    });
  });

  test('a huge network is capped and says so; tanh has no regions', async () => {
    await withPage('?linearity.depth=12&linearity.width=16', async (page) => {
      const text = await page.textContent(`${W('linearity')} .key-value`);
      const count = Number(await keyValue(page, 'linearity'));
      assert.ok(count > 600 ? text === '> 600' : text === String(count), `${text} for ${count}`);
      const s = await canvasStats(page, `${W('linearity')} canvas`);
      assert.ok(s.ink / s.total > 0.2);
    });
    await withPage('?linearity.act=tanh', async (page) => {
      assert.equal(await keyValue(page, 'linearity'), '');
      assert.match(await page.textContent(`${W('linearity')} .key-label`), /no linear regions/);
    });
  });

  test('median redraw after a depth change', async () => {
    await withPage('', async (page) => {
      await page.locator(W('linearity')).scrollIntoViewIfNeeded();
      const ms = await redrawMs(page, 'linearity', 'depth', [2, 3, 4, 3, 2, 3, 4, 3, 2, 3, 4]);
      console.log(`linearity: median draw after a depth change ${ms.toFixed(1)} ms (depth 2-4, width 8)`);
      assert.ok(ms > 0);
    });
  });
});

describe('zigzag', () => {
  test('zero-centred inputs reach the optimum in fewer steps; every positive step has one sign', async () => {
    await withPage('?lang=en', async (page) => {
      const root = page.locator(W('zigzag'));
      await root.scrollIntoViewIfNeeded();
      assert.equal(await root.getAttribute('data-status'), 'ok');
      const sel = `${W('zigzag')} .compare-text`;
      const pos = Number(await page.getAttribute(sel, 'data-positive'));
      const cen = Number(await page.getAttribute(sel, 'data-centred'));
      assert.ok(Number.isInteger(pos) && Number.isInteger(cen), `${pos} ${cen}`);
      assert.ok(cen < pos, `centred ${cen} vs positive ${pos}`);
      assert.equal(Number(await keyValue(page, 'zigzag')), pos, 'all-positive inputs by default');
      const sign = await page.textContent(`${W('zigzag')} .sign-text`);
      const [, same, steps] = sign.match(/(\d+) of (\d+) steps/);
      assert.equal(same, steps, sign);
      await page.selectOption(`${W('zigzag')} select[name=inputs]`, 'centred');
      await page.waitForFunction((n) => document.querySelector('[data-widget="zigzag"] .key-value').dataset.value === String(n), cen);
      const [, same2, steps2] = (await page.textContent(`${W('zigzag')} .sign-text`)).match(/(\d+) of (\d+) steps/);
      assert.ok(Number(same2) < Number(steps2), 'centred inputs move the weights apart on some steps');
    });
  });

  test('the learning-rate slider changes the picture and the key number', async () => {
    await withPage('', async (page) => {
      await page.locator(W('zigzag')).scrollIntoViewIfNeeded();
      await settled(page, 'zigzag');
      const s0 = await canvasStats(page, `${W('zigzag')} canvas`);
      const k0 = await keyValue(page, 'zigzag');
      await slide(page, 'zigzag', 'lr', -1); // 0.1
      await settled(page, 'zigzag');
      const s1 = await canvasStats(page, `${W('zigzag')} canvas`);
      assert.notEqual(s1.hash, s0.hash);
      assert.notEqual(await keyValue(page, 'zigzag'), k0);
      await page.waitForFunction(() => /zigzag\.lr=0\.1(&|$)/.test(location.search));
    });
  });

  test('too high a learning rate diverges at a step, shown as such; reset recovers', async () => {
    await withPage('?zigzag.lr=10', async (page) => {
      await page.locator(W('zigzag')).scrollIntoViewIfNeeded();
      await settled(page, 'zigzag');
      assert.match(await keyValue(page, 'zigzag'), /^diverged:\d+$/);
      assert.match(await page.textContent(`${W('zigzag')} .sign-text`), /Diverged at step \d+/);
      const s = await canvasStats(page, `${W('zigzag')} canvas`);
      assert.ok(s.ink / s.total > 0.2, 'not a blank canvas');
      await page.click(`${W('zigzag')} button.reset`);
      await page.waitForFunction(() => /^\d+$/.test(document.querySelector('[data-widget="zigzag"] .key-value').dataset.value));
      await page.waitForFunction(() => !/zigzag\.lr/.test(location.search));
      const lr = Number(await page.inputValue(`${W('zigzag')} input[name=lr]`));
      assert.ok(Math.abs(lr - Math.log10(0.5)) < 0.03, `slider at ${lr}`);
    });
  });

  test('dragging on the chart moves the start, and the path follows', async () => {
    await withPage('', async (page) => {
      const canvas = page.locator(`${W('zigzag')} canvas`);
      await canvas.scrollIntoViewIfNeeded();
      await settled(page, 'zigzag');
      const k0 = await keyValue(page, 'zigzag');
      // From the start (-2, 2) to (2, 2.5).
      const [x0, y0] = await at(page, 'zigzag', [-2, 2]);
      const [x1, y1] = await at(page, 'zigzag', [2, 2.5]);
      await page.mouse.move(x0, y0);
      await page.mouse.down();
      await page.mouse.move(x1, y1, { steps: 8 });
      await page.mouse.up();
      await page.waitForFunction(() => /zigzag\.startx=/.test(location.search));
      await page.waitForTimeout(400); // the address is written at most every 300 ms
      const q = new URL(page.url()).searchParams;
      const [sx, sy] = [Number(q.get('zigzag.startx')), Number(q.get('zigzag.starty'))];
      assert.ok(Math.abs(sx - 2) <= 0.03 && Math.abs(sy - 2.5) <= 0.03, `start (${sx}, ${sy})`);
      assert.notEqual(await keyValue(page, 'zigzag'), k0);
    });
  });

  test('median redraw after a learning-rate change', async () => {
    await withPage('', async (page) => {
      await page.locator(W('zigzag')).scrollIntoViewIfNeeded();
      const ms = await redrawMs(page, 'zigzag', 'lr', [-1, -0.5, -0.3, -0.5, -1, -0.3, -0.5, -1, -0.3, -0.5, -1]);
      console.log(`zigzag: median draw after a learning-rate change ${ms.toFixed(1)} ms`);
      assert.ok(ms > 0);
    });
  });
});
