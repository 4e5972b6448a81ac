/**
 * The journeys that matter most, written once and run in both browsers people use the app in:
 * Debian's Chromium (playwright-core) and Debian's Firefox ESR (puppeteer-core over WebDriver
 * BiDi), against the same built app and the same loopback servers. Each journey opens a fresh
 * browser context, acts through the driver-neutral `Driver` (support/driver.ts), and ends with
 * no console error, uncaught exception or Content-Security-Policy violation on the page.
 */
import { execFileSync } from 'node:child_process';
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, afterEach, beforeAll, describe, expect, test } from 'vitest';
import { defaultCatalogue } from '../../src/lib/content/checklist';
import { exportFileName } from '../../src/lib/shared/file-names';
import { CYRILLIC_OWNER, documentText, reportAssessment } from '../fixtures/report-assessment';
import { serveApp } from './support/app';
import { launchChromiumDriver } from './support/chromium-driver';
import { startDohServer, type DohServer } from './support/dns-server';
import type { BrowserName, Driver, DriverFactory } from './support/driver';
import { launchFirefoxDriver } from './support/firefox-driver';
import {
  axeViolations,
  countOf,
  isChecked,
  stepHeading,
  tabTo,
  textOf,
  valueOf,
  waitForTarget,
  waitForText,
} from './support/journey-steps';
import type { StaticServer } from './support/static-server';
import { GOOD_TXT_192_31_196_10, ZONE } from './support/zones';

const LAUNCH: Record<BrowserName, () => Promise<DriverFactory>> = {
  chromium: launchChromiumDriver,
  firefox: launchFirefoxDriver,
};

let server: StaticServer;
let doh: DohServer;
let work: string;

beforeAll(async () => {
  [server, doh, work] = await Promise.all([
    serveApp(),
    startDohServer(),
    mkdtemp(join(tmpdir(), 'e2e-journeys-')),
  ]);
});

afterAll(async () => {
  await server?.stop();
  await doh?.stop();
  if (work) await rm(work, { recursive: true, force: true });
});

const PRIMARY = 'main .actions button.button:not(.button--secondary)';
const IMPORT_FILE = { label: 'Choose an exported JSON file' } as const;

/** The radio-group names (one per answerable control) of the section on screen, in order. */
function answerGroups(driver: Driver): Promise<string[]> {
  return driver.evaluate(
    () => [
      ...new Set(
        [
          ...document.querySelectorAll<HTMLInputElement>('main input[type=radio][name$="-status"]'),
        ].map((input) => input.name),
      ),
    ],
    null,
  );
}

/** The verdict, the score table and the plan as the results screen shows them. */
async function results(driver: Driver): Promise<string> {
  await waitForTarget(driver, { css: '.verdict' });
  return driver.evaluate(
    () =>
      [
        ...document.querySelectorAll(
          '.verdict, section[aria-labelledby=scores-heading] table, section[aria-labelledby=plan-heading]',
        ),
      ]
        .map((el) => (el as HTMLElement).innerText)
        .join('\n'),
    null,
  );
}

/** Opens the "Assessments" view and imports a file there. */
async function importFile(driver: Driver, path: string) {
  await driver.click({ role: 'button', name: /^Assessments/ });
  await driver.upload(IMPORT_FILE, path);
}

