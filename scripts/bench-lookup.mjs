// Benchmarks the block-list check in Debian's Chromium against the loopback DoH server (nsd behind
// dnsdist): 1,024 addresses (192.0.32.0/22) x 8 lists (b1..b8.bl.test), through the built app's
// real UI, and in the same browser a bare fetch() loop with the same number in flight (the floor).
// Prints queries per second for both, their ratio, and the page's longest task during the run.
// Usage: npm run build && npm run bench:lookup [-- --concurrency 8 --runs 3]
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { runnerImport } from 'vite';

const ROOT = fileURLToPath(new URL('../', import.meta.url));
const arg = (name, fallback) => {
  const i = process.argv.indexOf(`--${name}`);
  return i > 0 ? Number(process.argv[i + 1]) : fallback;
};
const CONCURRENCY = arg('concurrency', 8);
const RUNS = arg('runs', 3);

async function load(path) {
  const { module } = await runnerImport(join(ROOT, path), {
    configFile: false,
    root: ROOT,
    logLevel: 'error',
  });
  return module;
}

const [{ launchBrowser, newPage }, { serveApp }, { startDohServer }, zones, { measureFetchFloor }] =
  await Promise.all([
    load('tests/e2e/support/browser.ts'),
    load('tests/e2e/support/app.ts'),
    load('tests/e2e/support/dns-server.ts'),
    load('tests/e2e/support/zones.ts'),
    load('tests/e2e/support/fetch-floor.ts'),
  ]);
const { BENCHMARK_ADDRESSES, BENCHMARK_ZONES, queryName, benchmarkListed } = zones;

/**
 * An assessment set up for the run: the benchmark range, the 8 lists, the resolver. Consent is
 * given on the page (a consent carried by a file is ignored), before the clock starts.
 */
function benchmarkDocument(dohUrl) {
  const now = new Date().toISOString();
  const customLists = BENCHMARK_ZONES.map((zone, i) => ({
    zone,
    name: `Bench ${i + 1}`,
    codes: [{ value: `127.0.0.${i + 2}`, meaning: `benchmark list ${i + 1}` }],
    ipv6: false,
  }));
  return {
    format: 'mail-security-self-assessment',
    schemaVersion: 2,
    savedAt: now,
    assessment: {
      id: `bench-${Date.now()}`,
      createdAt: now,
      updatedAt: now,
      catalogueVersion: '2026.1',
      profile: { organisation: 'Benchmark University', networkRanges: '192.0.32.0/22' },
      answers: {},
      step: 'blocklists',
      lookup: {
        settings: {
          resolver: 'custom',
          customResolverUrl: dohUrl,
          selectedListIds: BENCHMARK_ZONES.map((zone) => `custom-${zone.replace(/\./g, '-')}`),
          customLists,
          concurrency: CONCURRENCY,
          timeoutMs: 5000,
        },
      },
    },
  };
}

const work = await mkdtemp(join(tmpdir(), 'bench-lookup-'));
const [server, doh, browser] = await Promise.all([serveApp(), startDohServer(), launchBrowser()]);
const expectedListed = BENCHMARK_ZONES.reduce(
  (n, _zone, i) => n + BENCHMARK_ADDRESSES.filter((ip) => benchmarkListed(i + 1, ip)).length,
  0,
);
const names = BENCHMARK_ADDRESSES.flatMap((ip) => BENCHMARK_ZONES.map((z) => queryName(ip, z)));
const rows = [];
try {
  const file = join(work, 'benchmark.json');
  await writeFile(file, JSON.stringify(benchmarkDocument(doh.url)));
  console.log(
    `${BENCHMARK_ADDRESSES.length} addresses x ${BENCHMARK_ZONES.length} lists = ${names.length} queries, ` +
      `${CONCURRENCY} in flight, ${RUNS} runs (Chromium ${browser.version()})`,
  );
  for (let run = 1; run <= RUNS; run += 1) {
    const { page, context, close } = await newPage(browser);
    // Long tasks (over 50 ms) are what makes a page feel frozen: record every one.
    await context.addInitScript(() => {
      window.__longTasks = [];
      new PerformanceObserver((list) => {
        for (const entry of list.getEntries()) window.__longTasks.push(entry.duration);
      }).observe({ type: 'longtask', buffered: true });
    });
    await page.goto(server.url);
    await page.getByRole('button', { name: /^Assessments/ }).click();
    await page.getByLabel('Choose an exported JSON file').setInputFiles(file);
    await page.getByRole('button', { name: 'Check the addresses' }).waitFor();

    // The floor first, from the same page and origin, same concurrency.
    const floor = await measureFetchFloor(page, {
      dohUrl: doh.url,
      names,
      concurrency: CONCURRENCY,
    });

    await page.evaluate(() => (window.__longTasks = []));
    await page.getByRole('button', { name: 'Check the addresses' }).click();
    const agree = page.getByRole('button', { name: 'I agree: start the check' });
    await agree.waitFor();
    const started = Date.now();
    await agree.click();
    // Polled by the heading's id: a role query (getByRole) walks the whole page on the page's own
    // thread at every poll, work the floor loop is never charged for.
    await page.waitForFunction(
      () => document.getElementById('progress-heading')?.textContent === 'Check complete',
      undefined,
      { polling: 100, timeout: 300_000 },
    );
    const wallSeconds = (Date.now() - started) / 1000;
    const longTasks = await page.evaluate(() => window.__longTasks);
    const counts = await page.locator('.lookup-counts').innerText();
    // Address queries, plus the 16 test-point queries and one TXT query per listing.
    const appQueries = names.length + BENCHMARK_ZONES.length * 2 + expectedListed;
    const app = { seconds: wallSeconds, qps: appQueries / wallSeconds };
    rows.push({ floor, app, longest: Math.max(0, ...longTasks), longCount: longTasks.length });
    console.log(
      `run ${run}: floor ${floor.qps.toFixed(0)} q/s (${floor.failures} failures) | app ` +
        `${app.qps.toFixed(0)} q/s over ${app.seconds.toFixed(2)} s (${appQueries} queries incl. ` +
        `health checks and TXT) | ratio ${(app.qps / floor.qps).toFixed(2)} | longest task ` +
        `${Math.max(0, ...longTasks).toFixed(0)} ms (${longTasks.length} over 50 ms) | ${counts}`,
    );
    await close();
  }
  const median = (values) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)];
  const floorQps = median(rows.map((r) => r.floor.qps));
  const appQps = median(rows.map((r) => r.app.qps));
  // Each run's ratio sets the app against the floor measured just before it, in the same page.
  const ratios = rows.map((r) => r.app.qps / r.floor.qps);
  console.log(
    `median: floor ${floorQps.toFixed(0)} q/s, app ${appQps.toFixed(0)} q/s, ratio ` +
      `${(appQps / floorQps).toFixed(2)} (of the runs' own ratios: ${median(ratios).toFixed(2)}; ` +
      `goal 0.95), longest task ${median(rows.map((r) => r.longest)).toFixed(0)} ms ` +
      `(worst ${Math.max(...rows.map((r) => r.longest)).toFixed(0)} ms; goal none over 50 ms)`,
  );
} finally {
  await browser.close();
  await server.stop();
  await doh.stop();
  await rm(work, { recursive: true, force: true });
}
