// Trunk post-build hook: moves every inline <script> of the staged index.html
// into its own hashed file, so the page needs no 'unsafe-inline' and runs
// under a strict Content-Security-Policy. Trunk gives the staging folder in
// TRUNK_STAGING_DIR.
import { createHash } from 'node:crypto';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

const dir = process.env.TRUNK_STAGING_DIR;
if (!dir) {
  console.error('externalize-loader: TRUNK_STAGING_DIR is not set (run me from a Trunk hook)');
  process.exit(1);
}
const page = join(dir, 'index.html');
let html = readFileSync(page, 'utf8');
let moved = 0;
html = html.replace(/<script\b([^>]*)>([\s\S]*?)<\/script>/g, (whole, attrs, body) => {
  if (/\bsrc\s*=/.test(attrs) || body.trim() === '') return whole;
  const name = `boot-${createHash('sha256').update(body).digest('hex').slice(0, 16)}.js`;
  writeFileSync(join(dir, name), body.trim() + '\n');
  moved += 1;
  const kept = attrs.replace(/\s+nonce="[^"]*"/g, '');
  return `<script${kept} src="./${name}"></script>`;
});
writeFileSync(page, html);
console.log(`externalize-loader: moved ${moved} inline script(s) out of index.html`);