describe.each(['chromium', 'firefox'] as const)('in %s', (browserName) => {
  let factory: DriverFactory;
  let driver: Driver | undefined;
  /** axe-core's findings on each screen checked, by heading; expected to stay empty. */
  let violations: Record<string, string[]>;

  beforeAll(async () => {
    factory = await LAUNCH[browserName]();
    console.info(`journeys: ${factory.version}`);
  });

  afterAll(async () => {
    await factory?.close();
  });

  // A journey that failed part-way leaves its context open: close it before the next one.
  afterEach(async () => {
    await driver?.close();
    driver = undefined;
  });

  /** A fresh browser context on the app, with its first screen rendered. */
  async function open(): Promise<Driver> {
    violations = {};
    driver = await factory.open(server.url);
    await waitForTarget(driver, { css: 'h1' });
    return driver;
  }

  async function axe(d: Driver, screen?: string) {
    const found = await axeViolations(d);
    if (found.length > 0) violations[screen ?? (await stepHeading(d))] = found;
  }

  /** Every journey ends here: nothing reported by the page or by axe-core. */
  async function done(d: Driver) {
    expect(violations).toEqual({});
    expect(d.problems).toEqual([]);
    await d.close();
    driver = undefined;
  }

  test('the app loads with no console error and no CSP violation, and a violation would be caught', async () => {
    const d = await open();
    await waitForTarget(d, { label: 'Organisation name' });
    // Give anything late (a lazily loaded module, a deferred probe) a moment to complain.
    await new Promise((resolve) => setTimeout(resolve, 500));
    expect(d.problems).toEqual([]);
    // The check itself works: an inline script, which the policy forbids, is reported.
    await d.evaluate(() => {
      const script = document.createElement('script');
      script.textContent = 'void 0';
      document.head.append(script);
    }, null);
    await expect
      .poll(() => d.problems.map((p) => p.text).join('\n'))
      .toMatch(/CSP violation: script-src/);
    await d.close();
    driver = undefined;
  });

  test('a whole assessment can be completed with the keyboard alone, and every step passes axe', async () => {
    const d = await open();
    await axe(d);
    await tabTo(d, '#organisation');
    await d.type('Coleg Cymraeg – Keyboard Test');
    await tabTo(d, '#assessor-name');
    await d.type('Siân Jones');
    await tabTo(d, '#assessor-role');
    await d.type('Network manager');
    await tabTo(d, 'input[name=service-model]');
    await d.press('Space'); // Own mail servers
    await tabTo(d, '#mail-servers');
    await d.type('192.0.2.25\n192.0.2.300');
    await waitForText(d, /Line 2: .*192\.0\.2\.300/);
    await d.press('Backspace');
    await d.press('Backspace');
    await d.type('6');
    await expect.poll(() => countOf(d, { css: '.line-problems li' })).toBe(0);
    await axe(d);
    await tabTo(d, PRIMARY, 'Save and continue');
    await d.press('Enter');

    // Seven sections: every control "Implemented" (Space on the first radio), except the
    // open-relay MUST, "Not implemented" (two arrows on) with an owner.
    for (let section = 0; section < 7; section += 1) {
      await expect.poll(() => stepHeading(d)).not.toBe('Organisation profile');
      await waitForText(d, 'Why it matters');
      const heading = await stepHeading(d);
      for (const group of await answerGroups(d)) {
        await tabTo(d, `input[name="${group}"]`);
        if (group === 'control-no-open-relay-status') {
          await d.press('ArrowRight');
          await d.press('ArrowRight');
          await tabTo(d, '#control-no-open-relay-owner');
          await d.type('Mail team');
        } else {
          await d.press('Space');
        }
      }
      await axe(d);
      await tabTo(d, PRIMARY, section < 6 ? 'Next section' : 'Next: block-list check');
      await d.press('Enter');
      await expect.poll(() => stepHeading(d)).not.toBe(heading);
    }

    expect(await stepHeading(d)).toBe('Block-list check');
    await waitForTarget(d, { role: 'button', name: 'Check the addresses' });
    await axe(d);
    await tabTo(d, PRIMARY, 'Next: network scans');
    await d.press('Enter');
    // The optional scan step, loaded on demand, skipped too.
    await expect.poll(() => stepHeading(d)).toBe('Network scans');
    await waitForText(d, 'No scan imported yet.');
    await axe(d);
    await tabTo(d, PRIMARY, 'Review answers');
    await d.press('Enter');
    await expect.poll(() => stepHeading(d)).toBe('Review');
    await waitForText(d, 'Every applicable control has an answer.');
    await axe(d);
    await tabTo(d, PRIMARY, 'See the results');
    await d.press('Enter');

    await expect.poll(() => stepHeading(d)).toBe('Results');
    expect(await textOf(d, { css: '#verdict-heading' })).toBe('Does not meet the requirements');
    const plan = 'section[aria-labelledby=plan-heading] tbody tr';
    expect(await countOf(d, { css: plan })).toBe(1);
    expect(await textOf(d, { css: plan })).toMatch(/MUST[\s\S]*Mail team/);
    await axe(d);
    await done(d);
    // It tabs through every control of the checklist (41 since 2026.3) and runs axe on each step:
    // about 30 s alone in Chromium, past the usual minute when the suite shares two busy cores.
  }, 120_000);

  test('a reload in the middle resumes at the same step with nothing lost', async () => {
    const d = await open();
    await d.fill({ label: 'Organisation name' }, 'Reload University');
    await d.fill({ label: 'Network ranges' }, '192.0.2.0/24\n198.51.100.7/24');
    await d.click({ role: 'radio', name: /^Hosted mail service/ });
    await d.click({ role: 'button', name: /Patching and unnecessary services/ });
    await d.click({ role: 'radio', name: 'Partially implemented' });
    await d.fill({ label: 'Evidence notes' }, 'Half the estate is on the new WSUS.');
    await d.fill({ label: 'Owner of the fix' }, 'Desktop team');

    await d.reload();
    await waitForText(d, 'Why it matters');
    expect(await stepHeading(d)).toBe('Patching and unnecessary services');
    expect(await isChecked(d, { role: 'radio', name: 'Partially implemented' })).toBe(true);
    expect(await valueOf(d, { label: 'Evidence notes' })).toBe(
      'Half the estate is on the new WSUS.',
    );
    expect(await valueOf(d, { label: 'Owner of the fix' })).toBe('Desktop team');
    // With a hosted service, mail-server patching is not applicable, with the reason shown.
    await waitForText(d, 'Not applicable (by profile).');
    await axe(d);

    await d.click({ role: 'button', name: 'Organisation profile' });
    expect(await valueOf(d, { label: 'Organisation name' })).toBe('Reload University');
    // The bad range line is kept as typed, with its message.
    expect(await valueOf(d, { label: 'Network ranges' })).toBe('192.0.2.0/24\n198.51.100.7/24');
    await waitForText(d, /Line 2: .*198\.51\.100\.0\/24/);
    await axe(d);
    await done(d);
  });

  test('a damaged import is refused with the reason and the open assessment is untouched', async () => {
    const d = await open();
    await d.fill({ label: 'Organisation name' }, 'Untouched College');
    await d.click({ role: 'button', name: /^Assessments/ });
    await axe(d, 'Assessments');
    const cases: [string, string, RegExp][] = [
      [
        'truncated.json',
        '{"format":"mail-security-self-assessment","schemaVersion":2,"assess',
        /cut short \(truncated\)/,
      ],
      [
        'package.json',
        '{"name":"left-pad","version":"1.3.0"}',
        /not a Mail Security Self-Assessment file/,
      ],
      ['notes.json', 'hello, this is not JSON', /not valid JSON/],
      [
        'edited.json',
        '{"format":"mail-security-self-assessment","schemaVersion":2,"savedAt":"2026-11-28T09:00:00.000Z","assessment":{"id":7}}',
        /The file is damaged: \d+ fields do not hold what this app writes/,
      ],
    ];
    for (const [name, content, message] of cases) {
      const path = join(work, `${browserName}-${name}`);
      await writeFile(path, content);
      await d.upload(IMPORT_FILE, path);
      const alert = {
        role: 'alert',
        name: new RegExp(`${browserName}-${name}\\S* was not imported`),
      } as const;
      const said = await textOf(d, alert);
      expect(said).toMatch(message);
      expect(said).toMatch(/Your open assessment has not been changed/);
      if (name === 'package.json') continue;
      // Plain words first; what the parser or the schema said only when asked for.
      expect(said).not.toMatch(/parser|Invalid input|Unexpected/);
      await d.click({ css: 'summary', name: 'Technical detail' });
      expect(await textOf(d, alert)).toMatch(
        /The JSON parser said: |assessment\.id: Invalid input/,
      );
    }
    await axe(d, 'Assessments, after a refused import');
    expect(await countOf(d, { css: '.library-item' })).toBe(1);

    await d.click({ role: 'button', name: 'Current assessment' });
    expect(await valueOf(d, { label: 'Organisation name' })).toBe('Untouched College');
    await done(d);
  });

  test('export then re-import gives the same results, as a second assessment', async () => {
    const d = await open();
    await d.fill({ label: 'Organisation name' }, 'Round Trip Institute');
    await d.click({ role: 'radio', name: 'Own mail servers' });
    await d.click({ role: 'button', name: /Open relays and open proxies/ });
    await waitForText(d, 'Why it matters');
    // Four controls implemented, and the open-relay MUST not: the verdict is "does not meet".
    for (let i = 0; i < 4; i += 1) await d.click({ role: 'radio', name: 'Implemented', nth: i });
    await d.click({
      css: 'input[name="control-no-open-relay-status"]',
      name: 'Not implemented',
    });
    await d.click({ role: 'button', name: 'Results and report' });
    const before = await results(d);
    expect(before).toMatch(/^Does not meet the requirements/);
    await axe(d);

    const dir = await mkdtemp(join(work, `${browserName}-export-`));
    const saved = await d.download(
      () => d.click({ role: 'button', name: 'Export assessment (JSON)' }),
      dir,
    );
    expect(saved.name).toMatch(
      /^Round-Trip-Institute-\d{4}-\d{2}-\d{2}-mail-security-assessment\.json$/,
    );
    const exported = JSON.parse(await readFile(saved.path, 'utf8')) as { format: string };
    expect(exported.format).toBe('mail-security-self-assessment');

    await importFile(d, saved.path);
    await waitForText(d, /Imported \u2068?Round Trip Institute/);
    await waitForTarget(d, { role: 'button', name: /^Assessments \(2\)/ });
    expect(await stepHeading(d)).toBe('Results');
    expect(await results(d)).toBe(before);
    await done(d);
  });

  test('a block-list check through the loopback DoH server shows a listing and a broken list honestly', async () => {
    const d = await open();
    await d.fill({ label: 'Organisation name' }, 'Loopback University');
    await d.fill({ label: 'Mail server addresses' }, '192.31.196.10\n192.31.196.20');
    await d.click({ role: 'button', name: /Block-list check/ });
    await d.click({ role: 'radio', name: /Your own DoH resolver/ });
    await d.fill({ label: 'Resolver address (RFC 8484)' }, doh.url);
    // Only the test lists: the real ones are not served by the loopback resolver.
    while ((await countOf(d, { css: '.list-choices input[type=checkbox]:checked' })) > 0) {
      await d.click({ css: '.list-choices input[type=checkbox]:checked' });
    }
    await d.click({ css: 'summary', name: 'Add your own list (for example a Janet mirror)' });
    for (const [zone, name, codes] of [
      [ZONE.good, 'Good', '127.0.0.2 Spam source'],
      [ZONE.wild, 'Wildcard', ''],
    ] as const) {
      await d.fill({ label: 'Zone' }, zone);
      await d.fill({ label: 'Name (optional)' }, name);
      await d.fill({ label: /What its answers mean/ }, codes);
      await d.click({ role: 'button', name: 'Add this list' });
      await waitForTarget(d, { role: 'checkbox', name });
    }
    await axe(d);

    await d.click({ role: 'button', name: 'Check the addresses' });
    const consent = { role: 'region', name: 'Before anything is sent' } as const;
    const consentText = await textOf(d, consent);
    expect(consentText).toContain(doh.url);
    expect(consentText).toContain(ZONE.good);
    expect(consentText).toContain(ZONE.wild);
    await axe(d, 'Block-list check: consent');
    await d.click({ role: 'button', name: 'I agree: start the check' });

    // The dead list answers "listed" for everything: it fails its test points, so the run has
    // gaps and is never called complete or clean.
    await waitForTarget(d, { role: 'heading', name: 'Check finished with gaps' }, 30_000);
    await axe(d, 'Block-list check: results');
    const health = await textOf(d, { css: '.list-health' });
    expect(health).toMatch(/Good \(.*\n?.*answered its test points correctly/);
    expect(health).toMatch(
      /Wildcard \([\s\S]*unusable — .*'listed' for its 127\.0\.0\.1 test point/,
    );
    const cell = (address: string, list: string) =>
      d.evaluate(
        async ([ip, name]) => {
          const table = document.querySelector('table.results-grid');
          if (!table) return null;
          const headers = [...table.querySelectorAll('thead th')].map((th) =>
            th.textContent?.trim(),
          );
          const row = [...table.querySelectorAll('tbody tr')].find(
            (tr) => tr.querySelector('th')?.textContent?.trim() === ip,
          );
          const td = row?.children[headers.indexOf(name)] as HTMLElement | undefined;
          const summary = td?.querySelector('summary');
          // The details are made when the cell is opened, as a user opens it; closed again after.
          const disclosure = td?.querySelector('details');
          let details = '';
          if (td && disclosure) {
            disclosure.open = true;
            for (let t = 0; t < 2000 && !td.querySelector('.outcome-details'); t += 20) {
              await new Promise((resolve) => setTimeout(resolve, 20));
            }
            details = td.querySelector('.outcome-details')?.textContent ?? '';
            disclosure.open = false;
          }
          return {
            outcome: summary?.getAttribute('data-outcome') ?? td?.innerText.trim() ?? '',
            details,
          };
        },
        [address, list] as const,
      );
    expect(await cell('192.31.196.10', 'Good')).toMatchObject({ outcome: 'listed' });
    expect((await cell('192.31.196.10', 'Good'))?.details).toContain(GOOD_TXT_192_31_196_10);
    expect(await cell('192.31.196.20', 'Good')).toMatchObject({ outcome: 'not-listed' });
    expect(await cell('192.31.196.10', 'Wildcard')).toMatchObject({ outcome: 'list-unusable' });
    await waitForText(
      d,
      /1 listing found\. 2 of the 4 address\/list pairs that could be asked have no verdict: .*because the list failed its test points/,
    );

    // Kept in the assessment, and a finding in the plan; the dead list's "listed" is not.
    await d.reload();
    await waitForTarget(d, { role: 'heading', name: 'Last stored check' });
    expect(await cell('192.31.196.10', 'Good')).toMatchObject({ outcome: 'listed' });
    await d.click({ role: 'button', name: 'Results and report' });
    const plan = await textOf(d, { role: 'region', name: 'Remediation plan table' });
    expect(plan).toContain('192.31.196.10 is listed on Good');
    expect(plan).not.toContain('listed on Wildcard');
    await axe(d);
    await done(d);
  });

  test('the PDF report and the action plan CSV download and read back as entered', async () => {
    const d = await open();
    const organisation = 'Prifysgol Bangor – Ysgol Gŵyr & Sŷr Môr';
    const prepared = join(work, `${browserName}-prepared.json`);
    await writeFile(prepared, documentText(reportAssessment()));
    await importFile(d, prepared);
    await expect.poll(() => stepHeading(d)).toBe('Organisation profile');
    await d.fill({ label: 'Organisation name' }, organisation);
    await d.click({ role: 'button', name: 'Results and report' });
    await expect.poll(() => stepHeading(d)).toBe('Results');
    await d.fill({ label: 'Name' }, 'Αλέξανδρος Παπαδόπουλος');
    await d.fill({ label: 'Role' }, 'Pro-Vice-Chancellor');
    await d.fill({ label: 'Date' }, '2026-11-28');
    await axe(d);
    const verdict = await textOf(d, { css: '#verdict-heading' });

    const dir = await mkdtemp(join(work, `${browserName}-report-`));
    const pdf = await d.download(
      () => d.click({ role: 'button', name: 'Download PDF report' }),
      dir,
    );
    expect(pdf.name).toBe(exportFileName(organisation, '2026-11-28', 'pdf'));
    await waitForText(d, `Downloaded ${pdf.name}`);
    const text = execFileSync('pdftotext', ['-layout', pdf.path, '-'], { encoding: 'utf8' });
    for (const expected of [organisation, 'Αλέξανδρος Παπαδόπουλος', CYRILLIC_OWNER, verdict]) {
      expect(text).toContain(expected);
    }
    for (const section of defaultCatalogue.sections) expect(text).toContain(section.title);
    const pages = Number(/Page 1 of (\d+)/.exec(text)?.[1]);
    expect(pages).toBeGreaterThanOrEqual(6);
    expect(text).toContain(`Page ${pages} of ${pages}`);

    const csv = await d.download(
      () => d.click({ role: 'button', name: 'Download action plan (CSV)' }),
      dir,
    );
    expect(csv.name).toMatch(/\.csv$/);
    const bytes = await readFile(csv.path);
    expect([...bytes.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    const rows = bytes.toString('utf8').split('\r\n');
    expect(rows[0]).toBe(
      '\uFEFF"Control","Level","Basis","Section","Answer","Owner","Target date","Overdue","Agreed action","Evidence notes","Evidence reference","What to do"',
    );
    expect(bytes.toString('utf8')).toContain(`"${CYRILLIC_OWNER}"`);
    expect(bytes.toString('utf8')).toContain(
      `"'=HYPERLINK(""https://example.invalid/"",""click me"")"`,
    );
    await axe(d);
    await done(d);
  });
});
