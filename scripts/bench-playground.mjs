// Measures the `playground` widget training live in headless Chromium:
// frames per second and main-thread milliseconds per frame for the default,
// heavy and compare configurations, and (behind --memory) wasm memory and the
// JS heap after a forced garbage collection over a long run. Prints numbers,
// asserts nothing. Target: 60 fps and at most 8 ms of main-thread work per
// frame on the heavy configuration (TensorFlow Playground: 25 fps, 41 ms).
//
//   trunk build --release && node scripts/bench-playground.mjs
//   DIST=/path/to/dist node scripts/bench-playground.mjs --seconds=10
//   node scripts/bench-playground.mjs --memory=10      # 10 minutes, heavy config
import { launch, open } from '../tests/e2e/browser.mjs';
import { serve } from '../tests/e2e/server.mjs';

const arg = (name, fallback) => {
  const a = process.argv.find((x) => x.startsWith(`--${name}`));
  if (!a) return fallback;
  const v = a.split('=')[1];
  return v === undefined ? true : Number(v);
};
const SECONDS = arg('seconds', 5);
const MEMORY_MINUTES = arg('memory', 0) === true ? 10 : arg('memory', 0);

// Embedded (`?embed=playground`): only this widget on the page, its controls under bare names.
const HEAVY = 'data=spiral&depth=6&width=8&act=tanh&batch=10&lr=0.03&epochs=1';
const CONFIGS = [
  ['default', ''],
  ['heavy', HEAVY],
  ['compare', `${HEAVY}&compare=1&versus=relu`],
];

/** Opens the widget alone with `query`, with the wasm memory made reachable. */
async function openWidget(browser, server, query) {
  const { page, log, close } = await open(browser, `${server.url}?embed=playground&lang=en&${query}`, {
    viewport: { width: 1100, height: 1300 },
  });
  return { page, log, close };
}

/** Counts animation frames in the page from now on (one rAF loop of its own, cheap). */
function startFrameCounter(page) {
  return page.evaluate(() => {
    window.__frames = [];
    const tick = (t) => {
      window.__frames.push(t);
      if (window.__counting) requestAnimationFrame(tick);
    };
    window.__counting = true;
    requestAnimationFrame(tick);
  });
}

async function metrics(cdp) {
  const { metrics: m } = await cdp.send('Performance.getMetrics');
  return Object.fromEntries(m.map((x) => [x.name, x.value]));
}

const stepOf = (page) => page.$eval('[data-widget="playground"]', (e) => Number(e.dataset.step ?? 0));

async function measure(browser, server, name, query) {
  const { page, close } = await openWidget(browser, server, query);
  try {
    const cdp = await page.context().newCDPSession(page);
    await cdp.send('Performance.enable', { timeDomain: 'timeTicks' });
    await page.click('.pg-play');
    await page.waitForTimeout(1500); // warm-up: the engine swaps in optimised code
    await page.evaluate(() => {
      window.__long = [];
      new PerformanceObserver((l) => window.__long.push(...l.getEntries().map((e) => e.duration))).observe({ entryTypes: ['longtask'] });
    });
    const step0 = await stepOf(page);
    const m0 = await metrics(cdp);
    await startFrameCounter(page);
    await page.waitForTimeout(SECONDS * 1000);
    const m1 = await metrics(cdp);
    const step1 = await stepOf(page);
    const { frames, long, train, batch } = await page.evaluate(() => {
      window.__counting = false;
      return {
        frames: window.__frames,
        long: window.__long,
        train: Number(document.querySelector('[data-widget="playground"]').dataset.points),
        batch: Number(document.querySelector('input[name=batch]').value),
      };
    });
    const spanMs = frames[frames.length - 1] - frames[0];
    const n = frames.length - 1;
    const gaps = frames.slice(1).map((t, i) => t - frames[i]).sort((a, b) => a - b);
    const fps = (1000 * n) / spanMs;
    const busy = (k) => ((m1[k] - m0[k]) * 1000) / n;
    const still = await page.$eval('[data-widget="playground"]', (e) => e.dataset.status);
    // Steps per epoch: training points / batch (the ratio is 50%, so half the points train).
    const epochs = ((step1 - step0) / n) / (train / 2 / batch);
    const row = {
      config: name,
      fps: +fps.toFixed(1),
      main_ms_per_frame: +busy('TaskDuration').toFixed(2),
      script_ms_per_frame: +busy('ScriptDuration').toFixed(2),
      layout_style_ms_per_frame: +(busy('LayoutDuration') + busy('RecalcStyleDuration')).toFixed(2),
      p95_frame_gap_ms: +gaps[Math.floor(0.95 * gaps.length)].toFixed(1),
      long_tasks: long.length,
      steps_per_frame: +((step1 - step0) / n).toFixed(1),
      epochs_per_frame: +epochs.toFixed(2),
      status: still,
    };
    return row;
  } finally {
    await close();
  }
}

async function memoryRun(browser, server, minutes) {
  const { page, close } = await openWidget(browser, server, HEAVY);
  try {
    const cdp = await page.context().newCDPSession(page);
    const sample = async () => {
      await cdp.send('HeapProfiler.collectGarbage');
      const heap = await cdp.send('Runtime.getHeapUsage');
      const wasm = await page.evaluate(() => window.__wasmMemory?.buffer.byteLength ?? NaN);
      return { js_heap_mib: +(heap.usedSize / 2 ** 20).toFixed(3), wasm_mib: +(wasm / 2 ** 20).toFixed(3), step: await stepOf(page) };
    };
    await page.click('.pg-play');
    const marks = [];
    for (let minute = 1; minute <= minutes; minute += 1) {
      await page.waitForTimeout(60000);
      const s = await sample();
      marks.push({ minute, ...s });
      console.log(`memory after ${minute} min: ${JSON.stringify(s)}`);
    }
    const [first, last] = [marks[0], marks[marks.length - 1]];
    console.log(`memory growth from minute 1 to ${minutes}: wasm ${(last.wasm_mib - first.wasm_mib).toFixed(3)} MiB, JS heap ${(last.js_heap_mib - first.js_heap_mib).toFixed(3)} MiB`);
  } finally {
    await close();
  }
}

const server = await serve(process.env.DIST ?? 'dist');
const browser = await launch();
try {
  // The wasm exports (with the memory) arrive with Trunk's start event.
  const origNewContext = browser.newContext.bind(browser);
  browser.newContext = async (opts) => {
    const ctx = await origNewContext(opts);
    await ctx.addInitScript(() => {
      addEventListener('TrunkApplicationStarted', (e) => { window.__wasmMemory = e.detail.wasm.memory; });
    });
    return ctx;
  };
  console.log(`Chromium ${browser.version()}, ${SECONDS} s per configuration`);
  console.log(`heavy = ${HEAVY}`);
  for (const [name, query] of CONFIGS) {
    console.log(JSON.stringify(await measure(browser, server, name, query)));
  }
  if (MEMORY_MINUTES > 0) await memoryRun(browser, server, MEMORY_MINUTES);
} finally {
  await browser.close();
  await server.close();
}
