/**
 * The report, the action plan and the integrity digest, end to end in the built app: an
 * assessment with a Welsh organisation name and a script tag in its evidence goes through the
 * real download; the PDF is read back with poppler's pdftotext, pdfinfo and pdftoppm; the JSON
 * export is verified against the digest printed in the PDF, then altered and refused.
 */
import { execFileSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { mkdir, mkdtemp, readFile, writeFile } from 'node:fs/promises';
import { existsSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Browser, Download, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { allControls } from '../../src/lib/model/catalogue';
import { defaultCatalogue } from '../../src/lib/content/checklist';
import { parseDocumentText } from '../../src/lib/model/document';
import { exportFileName } from '../../src/lib/shared/file-names';
import { canonicalJson } from '../../src/lib/assessment/canonical';
import {
  blocklistRun,
  CYRILLIC_OWNER,
  documentText,
  reportAssessment,
} from '../fixtures/report-assessment';
import { axeViolations, openApp, serveApp, stepHeading } from './support/app';
import { launchBrowser, type TestPage } from './support/browser';
import type { StaticServer } from './support/static-server';

const ORGANISATION = 'Prifysgol Bangor – Ysgol Gŵyr & Sŷr Môr';
const SCRIPT_NOTE = '<script>alert(1)</script>';
const SIGNER = 'Αλέξανδρος Παπαδόπουλος';
const LONG_OWNER = 'Tîm Rhwydweithiau a Systemau Gwybodaeth Prifysgol';
const LONG_URL =
  'https://community.jisc.ac.uk/library/janet-services-documentation/open-mail-relays-janet';
const ARTIFACTS = fileURLToPath(new URL('./artifacts/', import.meta.url));

let browser: Browser;
let server: StaticServer;
let work: string;

beforeAll(async () => {
  [browser, server, work] = await Promise.all([
    launchBrowser(),
    serveApp(),
    mkdtemp(join(tmpdir(), 'report-e2e-')),
  ]);
  await mkdir(ARTIFACTS, { recursive: true });
});

afterAll(async () => {
  await browser?.close();
  await server?.stop();
});

function run(command: string, args: string[]): string {
  return execFileSync(command, args, { encoding: 'utf8', maxBuffer: 64 * 1024 * 1024 });
}

const MM = 72 / 25.4;

/**
 * How far down each page the body text reaches, as a share of the space between the top and
 * bottom margins (22 and 20 mm; the running header and footer are left out): a page at 0.1 holds
 * a line or two and reads as a printing fault.
 */
function pageFill(path: string): number[] {
  const html = run('pdftotext', ['-bbox', path, '-']);
  return html
    .split('<page ')
    .slice(1)
    .map((page) => {
      const height = Number(/height="([\d.]+)"/.exec(page)?.[1]);
      const bottoms = [...page.matchAll(/yMin="([\d.]+)" xMax="[\d.]+" yMax="([\d.]+)"/g)]
        .map((m) => [Number(m[1]), Number(m[2])] as const)
        .filter(([top, bottom]) => top > 18 * MM && bottom < height - 14 * MM)
        .map(([, bottom]) => bottom);
      return (Math.max(22 * MM, ...bottoms) - 22 * MM) / (height - 42 * MM);
    });
}

/** Every page but the last carries a fair share of text: no near-empty page mid-report. */
function expectNoNearEmptyPage(path: string): void {
  const fills = pageFill(path);
  expect(fills.length).toBeGreaterThan(1);
  for (const [i, fill] of fills.slice(0, -1).entries()) {
    // Page 2 is the contents: a page of its own, however short.
    if (i === 1) continue;
    expect(fill, `page ${i + 1} of ${fills.length}`).toBeGreaterThan(0.3);
  }
}

/** Clicks `button` and saves what it downloads under `work`. */
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

/** Imports the prepared answers, then types the name and the script note through the UI. */
async function completeAssessment(test: TestPage): Promise<void> {
  const { page } = test;
  const prepared = join(work, 'prepared.json');
  await writeFile(prepared, documentText(reportAssessment()));
  await page.getByRole('button', { name: /^Assessments/ }).click();
  await page.locator('#import-file').setInputFiles(prepared);
  await expect.poll(() => stepHeading(page)).toBe('Organisation profile');

  await page.getByLabel('Organisation name').fill(ORGANISATION);
  await page.getByLabel('Mail domains').fill('bangor.ac.uk\n# staff only\nstaff.bangor.ac.uk');
  await page.getByRole('button', { name: /Open relays and open proxies/ }).click();
  await page.locator('#control-no-open-relay-notes').fill(SCRIPT_NOTE);
  await page.getByRole('button', { name: 'Results and report' }).click();
  await expect.poll(() => stepHeading(page)).toBe('Results');

  await page.getByLabel('Name', { exact: true }).fill(SIGNER);
  await page.getByLabel('Role', { exact: true }).fill('Pro-Vice-Chancellor');
  // A past date: a sign-off dated after today is refused.
  await page.getByLabel('Date', { exact: true }).fill('2026-11-28');
}

describe('the PDF report, the action plan and the digest', () => {
  test('a complete assessment exports a report that says exactly what was entered, and verifies', async () => {
    const testPage = await openApp(browser, server.url);
    const { page, errors, close } = testPage;
    const dialogs: string[] = [];
    page.on('dialog', (dialog) => {
      dialogs.push(dialog.message());
      void dialog.dismiss();
    });
    await completeAssessment(testPage);
    expect(await axeViolations(page)).toEqual([]);

    // The PDF, through the real download.
    const pdf = await download(page, 'Download PDF report');
    expect(pdf.name).toBe(exportFileName(ORGANISATION, '2026-11-28', 'pdf'));
    await page.getByText(`Downloaded ${pdf.name}`).waitFor();
    const text = run('pdftotext', ['-layout', pdf.path, '-']);

    // The results screen and the PDF say the same, from one wording module: the verdict, each
    // sentence it rests on, the score line's parts and the method, word for word.
    const flat = run('pdftotext', [pdf.path, '-']).replace(/\s+/g, ' ');
    const verdictBox = page.getByRole('region', { name: /the requirements/ });
    const onScreen = [
      await verdictBox.getByRole('heading', { level: 2 }).innerText(),
      // What the verdict rests on (the conflict notices, which have badges, are checked apart).
      ...(await verdictBox.locator(':scope > ul > li').allInnerTexts()),
      ...(await verdictBox.locator('strong').allInnerTexts()),
      ...(await page.locator('details.method p').allTextContents()),
    ].map((sentence) => sentence.replace(/\s+/g, ' ').trim());
    expect(onScreen.filter((s) => s.startsWith('MUST not met: '))).not.toEqual([]);
    for (const sentence of onScreen) expect(flat).toContain(sentence);

    // The scope is on the cover, as the profile gives it.
    expect(text).toMatch(/Mail domains\s+bangor\.ac\.uk, staff\.bangor\.ac\.uk/);
    for (const expected of [ORGANISATION, SCRIPT_NOTE, SIGNER, CYRILLIC_OWNER]) {
      expect(text).toContain(expected);
    }
    for (const section of defaultCatalogue.sections) expect(text).toContain(section.title);
    const musts = allControls(defaultCatalogue).filter(({ control }) => control.level === 'MUST');
    expect(musts.length).toBeGreaterThan(0);
    for (const { control } of musts) expect(text).toContain(control.title);

    // One heading for the section scores (the chart, then the table); remediation dates in
    // words, and a finding nobody owns or dated says so, as on screen.
    expect(text.match(/Scores by section/g)).toHaveLength(1);
    expect(text).toContain('31 March 2027');
    expect(text).not.toContain('2027-03-31');
    expect(text).toMatch(/Don't know +Not assigned +No target date/);
    expectNoNearEmptyPage(pdf.path);

    const info = run('pdfinfo', [pdf.path]);
    // jsPDF cannot tag a PDF, so the document properties have to be complete.
    expect(info).toContain(`Title:           Mail security self-assessment: ${ORGANISATION}`);
    expect(info).toMatch(
      /^Subject:\s+The mail services of .+ assessed against Open Mail Relays in Janet/m,
    );
    expect(info).toMatch(/^Author:\s+Siân Ní Bhriain$/m);
    expect(info).toMatch(
      /^Keywords:\s+mail security, self-assessment, open mail relay.*DNS block list/m,
    );
    expect((await readFile(pdf.path)).toString('latin1')).toContain('/Lang (en-GB)');
    const pages = Number(/^Pages:\s+(\d+)/m.exec(info)?.[1]);
    expect(pages).toBeGreaterThanOrEqual(6);
    // Every finding is written out in full (condition, criterion, risk, recommendation).
    expect(pages).toBeLessThanOrEqual(60);
    expect(info).toMatch(/Page size:\s+595\.\d+ x 841\.\d+ pts \(A4\)/);

    // Every page carries "Page X of Y" and one and the same digest.
    for (let n = 1; n <= pages; n += 1) expect(text).toContain(`Page ${n} of ${pages}`);
    const digests = [...text.matchAll(/SHA-256 ([0-9a-f]{64})/g)].map((m) => m[1]);
    expect(new Set(digests).size).toBe(1);
    expect(digests.length).toBeGreaterThanOrEqual(pages);
    const printed = digests[0]!;

    run('pdftoppm', [
      '-png',
      '-r',
      '60',
      '-f',
      '1',
      '-l',
      '1',
      '-singlefile',
      pdf.path,
      join(ARTIFACTS, 'report-page-1'),
    ]);
    expect(existsSync(join(ARTIFACTS, 'report-page-1.png'))).toBe(true);

    // The JSON export carries the digest printed in the PDF, and it is the digest of its content.
    const json = await download(page, 'Export assessment (JSON)');
    const exported = await readFile(json.path, 'utf8');
    const document = JSON.parse(exported) as { integrity?: { algorithm: string; digest: string } };
    expect(document.integrity).toMatchObject({ algorithm: 'SHA-256', digest: printed });
    const read = parseDocumentText(exported);
    if (!read.ok) throw new Error(read.reason);
    const parseAssessment = (text: string) => {
      const result = parseDocumentText(text);
      if (!result.ok) throw new Error(result.reason);
      return result.document.assessment;
    };
    const recomputed = createHash('sha256')
      .update(canonicalJson(read.document.assessment), 'utf8')
      .digest('hex');
    expect(recomputed).toBe(printed);

    // Verify: the export matches the printed digest…
    await page.locator('#verify-file').setInputFiles(json.path);
    await page.getByLabel('Digest printed on the report (recommended)').fill(printed);
    await page.getByRole('button', { name: 'Verify', exact: true }).click();
    await page
      .getByText(
        `${json.name} matches the report: it holds the content the report was printed from.`,
      )
      .waitFor();
    await page.getByText(/^The digest from the printed report matches/).waitFor();

    // …and with one answer changed in the file, it does not, and says what that means.
    const tampered = join(work, 'tampered.json');
    const changed = exported.replace('"status": "partial"', '"status": "implemented"');
    expect(changed).not.toBe(exported);
    await writeFile(tampered, changed);
    await page.locator('#verify-file').setInputFiles(tampered);
    await page.getByRole('button', { name: 'Verify', exact: true }).click();
    await page.getByText('Verification failed for tampered.json.').waitFor();
    await page.getByText(/does not agree with the digest written into it/).waitFor();
    await page.getByText(/differs from the assessment the report was printed from/).waitFor();

    // Someone who edits the file can write a matching digest into it: on its own that proves
    // nothing, and Verify says so; against the printed digest the change shows.
    const redigested = JSON.parse(changed) as {
      assessment: Parameters<typeof canonicalJson>[0];
      integrity: { digest: string };
    };
    redigested.integrity.digest = createHash('sha256')
      .update(canonicalJson(parseAssessment(changed)), 'utf8')
      .digest('hex');
    const forged = join(work, 'forged.json');
    await writeFile(forged, JSON.stringify(redigested, null, 2));
    await page.locator('#verify-file').setInputFiles(forged);
    await page.getByLabel('Digest printed on the report (recommended)').fill('');
    await page.getByRole('button', { name: 'Verify', exact: true }).click();
    await page.getByText(/^forged\.json agrees with its own digest\./).waitFor();
    await expect(page.getByText(/has not changed since it was exported/).count()).resolves.toBe(0);
    await page.getByLabel('Digest printed on the report (recommended)').fill(printed);
    await page.getByRole('button', { name: 'Verify', exact: true }).click();
    await page.getByText('Verification failed for forged.json.').waitFor();
    expect(await axeViolations(page)).toEqual([]);

    expect(dialogs).toEqual([]);
    expect(errors).toEqual([]);
    await close();
  });

  test('the layout: rows whole, words whole or hyphenated, answer blocks together, one date format, every font embedded', async () => {
    const testPage = await openApp(browser, server.url);
    await completeAssessment(testPage);
    const { page } = testPage;
    // A long Welsh owner name in the narrow owner column, and a long web address as a reference.
    await page.getByRole('button', { name: /Open relays and open proxies/ }).click();
    await page.locator('#control-no-open-relay-owner').fill(LONG_OWNER);
    await page.locator('#control-no-open-relay-ref').fill(LONG_URL);
    await page.getByRole('button', { name: 'Results and report' }).click();
    await expect.poll(() => stepHeading(page)).toBe('Results');
    const pdf = await download(page, 'Download PDF report');
    await page.getByText(`Downloaded ${pdf.name}`).waitFor();

    // Fonts: only the two embedded DejaVu Sans faces, the bold one named as bold.
    const fonts = run('pdffonts', [pdf.path])
      .split('\n')
      .slice(2)
      .filter((line) => line.trim() !== '');
    expect(fonts.map((line) => line.split(/\s+/)[0]).sort()).toEqual([
      'DejaVuSans',
      'DejaVuSans-Bold',
    ]);
    // Columns emb, sub, uni: embedded, with a Unicode map.
    for (const line of fonts) expect(line).toMatch(/\byes\s+(yes|no)\s+yes\s+\d+\s+\d+\s*$/);

    const layout = run('pdftotext', ['-layout', pdf.path, '-']);
    // No word typed is cut without a hyphen: no token anywhere in the text (every column's line
    // ends included) is a bare beginning of a longer typed word.
    // The words in Welsh, Greek and Russian (none is an English word that the guidance's own
    // text could hold a beginning of).
    const typed = [ORGANISATION, LONG_OWNER, SIGNER, CYRILLIC_OWNER]
      .join(' ')
      .split(/\s+/)
      .filter((word) => word.length >= 6 && word !== 'Systemau');
    const tokens = new Set(layout.split(/\s+/));
    for (const word of typed) {
      for (let cut = 2; cut < word.length; cut += 1) {
        const start = word.slice(0, cut);
        if (!typed.includes(start))
          expect(tokens.has(start), `"${start}" of "${word}"`).toBe(false);
      }
    }
    expect(layout).toContain('Rhwydweithiau');
    // The address breaks only after "/" or ".", so it joins up again; never "ht / tps".
    const flat = run('pdftotext', [pdf.path, '-']);
    const joined = flat.replace(/([/.])\n/g, '$1');
    expect(joined).toContain(LONG_URL);
    for (const line of flat.split('\n')) {
      const fragment = line.trim();
      if (fragment !== '' && LONG_URL.startsWith(fragment) && fragment !== LONG_URL) {
        expect(fragment, 'a web address cut elsewhere than after / or .').toMatch(/[/.]$/);
      }
    }

    // Rows whole: on every page of the remediation plan, the first row under the repeated
    // header row starts with its level; a row split across pages would continue with none.
    const pages = layout.split('\f');
    const planPages = pages.filter((text) => /^\s*Level\s+Control or finding/m.test(text));
    expect(planPages.length).toBeGreaterThan(1);
    for (const text of planPages) {
      const lines = text.split('\n');
      const header = lines.findIndex((line) => /^\s*Level\s+Control or finding/.test(line));
      const firstRow = lines.slice(header + 1).find((line) => line.trim() !== '');
      expect(firstRow).toMatch(/^\s*(MUST|SHOULD|MAY)\b/);
    }

    // One date format: every date in words, the month in full; no "30 Nov 2026" or 2026-11-30.
    expect(layout).not.toMatch(
      /\b\d{1,2} (Jan|Feb|Mar|Apr|Jun|Jul|Aug|Sep|Sept|Oct|Nov|Dec) \d{4}/,
    );
    expect(layout).toMatch(/Date of export\s+\d{1,2} [A-Z][a-z]+ \d{4} at \d{2}:\d{2}/);
    expect(layout).toMatch(/Date of assessment\s+\d{1,2} [A-Z][a-z]+ \d{4}/);

    // The contents give each section's page: the heading is on that page.
    const contents = [...pages[1]!.matchAll(/^(\S.*?)\s{2,}(\d+)$/gm)].map((m) => ({
      title: m[1]!,
      page: Number(m[2]),
    }));
    expect(contents.map((c) => c.title)).toEqual(
      expect.arrayContaining(['Summary for the board', 'Findings', 'Detailed answers']),
    );
    for (const { title, page } of contents) expect(pages[page - 1]).toContain(title);

    // An answer block is kept together: no page of the detailed answers starts with a field
    // whose control's title is on the page before.
    const detailsFrom = contents.find((c) => c.title === 'Detailed answers')!.page;
    const detailsTo = contents[contents.findIndex((c) => c.title === 'Detailed answers') + 1]!.page;
    expect(detailsTo).toBeGreaterThan(detailsFrom);
    for (const text of pages.slice(detailsFrom, detailsTo - 1)) {
      const lines = text.split('\n').filter((line) => line.trim() !== '');
      // lines[0] is the running header.
      expect(lines[1]).not.toMatch(
        /^\s*(Level|Basis|Answer|Evidence notes|Reference|Owner|Target date)\s{2,}/,
      );
    }
    expect(testPage.errors).toEqual([]);
    await testPage.close();
  });

  test('the report an auditor files: document control, marking on every page, scope, findings written out, evidence index, board summary', async () => {
    const testPage = await openApp(browser, server.url);
    await completeAssessment(testPage);
    const { page } = testPage;
    await page.getByLabel('Classification marking (optional)').fill('OFFICIAL-SENSITIVE');
    await page
      .getByLabel('Distribution list (optional)')
      .fill('Pwyllgor Archwilio (Audit Committee)\nJisc CSIRT');
    expect(await axeViolations(page)).toEqual([]);
    const pdf = await download(page, 'Download PDF report');
    await page.getByText(`Downloaded ${pdf.name}`).waitFor();
    const layout = run('pdftotext', ['-layout', pdf.path, '-']);
    const pages = layout.split('\f').filter((text) => text.trim() !== '');
    const flat = layout.replace(/\s+/g, ' ');

    // The marking the user chose heads every page.
    for (const [i, text] of pages.entries()) {
      expect(text.split('\n').slice(0, 3).join(' '), `page ${i + 1}`).toContain(
        'OFFICIAL-SENSITIVE',
      );
    }
    // Document control: a reference from the digest, the version, the distribution.
    const digest = /SHA-256 ([0-9a-f]{64})/.exec(layout)![1]!;
    const reference = `MSA-${digest.slice(0, 4).toUpperCase()}-${digest.slice(4, 8).toUpperCase()}`;
    expect(layout).toMatch(new RegExp(`Reference\\s+${reference}`));
    expect(layout).toMatch(/Version\s+(Draft|Final): /);
    expect(flat).toContain('Pwyllgor Archwilio (Audit Committee) Jisc CSIRT');
    // Every section, with the organisation as typed.
    for (const heading of [
      'Contents',
      'Summary for the board',
      'Objective, scope, criteria and limitations',
      'Findings',
      'Evidence index',
    ]) {
      expect(layout).toContain(heading);
    }
    expect(layout).toContain(ORGANISATION);
    expect(flat).toContain("All 35 applicable controls rest on the assessor's statement");
    // A finding written out: the requirement quoted from the guidance, the risk, the fix.
    expect(flat).toMatch(/Finding 1: No host relays mail for arbitrary senders and recipients/);
    expect(flat).toContain(
      'MUST NOT allow any computers on their networks to be used to relay UBE',
    );
    expect(flat).toMatch(/Severity High \(MUST\)/);
    expect(flat).toMatch(/Recommendation Any platform: /);
    expect(flat).toContain('Postfix: Permit relaying only for mynetworks');
    // The evidence index lists each reference typed.
    expect(flat).toMatch(/Evidence index .*Reference .*TICKET-1001/);
    expect(testPage.errors).toEqual([]);
    await testPage.close();
  });

  test('the Word copy (DOCX) has the same headings, findings and digest as the PDF, as real headings and table headers', async () => {
    const testPage = await openApp(browser, server.url);
    await completeAssessment(testPage);
    const { page } = testPage;
    await page.getByLabel('Classification marking (optional)').fill('OFFICIAL');
    await expect(page.getByText(/It is also\s+the accessible version/).count()).resolves.toBe(1);
    const pdf = await download(page, 'Download PDF report');
    await page.getByText(`Downloaded ${pdf.name}`).waitFor();
    const docx = await download(page, 'Download editable report (Word, DOCX)');
    expect(docx.name).toBe(exportFileName(ORGANISATION, '2026-11-28', 'docx'));
    await page.getByText(`Downloaded ${docx.name}`).waitFor();

    const xml = run('unzip', ['-p', docx.path, 'word/document.xml']);
    const header = run('unzip', ['-p', docx.path, 'word/header1.xml']);
    const footer = run('unzip', ['-p', docx.path, 'word/footer1.xml']);
    const unescape = (text: string) =>
      text
        .replace(/&lt;/g, '<')
        .replace(/&gt;/g, '>')
        .replace(/&quot;/g, '"')
        .replace(/&apos;/g, "'")
        .replace(/&amp;/g, '&');
    // Paragraphs as text, with their style (Heading1…).
    const paragraphs = [
      ...xml.matchAll(/<w:p>([\s\S]*?)<\/w:p>|<w:p [^>]*>([\s\S]*?)<\/w:p>/g),
    ].map((m) => {
      const body = m[1] ?? m[2] ?? '';
      return {
        style: /<w:pStyle w:val="([^"]+)"/.exec(body)?.[1] ?? '',
        text: unescape([...body.matchAll(/<w:t[^>]*>([^<]*)<\/w:t>/g)].map((t) => t[1]).join('')),
      };
    });
    const headings1 = paragraphs.filter((p) => p.style === 'Heading1').map((p) => p.text);
    // The PDF's contents list the same level-1 headings, in the same order.
    const pdfContents = [
      ...run('pdftotext', ['-layout', '-f', '2', '-l', '2', pdf.path, '-']).matchAll(
        /^(\S.*?)\s{2,}(\d+)$/gm,
      ),
    ].map((m) => m[1]);
    expect(headings1).toEqual(pdfContents);
    // The same findings, in the same order.
    const pdfFlat = run('pdftotext', [pdf.path, '-']).replace(/\s+/g, ' ');
    const docxFindings = paragraphs
      .filter((p) => p.style === 'Heading3' && p.text.startsWith('Finding '))
      .map((p) => p.text);
    expect(docxFindings.length).toBeGreaterThan(5);
    for (const finding of docxFindings) expect(pdfFlat).toContain(finding);
    expect(pdfFlat.match(/Finding \d+: /g)).toHaveLength(docxFindings.length);
    // The same digest, the organisation and the script note as text, the marking in the header.
    const digest = /SHA-256 ([0-9a-f]{64})/.exec(pdfFlat)![1]!;
    expect(footer).toContain(`SHA-256 ${digest}`);
    expect(unescape(xml)).toContain(ORGANISATION);
    expect(unescape(xml)).toContain(SCRIPT_NOTE);
    expect(header).toContain('OFFICIAL');
    // Tables have header rows that repeat.
    expect(xml).toContain('<w:tblHeader');
    expect(testPage.errors).toEqual([]);
    await testPage.close();
  });

  test('the action plan CSV opens cleanly in a spreadsheet and runs nothing', async () => {
    const testPage = await openApp(browser, server.url);
    await completeAssessment(testPage);
    // A formula hidden behind a space and one in full-width characters, typed as evidence.
    const { page } = testPage;
    await page.getByRole('button', { name: /Open relays and open proxies/ }).click();
    await page.locator('#control-no-open-relay-notes').fill(' =cmd|"/c calc"!A1');
    await page.locator('#control-no-open-proxies-notes').fill('＝HYPERLINK("x")');
    await page.getByRole('button', { name: 'Results and report' }).click();
    await expect.poll(() => stepHeading(page)).toBe('Results');
    const csv = await download(testPage.page, 'Download action plan (CSV)');
    const bytes = await readFile(csv.path);
    expect([...bytes.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    const text = bytes.toString('utf8');
    expect(text).toContain(
      '"Control","Level","Basis","Section","Answer","Owner","Target date","Overdue","Agreed action","Evidence notes","Evidence reference","What to do"\r\n',
    );
    // The evidence travels with each row, and "What to do" carries its commands in full.
    expect(text).toContain('"Checked on 2026-11-20 by the mail team (control 2).","TICKET-1001"');
    expect(text).toContain("\n    postconf -e 'smtpd_relay_restrictions = permit_mynetworks");
    // The owner typed as =HYPERLINK(…) is text in a spreadsheet, not a formula.
    expect(text).toContain(`"'=HYPERLINK(""https://example.invalid/"",""click me"")"`);
    expect(text).not.toMatch(/(^|,)"=/m);
    expect(text).toContain(`"' =cmd|""/c calc""!A1"`);
    expect(text).toContain(`"'＝HYPERLINK(""x"")"`);
    expect(text).toContain(`"${CYRILLIC_OWNER}"`);
    expect(testPage.errors).toEqual([]);
    await testPage.close();
  });

  test('an answer the block-list run contradicts is stated on the results and in the executive summary', async () => {
    const { page, errors, close } = await openApp(browser, server.url);
    // One address is listed on a list that passed its test points, yet the control says none is.
    const prepared = reportAssessment({ organisation: 'Coleg Gŵyr', run: blocklistRun(20, 2) });
    prepared.answers['blocklist-not-listed'] = {
      ...prepared.answers['blocklist-not-listed']!,
      status: 'implemented',
    };
    const file = join(work, 'contradicted.json');
    await writeFile(file, documentText({ ...prepared, step: 'results' }));
    await page.getByRole('button', { name: /^Assessments/ }).click();
    await page.locator('#import-file').setInputFiles(file);
    await expect.poll(() => stepHeading(page)).toBe('Results');
    const notice = page.getByRole('note', { name: 'Answers contradict the evidence' });
    await expect
      .poll(() => notice.innerText())
      .toMatch(/is answered Implemented, but the block-list check of .* found 1 address listed/);
    expect(await axeViolations(page)).toEqual([]);
    // The run came from a file: its lookup pages are not the catalogue's, so none is a link.
    await expect(page.locator('a[href*="example.org"]').count()).resolves.toBe(0);
    await expect(
      page
        .getByText(/names a lookup page on bl\d\.example\.org, which is not one this app knows/)
        .count(),
    ).resolves.toBeGreaterThan(0);

    const pdf = await download(page, 'Download PDF report');
    await page.getByText(`Downloaded ${pdf.name}`).waitFor();
    // Page 3 is the summary for the board, page 4 the executive summary: both say it.
    const board = run('pdftotext', ['-f', '3', '-l', '3', pdf.path, '-']).replace(/\s+/g, ' ');
    expect(board).toContain('Answers contradict the evidence');
    const summary = run('pdftotext', ['-f', '4', '-l', '4', pdf.path, '-']).replace(/\s+/g, ' ');
    expect(summary).toContain('Answers contradict the evidence');
    expect(summary).toMatch(
      /“None of our addresses is on a DNS block list” is answered Implemented, but the block-list check of .* found 1 address listed on 1 list \(Barracuda Reputation\)\./,
    );
    expect(summary).toContain('The score and the verdict count these answers as given.');
    // The run is tested evidence: named in what the answers rest on and in the evidence index
    // with its hash.
    const all = run('pdftotext', [pdf.path, '-']).replace(/\s+/g, ' ');
    expect(all).toMatch(/applicable control rests on tested evidence recorded by the app/);
    expect(all).toMatch(/Block-list check .*SHA-256 [0-9a-f]{64}/);
    // The widely used lists the run did not ask are named, so "not listed" covers no more.
    expect(all).toContain('Widely used block lists this check does not cover');
    expect(all).toContain('Spamhaus ZEN (not asked in this check)');
    expect(errors).toEqual([]);
    await close();
  });

  test('a list that failed its test points has its reason printed in readable lines', async () => {
    const { page, errors, close } = await openApp(browser, server.url);
    const failed = blocklistRun(20, 2);
    const reason =
      'The list does not list its test point 127.0.0.2, as every working list must (RFC 5782): it is not answering this resolver or has been shut down; its "not listed" answers cannot be trusted';
    failed.lists[1] = {
      ...failed.lists[1]!,
      health: { usable: false, reason },
      familyHealth: { ipv4: { usable: false, reason } },
    };
    const file = join(work, 'failed-list.json');
    await writeFile(file, documentText({ ...reportAssessment({ run: failed }), step: 'results' }));
    await page.getByRole('button', { name: /^Assessments/ }).click();
    await page.locator('#import-file').setInputFiles(file);
    await expect.poll(() => stepHeading(page)).toBe('Results');
    const pdf = await download(page, 'Download PDF report');
    await page.getByText(`Downloaded ${pdf.name}`).waitFor();
    const text = run('pdftotext', ['-layout', pdf.path, '-']);

    // Eight words of the reason side by side: the column was narrow enough for three.
    expect(text).toMatch(/IPv4 failed: The list does not list its test/);
    expectNoNearEmptyPage(pdf.path);
    expect(errors).toEqual([]);
    await close();
  });

  test('a character the report font cannot draw is printed as □ and the report says so', async () => {
    const { page, errors, close } = await openApp(browser, server.url);
    const file = join(work, 'emoji.json');
    await writeFile(
      file,
      documentText({ ...reportAssessment({ organisation: 'Coleg 🙂 Cymru' }), step: 'results' }),
    );
    await page.getByRole('button', { name: /^Assessments/ }).click();
    await page.locator('#import-file').setInputFiles(file);
    await expect.poll(() => stepHeading(page)).toBe('Results');
    const pdf = await download(page, 'Download PDF report');
    await page.getByText(`Downloaded ${pdf.name}`).waitFor();
    const text = run('pdftotext', [pdf.path, '-']);
    expect(text).toContain('Coleg □ Cymru');
    expect(text.replace(/\s+/g, ' ')).toMatch(
      // The organisation is printed twice (the cover and the scope), so two characters.
      /2 characters in the text entered could not be printed in this report's font \(an emoji, for example\) and are shown as □/,
    );
    expect(errors).toEqual([]);
    await close();
  });

  test('US Letter is offered and gives Letter pages', async () => {
    const testPage = await openApp(browser, server.url);
    await completeAssessment(testPage);
    await testPage.page.getByRole('radio', { name: 'US Letter' }).check();
    const pdf = await download(testPage.page, 'Download PDF report');
    expect(run('pdfinfo', [pdf.path])).toMatch(/Page size:\s+612 x 792 pts \(letter\)/);
    expectNoNearEmptyPage(pdf.path);
    expect(testPage.errors).toEqual([]);
    await testPage.close();
  });
});
