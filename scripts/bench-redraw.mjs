// Times one redraw of each widget after a slider change, in headless
// Chromium on the release build: for every widget, its first slider is
// moved one step from its default and back, and the page's own measure of the draw that
// follows (data-draw-ms, performance.now around Widget::draw) is added to
// the time the input handler took (it may recompute the model): work_ms is
// the main-thread cost of one slider change. to_frame_ms also counts the
// wait for the next animation frame. Prints medians;
// asserts nothing (timings are benchmarks, not tests).
//   scripts/check build && node scripts/bench-redraw.mjs [dist] [moves] [query]
// (a query such as '&vanishing.depth=64&vanishing.width=32' times a heavy setting)
import { launch, open } from '../tests/e2e/browser.mjs';
import { serve } from '../tests/e2e/server.mjs';

const dist = process.argv[2] ?? 'dist';
const moves = Number(process.argv[3] ?? 21);
const extra = process.argv[4] ?? '';
const server = await serve(dist);
const browser = await launch();
const median = (v) => [...v].sort((a, b) => a - b)[Math.floor(v.length / 2)];
try {
  const { page, close } = await open(browser, server.url + '?lang=en' + extra);
  const ids = await page.$$eval('[data-widget]', (els) => els.map((e) => e.dataset.widget));
  const rows = [];
  for (const id of ids) {
    const sel = `[data-widget="${id}"] input[type=range]`;
    if (!(await page.$(sel))) {
      rows.push({ id, note: 'no slider' });
      continue;
    }
    await page.locator(`[data-widget="${id}"]`).scrollIntoViewIfNeeded();
    const r = await page.evaluate(async ({ id, sel, moves }) => {
      const root = document.querySelector(`[data-widget="${id}"]`);
      const s = document.querySelector(sel);
      const [lo, hi, st] = [Number(s.min), Number(s.max), Number(s.step) || 1];
      const frame = () => new Promise((ok) => requestAnimationFrame(() => ok()));
      // Around the widget's default: one step up and back (or down, at the top).
      const v0 = Number(s.value);
      const v1 = v0 + st <= hi ? v0 + st : v0 - st;
      const draw = [];
      const handler = [];
      const total = [];
      for (let i = 0; i < moves; i += 1) {
        const n = Number(root.dataset.frames);
        // Always a different value, so every move is a real change.
        const v = Number(s.value) === v0 ? v1 : v0;
        const t0 = performance.now();
        s.value = String(v);
        s.dispatchEvent(new Event('input', { bubbles: true }));
        // The handler runs inside dispatchEvent: whatever it recomputes counts too.
        handler.push(performance.now() - t0);
        for (let k = 0; k < 300 && Number(root.dataset.frames) === n; k += 1) await frame();
        if (Number(root.dataset.frames) === n) return { error: `no redraw after ${s.name} = ${v}` };
        total.push(performance.now() - t0);
        draw.push(Number(root.dataset.drawMs));
      }
      return { draw, handler, work: draw.map((d, i) => d + handler[i]), total, control: s.name };
    }, { id, sel, moves });
    if (r.error) rows.push({ id, note: r.error });
    else rows.push({ id, control: r.control, handler_ms: median(r.handler), draw_ms: median(r.draw), work_ms: median(r.work), to_frame_ms: median(r.total) });
  }
  await close();
  console.table(rows);
  console.log(JSON.stringify(rows));
} finally {
  await browser.close();
  await server.close();
}
