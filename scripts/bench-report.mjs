// Times the PDF report, then its Word copy (DOCX), for a full assessment with a block-list run of 1,024 addresses x 8 lists,
// in Debian's Chromium against the built app (run `npm run build` first). Prints the time from
// the click to the download event, the time measured inside the page, and the file's size.
// Goal: under 2 s and under 2 MB. Usage: npm run bench:report [-- --runs 5]
import { execFileSync } from 'node:child_process';
import { mkdtemp, rm, stat, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { runnerImport } from 'vite';

const ROOT = fileURLToPath(new URL('../', import.meta.url));
const GOAL_MS = 2000;
const GOAL_BYTES = 2 * 1024 * 1024;
const runsArg = process.argv.indexOf('--runs');
const RUNS = runsArg > 0 ? Number(process.argv[runsArg + 1]) : 5;

/** The test fixtures and e2e support are TypeScript: Vite's module runner loads them as they are. */
async function load(path) {
  const { module } = await runnerImport(join(ROOT, path), {
    configFile: false,
    root: ROOT,
    logLevel: 'error',
  });
  return module;
}

const [{ reportAssessment, blocklistRun, documentText }, { launchBrowser, newPage }, { serveApp }] =
  await Promise.all([
    load('tests/fixtures/report-assessment.ts'),
    load('tests/e2e/support/browser.ts'),
    load('tests/e2e/support/app.ts'),
  ]);

const work = await mkdtemp(join(tmpdir(), 'bench-report-'));
const server = await serveApp();
const browser = await launchBrowser();
try {
  const run = blocklistRun(1024, 8);
  const assessment = {
    ...reportAssessment({ organisation: 'Prifysgol Bangor – Ysgol Gŵyr & Sŷr Môr', run }),
    step: 'results',
  };
  const prepared = join(work, 'full-assessment.json');
  await writeFile(prepared, documentText(assessment));
  // Last year's, with a full run of its own, chosen to compare with: the report then also has
  // "Since the last assessment", its heaviest form.
  const lastYear = {
    ...reportAssessment({
      organisation: assessment.profile.organisation,
      run: blocklistRun(1024, 8),
    }),
    id: 'bench-last-year',
  };
  lastYear.profile = { ...lastYear.profile, assessmentDate: '2025-11-20' };
  for (const [id, answer] of Object.entries(lastYear.answers).slice(0, 12)) {
    lastYear.answers[id] = {
      ...answer,
      status: answer.status === 'implemented' ? 'partial' : 'implemented',
    };
  }
  const previous = join(work, 'last-year.json');
  await writeFile(previous, documentText(lastYear));
  const kb = (bytes) => `${(bytes / 1024).toFixed(0)} KB`;
  console.log(
    `Assessment: ${Object.keys(assessment.answers).length} controls answered, ` +
      `${run.addresses.length} addresses x ${run.lists.length} lists = ${run.results.length} results ` +
      `(${run.results.filter((r) => r.outcome === 'listed').length} listed, ` +
      `${run.results.filter((r) => !['listed', 'not-listed'].includes(r.outcome)).length} problems); ` +
      `JSON ${kb((await stat(prepared)).size)}`,
  );

  const { page, errors, close } = await newPage(browser);
  await page.goto(server.url);
  await page.getByRole('button', { name: /^Assessments/ }).click();
  await page.locator('#import-file').setInputFiles(previous);
  await page.getByRole('heading', { level: 1, name: 'Organisation profile' }).waitFor();
  await page.getByRole('button', { name: /^Assessments/ }).click();
  await page.locator('#import-file').setInputFiles(prepared);
  await page.getByRole('heading', { level: 1, name: 'Results' }).waitFor();
  const compare = page.getByLabel('Compare with', { exact: true });
  await compare.waitFor({ timeout: 30_000 });
  await compare.selectOption(lastYear.id);
  await page.getByRole('heading', { name: 'Findings closed' }).waitFor();
  console.log(
    'Compared with last year (its own 1,024 x 8 run): the report has "Since the last assessment".',
  );

  const rows = [];
  for (let i = 1; i <= RUNS; i += 1) {
    const started = performance.now();
    const [download] = await Promise.all([
      page.waitForEvent('download'),
      page.getByRole('button', { name: 'Download PDF report' }).click(),
    ]);
    const clickToDownload = performance.now() - started;
    const path = join(work, `report-${i}.pdf`);
    await download.saveAs(path);
    const inPage = await page.evaluate(
      () => performance.getEntriesByName('report-pdf', 'measure').at(-1)?.duration ?? NaN,
    );
    const { size } = await stat(path);
    const pages = /^Pages:\s+(\d+)/m.exec(
      execFileSync('pdfinfo', [path], { encoding: 'utf8' }),
    )?.[1];
    rows.push({ clickToDownload, inPage, size });
    console.log(
      `run ${i}${i === 1 ? ' (cold: loads jsPDF and the font)' : ''}: ` +
        `click to download ${clickToDownload.toFixed(0)} ms, in the page ${inPage.toFixed(0)} ms, ` +
        `PDF ${kb(size)}, ${pages} pages`,
    );
  }
  // The Word copy, from the same model: the same goal.
  for (let i = 1; i <= RUNS; i += 1) {
    const started = performance.now();
    const [download] = await Promise.all([
      page.waitForEvent('download'),
      page.getByRole('button', { name: 'Download editable report (Word, DOCX)' }).click(),
    ]);
    const clickToDownload = performance.now() - started;
    const path = join(work, `report-${i}.docx`);
    await download.saveAs(path);
    const inPage = await page.evaluate(
      () => performance.getEntriesByName('report-docx', 'measure').at(-1)?.duration ?? NaN,
    );
    const { size } = await stat(path);
    rows.push({ clickToDownload, inPage, size });
    console.log(
      `DOCX run ${i}${i === 1 ? ' (cold: loads the docx library)' : ''}: ` +
        `click to download ${clickToDownload.toFixed(0)} ms, in the page ${inPage.toFixed(0)} ms, ` +
        `DOCX ${kb(size)}`,
    );
  }
  if (errors.length > 0) console.log('Page errors:', errors);
  await close();

  const worst = Math.max(...rows.map((r) => r.clickToDownload));
  const largest = Math.max(...rows.map((r) => r.size));
  const ok = worst < GOAL_MS && largest < GOAL_BYTES;
  console.log(
    `Slowest ${worst.toFixed(0)} ms (goal under ${GOAL_MS} ms); largest ${kb(largest)} ` +
      `(goal under ${kb(GOAL_BYTES)}): ${ok ? 'within the goal' : 'OVER THE GOAL'}`,
  );
  process.exitCode = ok ? 0 : 1;
} finally {
  await browser.close();
  await server.stop();
  await rm(work, { recursive: true, force: true });
}
