// Runs the standard workload in headless Chromium (the page's `?bench`) and
// prints the numbers; `cargo bench --bench train` prints the native ones.
//   scripts/check build && node scripts/bench-browser.mjs
import { launch, open } from '../tests/e2e/browser.mjs';
import { serve } from '../tests/e2e/server.mjs';

const server = await serve('dist');
const browser = await launch();
try {
  const { page } = await open(browser, `${server.url}?bench&lang=en`);
  await page.waitForSelector('html[data-bench]', { timeout: 300000 });
  const report = JSON.parse(await page.getAttribute('html', 'data-bench'));
  console.log(`browser (${browser.version()}): tanh ${report.tanh_us_per_sample} us/sample, relu ${report.relu_us_per_sample} us/sample`);
  console.log(JSON.stringify(report));
} finally {
  await browser.close();
  await server.close();
}
