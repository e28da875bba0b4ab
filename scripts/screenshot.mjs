// Makes the README's screenshot from a release build:
//   scripts/check build && node scripts/screenshot.mjs [query] [out.png] [width]
import { launch, open } from '../tests/e2e/browser.mjs';
import { serve } from '../tests/e2e/server.mjs';

const [query = '?lang=en&act=sigmoid,tanh,relu,softplus', out = 'docs/screenshot.png', width = '1100'] = process.argv.slice(2);
const server = await serve('dist');
const browser = await launch();
try {
  const { page } = await open(browser, server.url + query, { viewport: { width: Number(width), height: 900 } });
  const canvas = page.locator('[data-widget="curves"] canvas');
  await canvas.scrollIntoViewIfNeeded();
  const box = await canvas.boundingBox();
  await page.mouse.move(box.x + box.width * 0.55, box.y + box.height * 0.3);
  await page.waitForSelector('.readout li');
  await page.locator('[data-widget="curves"]').screenshot({ path: out });
  console.log(`wrote ${out}`);
} finally {
  await browser.close();
  await server.close();
}
