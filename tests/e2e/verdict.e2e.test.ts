/**
 * The verdict never turns green by a wrong answer, and every control says where it comes from:
 * end to end in the built app, as the IT manager of a small college on hosted mail would use it,
 * with the PDF and the CSV read back from the real downloads.
 */
import { execFileSync } from 'node:child_process';
import { mkdtemp, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Browser, Download, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { AnswerSchema, newAssessment } from '../../src/lib/model/assessment';
import { defaultCatalogue } from '../../src/lib/content/checklist';
import { documentText } from '../fixtures/report-assessment';
import { axeViolations, openApp, serveApp, stepHeading } from './support/app';
import { launchBrowser } from './support/browser';
import { readCsv } from './support/csv';
import type { StaticServer } from './support/static-server';

const RELAY = 'No host relays mail for arbitrary senders and recipients';
const PROXIES = 'No open HTTP or SOCKS proxies';
const RELAY_TESTED = 'Relay tests are run from outside the network and the results recorded';
/** The first words of the relay control's advice when answered Don't know: its first check. */
const FIND_OUT_RELAY = /^Find out first: Find every host that accepts SMTP connections\./;

/** The controls for hosted mail, beyond the guidance: section, title, and their source's link. */
const HOSTED_CONTROLS: [section: string, title: string, source: RegExp][] = [
  [
    'Open relays and open proxies',
    'Automatic forwarding to outside addresses is blocked in the hosted service',
    /^Microsoft Learn, Configuring and controlling external email forwarding/,
  ],
  [
    'Network filtering and access',
    'Devices and applications send through the hosted service without Basic authentication',
    /^Microsoft Learn, How to set up a multifunction device/,
  ],
  [
    'Network filtering and access',
    'Every hosted mailbox signs in with multi-factor authentication',
    /^NCSC, Multi-factor authentication/,
  ],
  [
    'Monitoring and incident readiness',
    'Outbound spam limits are set and their alerts reach someone',
    /^Microsoft Learn, Configure outbound spam policies/,
  ],
  [
    'Monitoring and incident readiness',
    'Alerts for compromised or restricted accounts are acted on',
    /^Microsoft Learn, Respond to a compromised email account/,
  ],
];

let browser: Browser;
let server: StaticServer;
let work: string;

beforeAll(async () => {
  [browser, server, work] = await Promise.all([
    launchBrowser(),
    serveApp(),
    mkdtemp(join(tmpdir(), 'verdict-e2e-')),
  ]);
});

afterAll(async () => {
  await browser?.close();
  await server?.stop();
});

async function download(page: Page, button: string): Promise<string> {
  const [event]: [Download, void] = await Promise.all([
    page.waitForEvent('download'),
    page.getByRole('button', { name: button }).click(),
  ]);
  const path = join(work, event.suggestedFilename());
  await event.saveAs(path);
  return path;
}

function card(page: Page, title: string) {
  return page.getByRole('article', { name: title });
}

describe('an honest verdict for a college on hosted mail', () => {
  test('the relay MUST offers no "not applicable"; "don\'t know" cannot be confirmed; provenance reaches the PDF and the CSV', async () => {
    const { page, errors, close } = await openApp(browser, server.url);
    await page.getByLabel('Organisation name').fill('Coleg Bach');
    await page.getByRole('radio', { name: /^Hosted mail service/ }).check();
    await page.getByRole('button', { name: /Open relays and open proxies/ }).click();
    await expect.poll(() => stepHeading(page)).toBe('Open relays and open proxies');

    // Covers every computer: no "not applicable", and the card says why.
    const relay = card(page, RELAY);
    await expect(relay.getByRole('radio', { name: 'Not applicable' }).count()).resolves.toBe(0);
    await expect(
      relay.getByRole('group').first().getAttribute('aria-describedby'),
    ).resolves.toBeTruthy();
    await relay
      .getByText(/There is no "not applicable" here: this covers every computer/)
      .waitFor();
    await expect(relay.getByText('From the guidance', { exact: true }).count()).resolves.toBe(1);
    // A control of the app's own says so, with its source, and may be declared not applicable.
    const tested = card(page, RELAY_TESTED);
    await tested.getByText('Beyond the guidance', { exact: true }).waitFor();
    await expect(tested.getByRole('link', { name: /NCSC/ }).count()).resolves.toBe(1);
    await expect(tested.getByRole('radio', { name: 'Not applicable' }).count()).resolves.toBe(1);
    expect(await axeViolations(page)).toEqual([]);

    await relay.getByRole('radio', { name: "Don't know" }).check();
    await card(page, PROXIES).getByRole('radio', { name: 'Implemented', exact: true }).check();
    await tested.getByRole('radio', { name: 'Not implemented' }).check();
    await page.getByRole('button', { name: 'Results and report' }).click();
    await expect.poll(() => stepHeading(page)).toBe('Results');

    const verdict = page.locator('section.verdict');
    await expect(page.locator('#verdict-heading').innerText()).resolves.toBe(
      'Cannot be confirmed from the answers',
    );
    await expect(verdict.innerText()).resolves.toContain(`MUST answered Don't know: ${RELAY}`);
    const scoreLine = await verdict.innerText();
    expect(scoreLine).toMatch(/Score against the guidance: \d+% · with good practice beyond it:/);
    expect(scoreLine).toMatch(/3 of \d+ applicable controls answered/);
    // The relay answered Don't know: its plan entry starts with how to find out.
    const planRow = page
      .getByRole('row')
      .filter({ has: page.getByRole('rowheader', { name: RELAY }) });
    await expect
      .poll(() => planRow.getByRole('cell').nth(2).innerText())
      .toMatch(/Find out first: Find every host/);
    expect(await axeViolations(page)).toEqual([]);

    // The same words, and the basis of each control, in the PDF …
    const pdf = execFileSync(
      'pdftotext',
      ['-layout', await download(page, 'Download PDF report'), '-'],
      {
        encoding: 'utf8',
      },
    ).replace(/\s+/g, ' ');
    expect(pdf).toContain('Cannot be confirmed from the answers');
    expect(pdf).toMatch(/Score against the guidance: \d+% · with good practice beyond it: \d+%/);
    expect(pdf).toContain('"Beyond": good practice the guidance does not ask for');
    expect(pdf).toMatch(/Basis:? From the guidance/);
    expect(pdf).toMatch(/Beyond the guidance: good practice from NCSC/);
    expect(pdf).toContain('Find out first:');

    // … and in the CSV action plan, one column a spreadsheet can filter on.
    const rows = await readCsv(await download(page, 'Download action plan (CSV)'));
    const byTitle = new Map(rows.map((row) => [row['Control'], row]));
    expect(byTitle.get(RELAY)?.['Basis']).toBe('From the guidance');
    expect(byTitle.get(RELAY_TESTED)?.['Basis']).toMatch(/^Beyond the guidance \(NCSC/);
    expect(byTitle.get(RELAY)?.['What to do']).toMatch(FIND_OUT_RELAY);

    // Both MUSTs answered Implemented: "meets", saying no more than that, with how much is answered.
    await page.getByRole('button', { name: /Open relays and open proxies/ }).click();
    await card(page, RELAY).getByRole('radio', { name: 'Implemented', exact: true }).check();
    await page.getByRole('button', { name: 'Results and report' }).click();
    await expect(page.locator('#verdict-heading').innerText()).resolves.toBe(
      'Meets the requirements',
    );
    const met = await verdict.innerText();
    expect(met).toContain('Every MUST control is answered Implemented.');
    expect(met).toMatch(/3 of \d+ applicable controls answered/);

    expect(errors).toEqual([]);
    await close();
  });

  test('a hosted college sees the controls for hosted mail, each with its source; own servers see them not applicable', async () => {
    const { page, errors, close } = await openApp(browser, server.url);
    await page.getByLabel('Organisation name').fill('Coleg Bach');
    await page.getByRole('radio', { name: /^Hosted mail service/ }).check();
    for (const section of new Set(HOSTED_CONTROLS.map(([s]) => s))) {
      await page.getByRole('button', { name: new RegExp(section) }).click();
      await expect.poll(() => stepHeading(page)).toBe(section);
      for (const [, title, source] of HOSTED_CONTROLS.filter(([s]) => s === section)) {
        const hosted = card(page, title);
        await hosted.getByText('Beyond the guidance', { exact: true }).waitFor();
        await expect(hosted.getByRole('link', { name: source }).count()).resolves.toBe(1);
        await expect(hosted.getByText('Not applicable (by profile).').count()).resolves.toBe(0);
        await expect(
          hosted.getByRole('radio', { name: 'Implemented', exact: true }).count(),
        ).resolves.toBe(1);
      }
      expect(await axeViolations(page)).toEqual([]);
    }

    // With its own mail servers, the same cards stay visible, not applicable by profile.
    await page.getByRole('button', { name: /Organisation profile/ }).click();
    await expect.poll(() => stepHeading(page)).toBe('Organisation profile');
    await page.getByRole('radio', { name: /^Own mail servers/ }).check();
    await page.getByRole('button', { name: /Network filtering and access/ }).click();
    await expect.poll(() => stepHeading(page)).toBe('Network filtering and access');
    const smtpAuth = card(page, HOSTED_CONTROLS[1]![1]);
    await smtpAuth.getByText('Not applicable (by profile).').waitFor();
    await expect(smtpAuth.innerText()).resolves.toContain('You do not use a hosted mail service');
    expect(errors).toEqual([]);
    await close();
  });

  test('a file that calls the relay and proxy MUSTs not applicable does not meet: it is incomplete, and each card says why', async () => {
    const assessment = newAssessment({
      id: 'hosted-na',
      now: new Date('2026-11-28T09:00:00Z'),
      catalogueVersion: '2026.1',
    });
    const na = {
      ...AnswerSchema.parse({ status: 'not-applicable' }),
      naReason: 'We use Microsoft 365',
    };
    assessment.profile.organisation = 'Coleg Hen';
    assessment.profile.serviceModel = 'hosted';
    assessment.answers = { 'no-open-relay': na, 'no-open-proxies': na };
    expect(defaultCatalogue.version).not.toBe('2026.1');
    const path = join(work, 'hosted-na.json');
    await writeFile(path, documentText(assessment));

    const { page, errors, close } = await openApp(browser, server.url);
    await page.getByRole('button', { name: /^Assessments/ }).click();
    await page.locator('#import-file').setInputFiles(path);
    await expect.poll(() => stepHeading(page)).toBe('Organisation profile');
    await page.getByRole('button', { name: 'Results and report' }).click();
    await expect.poll(() => stepHeading(page)).toBe('Results');
    await expect(page.locator('#verdict-heading').innerText()).resolves.toBe(
      'Incomplete: requirements still unanswered',
    );
    const verdict = await page.locator('section.verdict').innerText();
    expect(verdict).not.toContain('Meets');
    expect(verdict).toMatch(
      /MUST unanswered: No host relays mail[^\n]*Not applicable cannot be the answer/,
    );
    expect(await axeViolations(page)).toEqual([]);

    await page.getByRole('button', { name: /Open relays and open proxies/ }).click();
    const note = card(page, RELAY).getByRole('note');
    await expect(note.innerText()).resolves.toContain(
      'This was answered "not applicable", which it cannot be.',
    );
    await expect(note.innerText()).resolves.toContain('We use Microsoft 365');
    expect(await axeViolations(page)).toEqual([]);
    expect(errors).toEqual([]);
    await close();
  });
});
