// Times one redraw of each widget after a slider change, in headless
// Chromium on the release build: for every widget, its first slider is
// moved back and forth, and the page's own measure of the draw that
// follows (data-draw-ms, performance.now around Widget::draw) is collected,
// plus the time from the input event to the frame's end. Prints medians;
// asserts nothing (timings are benchmarks, not tests).
//   scripts/check build && node scripts/bench-redraw.mjs [dist] [moves]
import { launch, open } from '../tests/e2e/browser.mjs';
import { serve } from '../tests/e2e/server.mjs';

const dist = process.argv[2] ?? 'dist';
const moves = Number(process.argv[3] ?? 21);
const server = await serve(dist);
const browser = await launch();
const median = (v) => [...v].sort((a, b) => a - b)[Math.floor(v.length / 2)];
try {
  const { page, close } = await open(browser, server.url + '?lang=en');
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
      const draw = [];
      const total = [];
      for (let i = 0; i < moves; i += 1) {
        const n = Number(root.dataset.frames);
        const v = i % 2 ? lo + st : Math.min(hi, lo + 2 * st);
        const t0 = performance.now();
        s.value = String(v);
        s.dispatchEvent(new Event('input', { bubbles: true }));
        while (Number(root.dataset.frames) === n) await frame();
        total.push(performance.now() - t0);
        draw.push(Number(root.dataset.drawMs));
      }
      return { draw, total, control: s.name };
    }, { id, sel, moves });
    rows.push({ id, control: r.control, draw_ms: median(r.draw), to_frame_ms: median(r.total) });
  }
  await close();
  console.table(rows);
  console.log(JSON.stringify(rows));
} finally {
  await browser.close();
  await server.close();
}
