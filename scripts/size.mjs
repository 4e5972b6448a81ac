// Prints the gzipped size of what the first page load fetches (entry script, its statically
// imported chunks and the CSS, as listed in dist/index.html) and fails above the budget.
// Lazily loaded chunks (the PDF builder, for example) are listed separately and not counted.
import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';

const BUDGET_BYTES = 100 * 1024;
const dist = new URL('../dist/', import.meta.url).pathname;
const html = readFileSync(join(dist, 'index.html'), 'utf8');

const firstLoad = new Set();
for (const match of html.matchAll(
  /<(?:script|link)\b[^>]*?(?:src|href)="\.?\/?([^"]+\.(?:js|css))"/g,
)) {
  firstLoad.add(match[1]);
}
if (firstLoad.size === 0) {
  console.error('No scripts or stylesheets found in dist/index.html: is the build empty?');
  process.exit(1);
}

const gz = (file) => gzipSync(readFileSync(join(dist, file)), { level: 9 }).length;
const kb = (bytes) => `${(bytes / 1024).toFixed(1)} KB`;

let total = 0;
console.log('First load (gzipped):');
for (const file of [...firstLoad].sort()) {
  const size = gz(file);
  total += size;
  console.log(`  ${kb(size).padStart(9)}  ${file}`);
}
console.log(`  ${kb(total).padStart(9)}  total (budget ${kb(BUDGET_BYTES)})`);

const lazy = readdirSync(join(dist, 'assets'))
  .map((name) => `assets/${name}`)
  .filter((file) => /\.(js|css)$/.test(file) && !firstLoad.has(file));
if (lazy.length > 0) {
  console.log('Loaded only when needed (gzipped, not counted):');
  for (const file of lazy.sort()) console.log(`  ${kb(gz(file)).padStart(9)}  ${file}`);
}

// Source maps expose every dependency's source and weigh megabytes: never shipped by default.
const maps = readdirSync(join(dist, 'assets')).filter((name) => name.endsWith('.map'));
if (maps.length > 0) {
  console.error(
    `dist/ holds ${maps.length} source map(s) (${maps[0]}…): build without --sourcemap before deploying.`,
  );
  process.exit(1);
}
console.log('Source maps: none in dist/');

if (total > BUDGET_BYTES) {
  console.error(`First load is ${kb(total)} gzipped, over the ${kb(BUDGET_BYTES)} budget.`);
  process.exit(1);
}
