// End-to-end tests of the release build in Debian's Chromium: the page
// starts, draws, reacts, speaks both languages, survives bad links, and talks
// to no one but its own origin, all under a strict Content-Security-Policy.
// Run after `trunk build --release` (scripts/check does both); DIST names the build.
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { canvasStats, open } from './browser.mjs';
import { drawnAfter, frames, pageSuite } from './harness.mjs';

const WIDGETS = ['curves', 'vanishing', 'backprop', 'linearity', 'zigzag', 'cost', 'dead-relu', 'playground'];
// Keys whose text is mathematical notation, the same in both languages.
const NOTATION = new Set(['curves.panel_f', 'curves.panel_df', 'curves.table.formula', 'opt.sgd', 'opt.momentum', 'opt.adagrad', 'opt.adam']);
const CJK = /[\u4e00-\u9fff]/;

const suite = pageSuite({ prefix: '/deep/course/path/' });
const { withPage } = suite;

describe('the page', () => {
  test('becomes ready under a sub-path and a strict CSP, every widget drawn once and ok', async () => {
    await withPage('', async (page, log) => {
      for (const id of WIDGETS) {
        const root = page.locator(`[data-widget="${id}"]`);
        assert.equal(await root.getAttribute('data-status'), 'ok', id);
        assert.ok((await frames(page, id)) >= 1, `${id} drew`);
      }
      // Widgets appear in the contract's reading order.
      const order = await page.$$eval('[data-widget]', (els) => els.map((e) => e.dataset.widget));
      assert.deepEqual(order, WIDGETS);
      assert.equal(await page.isVisible('[data-widget="curves"] .loading'), false, 'the loading line goes once drawn');
      // The loader really was moved out of the HTML (no inline script at all).
      const inline = await page.$$eval('script:not([src])', (s) => s.length);
      assert.equal(inline, 0);
      assert.ok(log.requests.some((u) => u.endsWith('.wasm')), 'the wasm came from the same origin');
    });
  });

  test('the curves canvas is not blank and carries the default functions', async () => {
    await withPage('', async (page) => {
      const s = await canvasStats(page, '[data-widget="curves"] canvas');
      assert.ok(s.width >= 300 && s.height >= 240, `canvas ${s.width}x${s.height}`);
      assert.ok(s.ink / s.total > 0.02, `only ${s.ink} of ${s.total} pixels are drawn`);
      const checked = await page.$$eval('[data-widget="curves"] input[name=act]:checked', (b) => b.map((x) => x.value));
      assert.deepEqual(checked, ['sigmoid', 'tanh', 'relu']);
    });
  });

  test('toggling an activation redraws the chart and records it in the URL', async () => {
    await withPage('', async (page) => {
      const before = await frames(page, 'curves');
      const s0 = await canvasStats(page, '[data-widget="curves"] canvas');
      await page.check('[data-widget="curves"] input[value=gelu]');
      await drawnAfter(page, 'curves', before);
      const s1 = await canvasStats(page, '[data-widget="curves"] canvas');
      assert.notEqual(s1.hash, s0.hash, 'the picture changed');
      // The full page writes the widget's prefix (old bare links still read, see below).
      assert.match(page.url(), /[?&]curves\.act=sigmoid,tanh,relu,gelu(&|$)/);
      // The URL reproduces the state in a fresh page.
      const { page: p2, close } = await open(suite.browser, page.url());
      const checked = await p2.$$eval('[data-widget="curves"] input[name=act]:checked', (b) => b.map((x) => x.value));
      await close();
      assert.deepEqual(checked, ['sigmoid', 'tanh', 'relu', 'gelu']);
    });
  });

  test('the x-range slider rescales the chart', async () => {
    await withPage('?range=3', async (page) => {
      const slider = page.locator('[data-widget="curves"] input[name=range]');
      assert.equal(await slider.inputValue(), '3');
      const s0 = await canvasStats(page, '[data-widget="curves"] canvas');
      await slider.fill('12');
      await page.waitForFunction(() => /range=12/.test(location.search));
      const s1 = await canvasStats(page, '[data-widget="curves"] canvas');
      assert.notEqual(s1.hash, s0.hash);
      assert.equal(await page.textContent('[data-widget="curves"] output.range-value'), '12');
    });
  });

  test('the language toggle changes every label, and back', async () => {
    await withPage('?lang=en', async (page) => {
      const texts = () => page.$$eval('[data-i18n]', (els) => els.map((e) => [e.dataset.i18n, e.textContent]));
      const rows = () => page.$$eval('table.props tbody tr', (r) => r.map((x) => x.textContent));
      const en = await texts();
      const enRows = await rows();
      assert.ok(en.length > 20, `${en.length} labelled elements`);
      await page.click('#lang-toggle');
      await page.waitForSelector('html[lang="zh-TW"]');
      const zh = await texts();
      for (const [i, [key, text]] of zh.entries()) {
        if (NOTATION.has(key)) continue;
        assert.notEqual(text, en[i][1], `${key} did not change`);
        if (key !== 'lang.switch') assert.match(text, CJK, `${key} is not Chinese: ${text}`);
      }
      const zhRows = await rows();
      assert.ok(zhRows.every((r, i) => r !== enRows[i] && CJK.test(r)), 'table rows translated');
      assert.match(await page.title(), CJK);
      assert.match(page.url(), /lang=zh-TW/);
      await page.click('#lang-toggle');
      await page.waitForSelector('html[lang="en"]');
      assert.deepEqual(await texts(), en);
    });
  });

  test('a Chinese browser gets Chinese without a parameter', async () => {
    await withPage('', async (page) => {
      assert.equal(await page.getAttribute('html', 'lang'), 'zh-TW');
    }, { locale: 'zh-TW' });
  });

  test('bad link parameters fall back with a visible, translated notice', async () => {
    await withPage('?act=relu,swishy&range=wide&lang=zh-TW', async (page) => {
      const root = page.locator('[data-widget="curves"]');
      assert.equal(await root.getAttribute('data-status'), 'ok');
      const notices = await page.$$eval('[data-widget="curves"] .notice', (n) => n.map((x) => x.textContent));
      assert.equal(notices.length, 2, notices.join(' | '));
      assert.ok(notices[0].includes('swishy') && CJK.test(notices[0]));
      assert.ok(notices[1].includes('wide') && notices[1].includes('6'));
      const checked = await page.$$eval('[data-widget="curves"] input[name=act]:checked', (b) => b.map((x) => x.value));
      assert.deepEqual(checked, ['relu']);
      const s = await canvasStats(page, '[data-widget="curves"] canvas');
      assert.ok(s.ink / s.total > 0.02);
    });
  });

  test('pointer and keyboard give a readout of x, f and f′ for every shown function', async () => {
    await withPage('?act=sigmoid,relu', async (page) => {
      const canvas = page.locator('[data-widget="curves"] canvas');
      await canvas.scrollIntoViewIfNeeded();
      const box = await canvas.boundingBox();
      const num = (s) => Number(s.replace('−', '-'));
      // Left and right of x = 0: both of ReLU's branches. The numbers shown
      // agree with sigmoid and ReLU computed here, independently.
      for (const fraction of [0.5, 0.65]) {
        const before = await page.evaluate(() => document.querySelector('.readout-x')?.textContent ?? null);
        await page.mouse.move(box.x + box.width * fraction, box.y + box.height / 4);
        await page.waitForFunction((b) => {
          const t = document.querySelector('[data-widget="curves"] .readout-x')?.textContent;
          return t && t !== b && document.querySelectorAll('[data-widget="curves"] .readout li').length > 0;
        }, before);
        const items = await page.$$eval('[data-widget="curves"] .readout li', (l) => l.map((x) => x.textContent));
        assert.equal(items.length, 2);
        const x = num((await page.textContent('.readout-x')).split('= ')[1]);
        assert.ok(Math.abs(x) < 3, `pointer at ${fraction} of the chart gave x = ${x}`);
        const [, f, df] = items[0].match(/f = (\S+), f′ = (\S+)/);
        const sig = 1 / (1 + Math.exp(-x));
        assert.ok(Math.abs(num(f) - sig) < 1e-4, `${items[0]} vs sigmoid(${x}) = ${sig}`);
        assert.ok(Math.abs(num(df) - sig * (1 - sig)) < 1e-4, items[0]);
        const [, rf, rdf] = items[1].match(/f = (\S+), f′ = (\S+)/);
        assert.ok(Math.abs(num(rf) - Math.max(0, x)) < 1e-4, `${items[1]} vs relu(${x}) = ${Math.max(0, x)}`);
        // x is shown to 4 decimals: within that of 0 its sign is unknown here.
        if (Math.abs(x) > 1e-4) assert.equal(num(rdf), x > 0 ? 1 : 0, `${items[1]} at x = ${x}`);
        if (fraction > 0.5) assert.ok(x > 0.5, `the second point is right of 0: x = ${x}`);
      }
      await canvas.focus();
      await page.keyboard.press('End');
      await page.waitForFunction(() => /x = 6$/.test(document.querySelector('.readout-x')?.textContent ?? ''));
      const relu = await page.$$eval('[data-widget="curves"] .readout li', (l) => l[1].textContent);
      assert.match(relu, /f = 6, f′ = 1/);
    });
  });

  test('?embed shows one widget alone, its controls under bare names', async () => {
    await withPage('?embed=curves&act=tanh&range=4', async (page) => {
      const shown = await page.$$eval('[data-widget]', (els) => els.filter((e) => !e.hidden).map((e) => e.dataset.widget));
      assert.deepEqual(shown, ['curves']);
      assert.equal(await page.isVisible('h1'), false, 'an embedded figure carries no page title');
      const checked = await page.$$eval('[data-widget="curves"] input[name=act]:checked', (b) => b.map((x) => x.value));
      assert.deepEqual(checked, ['tanh']);
      await page.check('[data-widget="curves"] input[value=relu]');
      await page.waitForFunction(() => /[?&]act=tanh,relu(&|$)/.test(location.search));
      assert.match(page.url(), /embed=curves/);
      assert.doesNotMatch(page.url(), /curves\.act/);
    });
  });

  test('a link with prefixed names reproduces the state, and notices stay in their widget', async () => {
    await withPage('?curves.act=gelu&curves.range=wide&lang=xx', async (page) => {
      const checked = await page.$$eval('[data-widget="curves"] input[name=act]:checked', (b) => b.map((x) => x.value));
      assert.deepEqual(checked, ['gelu']);
      const widgetNotices = await page.$$eval('[data-widget="curves"] .notice', (n) => n.map((x) => x.textContent));
      assert.equal(widgetNotices.length, 1, widgetNotices.join(' | '));
      assert.match(widgetNotices[0], /curves\.range/);
      const pageNotices = await page.$$eval('#page-notices .notice', (n) => n.map((x) => x.textContent));
      assert.equal(pageNotices.length, 1, 'the language notice belongs to the page');
      assert.match(pageNotices[0], /xx/);
    });
  });

  test('a phone-sized screen needs no sideways scrolling', async () => {
    await withPage('', async (page) => {
      const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
      assert.ok(overflow <= 0, `page is ${overflow}px wider than the screen`);
      const s = await canvasStats(page, '[data-widget="curves"] canvas');
      assert.ok(s.ink / s.total > 0.02);
    }, { viewport: { width: 375, height: 740 } });
  });

  test('?bench trains the standard workload in the page and reports it', async () => {
    await withPage('?bench&lang=en', async (page) => {
      await page.waitForSelector('html[data-bench]', { timeout: 120000 });
      const report = JSON.parse(await page.getAttribute('html', 'data-bench'));
      for (const act of ['tanh', 'relu']) {
        const us = report[`${act}_us_per_sample`];
        assert.ok(Number.isFinite(us) && us > 0, `${act}: ${us}`);
        // The circle is learnt: the work was really done.
        assert.ok(report[`${act}_final_loss`] < 0.05, `${act} final loss ${report[`${act}_final_loss`]}`);
      }
      assert.match(await page.textContent('#bench'), /µs per sample/);
      console.log(`browser benchmark: ${JSON.stringify(report)}`);
    });
  });

  test('without JavaScript the reader is told why, in both languages', async () => {
    const context = await suite.browser.newContext({ javaScriptEnabled: false });
    try {
      const page = await context.newPage();
      await page.goto(suite.server.url);
      const text = await page.textContent('noscript p, p.widget-error:visible');
      assert.match(text ?? '', /JavaScript/);
      assert.match(text ?? '', CJK);
      assert.equal(await page.isVisible('[data-widget="curves"] .loading'), true);
    } finally {
      await context.close();
    }
  });

  test('a panic is shown inside the widget, not only in the console', async () => {
    const { page, log, close } = await open(suite.browser, suite.server.url + '?_panic=1', { ready: false });
    try {
      await page.waitForSelector('[data-widget="curves"] .widget-error:not([hidden])', { timeout: 30000 });
      const status = await page.getAttribute('[data-widget="curves"]', 'data-status');
      assert.match(status, /^error: /);
      assert.match(await page.textContent('[data-widget="curves"] .widget-error'), /reload/i);
      assert.ok(log.errors.length > 0, 'the panic also reaches the console');
    } finally {
      await close();
    }
  });
});
