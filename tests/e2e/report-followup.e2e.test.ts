/**
 * What follows the first report, end to end in the built app: the agreed action typed on a
 * finding and read back from the PDF (pdftotext) and the CSV; the approver's sign-off and the
 * flag on a sign-off older than the answers; this year compared with last year.
 */
import { execFileSync } from 'node:child_process';
import { mkdtemp, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Browser, Download, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { documentText, reportAssessment } from '../fixtures/report-assessment';
import { axeViolations, openApp, serveApp, stepHeading } from './support/app';
import { launchBrowser } from './support/browser';
import { readCsv } from './support/csv';
import type { StaticServer } from './support/static-server';

const ORGANISATION = 'Prifysgol Bangor – Ysgol Gŵyr & Sŷr Môr';
const AGREED = "Cau'r ras gyfnewid ar y ddwy borth erbyn 1 Mawrth – Tîm Rhwydweithiau";

let browser: Browser;
let server: StaticServer;
let work: string;

beforeAll(async () => {
  [browser, server, work] = await Promise.all([
    launchBrowser(),
    serveApp(),
    mkdtemp(join(tmpdir(), 'report-followup-e2e-')),
  ]);
});

afterAll(async () => {
  await browser?.close();
  await server?.stop();
});

function run(command: string, args: string[]): string {
  return execFileSync(command, args, { encoding: 'utf8', maxBuffer: 64 * 1024 * 1024 });
}

async function download(page: Page, button: string): Promise<{ path: string; name: string }> {
  const [event]: [Download, void] = await Promise.all([
    page.waitForEvent('download'),
    page.getByRole('button', { name: button }).click(),
  ]);
  const name = event.suggestedFilename();
  const path = join(work, name);
  await event.saveAs(path);
  return { path, name };
}

/** Imports an assessment file through the library and waits for `heading`. */
async function importFile(page: Page, name: string, text: string, heading: string) {
  const file = join(work, name);
  await writeFile(file, text);
  await page.getByRole('button', { name: /^Assessments/ }).click();
  await page.locator('#import-file').setInputFiles(file);
  await expect.poll(() => stepHeading(page)).toBe(heading);
}

describe('the management response', () => {
  test('an agreed action typed on a finding is printed beside its owner and date in the PDF and the CSV', async () => {
    const { page, errors, close } = await openApp(browser, server.url);
    await importFile(
      page,
      'response.json',
      documentText(reportAssessment({ organisation: ORGANISATION })),
      'Organisation profile',
    );
    await page.getByRole('button', { name: /Open relays and open proxies/ }).click();
    await page.getByLabel('Agreed action (management response)').first().fill(AGREED);
    expect(await axeViolations(page)).toEqual([]);
    await page.getByRole('button', { name: 'Results and report' }).click();
    await expect.poll(() => stepHeading(page)).toBe('Results');
    const plan = page.getByRole('table', { name: /Remediation plan/ });
    await expect.poll(() => plan.getByRole('row').nth(1).innerText()).toContain(AGREED);

    const pdf = await download(page, 'Download PDF report');
    await page.getByText(`Downloaded ${pdf.name}`).waitFor();
    const flat = run('pdftotext', [pdf.path, '-']).replace(/\s+/g, ' ');
    // Written out: owner, target date, then the agreed action.
    expect(flat).toMatch(
      new RegExp(
        `Finding 1: No host relays mail .*?Owner .*? Target date 31 March 2027 Agreed action ${AGREED}`,
      ),
    );
    // In the remediation plan too, under the finding.
    const plan1 = run('pdftotext', ['-layout', pdf.path, '-']);
    expect(plan1).toContain('Agreed action: Cau');

    const csvFile = await download(page, 'Download action plan (CSV)');
    const csv = await readCsv(csvFile.path);
    // Right after "Overdue", as the header row says.
    const header = Object.keys(csv[0]!);
    expect(header.indexOf('Agreed action')).toBe(header.indexOf('Overdue') + 1);
    const relay = csv.find(
      (row) => row.Control === 'No host relays mail for arbitrary senders and recipients',
    );
    expect(relay?.['Agreed action']).toBe(AGREED);
    expect(errors).toEqual([]);
    await close();
  });
});

describe('two signatures', () => {
  test('the approver is printed in the second block; a sign-off older than the answers is flagged on screen and in the PDF', async () => {
    const { page, errors, close } = await openApp(browser, server.url);
    await importFile(
      page,
      'approval.json',
      documentText({ ...reportAssessment({ organisation: ORGANISATION }), step: 'results' }),
      'Results',
    );
    const assessor = page.getByRole('group', { name: "Assessor's sign-off" });
    await assessor.getByLabel('Name', { exact: true }).fill('Siân Ní Bhriain');
    await assessor.getByLabel('Role', { exact: true }).fill('Rheolwr Gwasanaethau Post');
    await assessor.getByLabel('Date', { exact: true }).fill('2026-11-27');
    const approver = page.getByRole('group', { name: "Approver's sign-off" });
    await approver.getByLabel("Approver's name").fill('Αλέξανδρος Παπαδόπουλος');
    await approver.getByLabel("Approver's role").fill('Pro-Vice-Chancellor');
    await approver.getByLabel('Date approved').fill('2026-11-28');
    await approver.getByText(/^Sign-off recorded on/).waitFor();
    await expect(page.getByText(/Signed before the answers last changed/).count()).resolves.toBe(0);

    // The answers change after both signed.
    await page.getByRole('button', { name: /Open relays and open proxies/ }).click();
    await page.locator('#control-no-open-relay-notes').fill('Retested from outside on 29 November');
    await page.getByRole('button', { name: 'Results and report' }).click();
    await expect.poll(() => stepHeading(page)).toBe('Results');
    await assessor.getByText(/^Signed before the answers last changed: /).waitFor();
    await approver.getByText(/^Signed before the answers last changed: /).waitFor();
    expect(await axeViolations(page)).toEqual([]);

    const pdf = await download(page, 'Download PDF report');
    await page.getByText(`Downloaded ${pdf.name}`).waitFor();
    const layout = run('pdftotext', ['-layout', pdf.path, '-']);
    const signOffPage = layout.split('\f').find((text) => /^\s*Approver\s*$/m.test(text))!;
    expect(signOffPage).toBeDefined();
    const [assessorBlock, approverBlock] = signOffPage.split(/^\s*Approver\s*$/m);
    expect(assessorBlock).toMatch(/Name\s+Siân Ní Bhriain/);
    expect(assessorBlock).toMatch(/Date\s+27 November 2026/);
    expect(approverBlock).toMatch(/Name\s+Αλέξανδρος Παπαδόπουλος/);
    expect(approverBlock).toMatch(/Role\s+Pro-Vice-Chancellor/);
    expect(approverBlock).toMatch(/Date\s+28 November 2026/);
    expect(approverBlock).toMatch(/Signature/);
    const flat = (text: string) => text.replace(/\s+/g, ' ');
    expect(flat(assessorBlock!)).toContain('Signed before the answers last changed');
    expect(flat(approverBlock!)).toContain('Signed before the answers last changed');
    // Neither signature covers the answers as they are: the report is a draft.
    expect(layout).toMatch(/Version\s+Draft: /);

    // Each confirms again: the flags go, from the screen and from the report.
    for (const group of [assessor, approver]) {
      await group.getByRole('button', { name: /^The signatory has confirmed/ }).click();
    }
    await expect(page.getByText(/Signed before the answers last changed/).count()).resolves.toBe(0);
    const again = await download(page, 'Download PDF report');
    await page.getByText(`Downloaded ${again.name}`).waitFor();
    const after = run('pdftotext', ['-layout', again.path, '-']);
    expect(after).not.toContain('Signed before the answers last changed');
    expect(after).toMatch(/Version\s+Final: /);
    expect(errors).toEqual([]);
    await close();
  });
});

describe('this year against last year', () => {
  test('two assessments in the library, one answer changed and one finding closed: shown on screen and in the PDF', async () => {
    const { page, errors, close } = await openApp(browser, server.url);
    const lastYear = reportAssessment({ organisation: ORGANISATION });
    lastYear.id = 'last-year';
    lastYear.profile.assessmentDate = '2025-11-20';
    const thisYear = reportAssessment({ organisation: ORGANISATION });
    thisYear.id = 'this-year';
    // The relay was closed during the year: one answer changed, one finding closed.
    thisYear.answers['no-open-relay'] = {
      ...thisYear.answers['no-open-relay']!,
      status: 'implemented',
      owner: '',
      targetDate: '',
    };
    delete thisYear.answers['no-open-relay']!.response;
    await importFile(page, 'last-year.json', documentText(lastYear), 'Organisation profile');
    await importFile(
      page,
      'this-year.json',
      documentText({ ...thisYear, step: 'results' }),
      'Results',
    );

    const compare = page.getByLabel('Compare with', { exact: true });
    await compare.waitFor({ timeout: 10_000 });
    // Offered by its name and date; chosen by its id, which the import kept.
    await expect
      .poll(() => compare.locator('option').allInnerTexts())
      .toContainEqual(expect.stringContaining('(20 November 2025), last changed'));
    await compare.selectOption('last-year');
    const region = page.getByRole('region', { name: 'Since the last assessment' });
    const changedRow = region.getByRole('row').filter({
      has: page.getByRole('rowheader', {
        name: 'No host relays mail for arbitrary senders and recipients',
      }),
    });
    await expect
      .poll(() => changedRow.innerText(), { timeout: 10_000 })
      .toMatch(/Not implemented\s+Implemented/);
    await expect.poll(() => region.getByRole('row').count()).toBeGreaterThan(2);
    const closed = region.getByRole('heading', { name: 'Findings closed' });
    await expect
      .poll(() => closed.locator('xpath=following-sibling::*[1]').innerText())
      .toContain('No host relays mail for arbitrary senders and recipients');
    await expect
      .poll(() =>
        region
          .getByRole('heading', { name: 'Findings opened' })
          .locator('xpath=following-sibling::*[1]')
          .innerText(),
      )
      .toBe('No new finding.');
    expect(await axeViolations(page)).toEqual([]);
    // On a phone the comparison, its list of assessments included, stays within the screen.
    const size = page.viewportSize()!;
    await page.setViewportSize({ width: 375, height: 667 });
    await expect
      .poll(() =>
        page.evaluate(
          () => document.documentElement.scrollWidth - document.documentElement.clientWidth,
        ),
      )
      .toBe(0);
    expect(await axeViolations(page)).toEqual([]);
    await page.setViewportSize(size);

    const pdf = await download(page, 'Download PDF report');
    await page.getByText(`Downloaded ${pdf.name}`).waitFor();
    const layout = run('pdftotext', ['-layout', pdf.path, '-']);
    const pages = layout.split('\f');
    // In the contents, with the page it starts on.
    const entry = /^Since the last assessment\s{2,}(\d+)$/m.exec(pages[1]!);
    expect(entry).not.toBeNull();
    const since = pages.slice(Number(entry![1]) - 1).join('\f');
    const section = since.slice(
      since.indexOf('Since the last assessment'),
      since.indexOf('Objective, scope, criteria'),
    );
    const flat = section.replace(/\s+/g, ' ');
    expect(flat).toContain('Compared with the assessment of');
    expect(flat).toContain('dated 20 November 2025');
    expect(flat).toMatch(/1 finding closed, 0 findings opened/);
    expect(section).toMatch(
      /No host relays mail for arbitrary\s[\s\S]*?Not implemented\s+Implemented/,
    );
    expect(flat).toMatch(
      /Findings closed • No host relays mail for arbitrary senders and recipients/,
    );
    expect(flat).toContain('Findings opened No new finding.');
    // The board summary states the trend instead of "no previous assessment".
    const board = run('pdftotext', ['-f', '3', '-l', '3', pdf.path, '-']).replace(/\s+/g, ' ');
    expect(board).toMatch(/Trend Since the assessment of .* dated 20 November 2025/);

    // The Word copy has the same section, as a real heading, with the same words.
    const docx = await download(page, 'Download editable report (Word, DOCX)');
    await page.getByText(`Downloaded ${docx.name}`).waitFor();
    const xml = run('unzip', ['-p', docx.path, 'word/document.xml']);
    expect(xml).toMatch(/<w:pStyle w:val="Heading1"\/>[\s\S]{0,400}Since the last assessment/);
    expect(xml).toContain('1 finding closed, 0 findings opened');
    expect(xml).toContain('No new finding.');
    expect(errors).toEqual([]);
    await close();
  });
});
