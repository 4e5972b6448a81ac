import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { newAssessment, type Assessment } from '../../src/lib/model/assessment';
import { toDocument } from '../../src/lib/model/document';
import { axeViolations, openApp, serveApp, stepHeading } from './support/app';
import { launchBrowser } from './support/browser';
import { startDohServer, type DohServer } from './support/dns-server';
import type { StaticServer } from './support/static-server';
import { FLAKY_SERVFAIL_IP, FLAKY_TIMEOUT_IP, GOOD_TXT_192_31_196_10, ZONE } from './support/zones';

let browser: Browser;
let server: StaticServer;
let doh: DohServer;
let work: string;

beforeAll(async () => {
  [browser, server, doh, work] = await Promise.all([
    launchBrowser(),
    serveApp(),
    startDohServer(),
    mkdtemp(join(tmpdir(), 'e2e-blocklists-')),
  ]);
});

afterAll(async () => {
  await rm(work, { recursive: true, force: true });
  await browser?.close();
  await server?.stop();
  await doh?.stop();
});

const ADDRESSES = [
  '192.31.196.10',
  '192.31.196.11',
  '192.31.196.12',
  '192.31.196.20',
  FLAKY_TIMEOUT_IP,
  FLAKY_SERVFAIL_IP,
  '2001:4:112::25',
  '2001:4:112:0:1::26',
];

interface CustomList {
  zone: string;
  name: string;
  ipv6?: boolean;
  codes?: string;
  bitmask?: boolean;
}

const LISTS: CustomList[] = [
  {
    zone: ZONE.good,
    name: 'Good',
    ipv6: true,
    codes: '127.0.0.2 Spam source\n127.0.0.3 Spam trap hit',
  },
  {
    zone: ZONE.bits,
    name: 'Bits',
    bitmask: true,
    codes: '127.1.0.1 RBL\n127.1.0.2 DUL\n127.1.0.4 RSS\n127.1.0.8 OPS',
  },
  { zone: ZONE.refuse, name: 'Refuser' },
  { zone: ZONE.wild, name: 'Wildcard' },
  { zone: ZONE.outside, name: 'Outside' },
  { zone: ZONE.servfail, name: 'Servfail' },
  { zone: ZONE.slow, name: 'Slow' },
  { zone: ZONE.v6, name: 'Six', ipv6: true, codes: '127.0.0.2 Listed\n127.0.0.4 Listed for abuse' },
  { zone: ZONE.flaky, name: 'Flaky' },
];

/** Profile addresses, then the block-list step set up with the loopback resolver and test lists. */
async function setUp(page: Page, lists: CustomList[] = LISTS) {
  await page.getByLabel('Organisation name').fill('Loopback University');
  await page.getByLabel('Mail server addresses').fill(ADDRESSES.join('\n'));
  await page.getByRole('button', { name: /Block-list check/ }).click();
  await page.getByRole('button', { name: 'Check the addresses' }).waitFor();
  await page.getByRole('radio', { name: /Your own DoH resolver/ }).check();
  await page.getByLabel('Resolver address (RFC 8484)').fill(doh.url);
  // Only the test lists: the real ones are not served by the loopback resolver.
  const checked = page.locator('.list-choices input[type=checkbox]:checked');
  while ((await checked.count()) > 0) await checked.first().uncheck();
  await page.getByText('Advanced: speed and time limit').click();
  await page.getByLabel('Time limit per query (seconds)').fill('1.5');
  await page.getByLabel('Time limit per query (seconds)').blur();
  await page.getByText('Add your own list (for example a Janet mirror)').click();
  for (const list of lists) {
    await page.getByLabel('Zone', { exact: true }).fill(list.zone);
    await page.getByLabel('Name (optional)').fill(list.name);
    await page.getByLabel('The list answers for IPv6 addresses').setChecked(list.ipv6 ?? false);
    await page.getByLabel(/What its answers mean/).fill(list.codes ?? '');
    await page.getByLabel(/The last number is a bitmask/).setChecked(list.bitmask ?? false);
    await page.getByRole('button', { name: 'Add this list' }).click();
    await page.getByRole('checkbox', { name: list.name, exact: true }).waitFor();
  }
}

/**
 * The outcome label shown for an address on a list, and the details behind it: read as a user
 * reads them, by opening the cell's disclosure (its details are made only when it opens), which is
 * closed again afterwards.
 */
async function cell(page: Page, address: string, listName: string) {
  return page.evaluate(
    async ([ip, name]) => {
      const table = document.querySelector('table.results-grid');
      if (!table) return undefined;
      const headers = [...table.querySelectorAll('thead th')].map((th) => th.textContent?.trim());
      const column = headers.indexOf(name);
      const row = [...table.querySelectorAll('tbody tr')].find(
        (tr) => tr.querySelector('th')?.textContent?.trim() === ip,
      );
      const td = row?.children[column] as HTMLElement | undefined;
      if (!td) return undefined;
      const summary = td.querySelector('summary');
      const disclosure = td.querySelector('details');
      let details = '';
      if (disclosure) {
        disclosure.open = true;
        for (let waited = 0; waited < 2000 && !td.querySelector('.outcome-details'); waited += 20) {
          await new Promise((resolve) => setTimeout(resolve, 20));
        }
        details = td.querySelector('.outcome-details')?.textContent ?? '';
        disclosure.open = false;
      }
      return {
        outcome: summary?.getAttribute('data-outcome') ?? td.innerText.trim(),
        label: summary ? summary.childNodes[0]?.textContent?.trim() : td.innerText.trim(),
        details,
      };
    },
    [address, listName] as const,
  );
}

const focusedId = (page: Page) => page.evaluate(() => document.activeElement?.id ?? '');

async function health(page: Page, listName: string) {
  return page
    .locator('.list-health li')
    .filter({ hasText: new RegExp(`^${listName} \\(`) })
    .innerText();
}

/** Chromium's console line for a query the test makes fail (a dead list, a resolver that is down). */
const NETWORK_FAILURE = /^Failed to load resource: net::ERR_/;

describe('block-list check against a real DoH server on loopback', () => {
  test('every kind of answer is classified and shown truthfully, and the run is kept', async () => {
    const { page, close } = await openApp(browser, server.url);
    await setUp(page);
    expect(await axeViolations(page)).toEqual([]);

    await page.getByRole('button', { name: 'Check the addresses' }).click();
    // Consent first: what is sent, to whom; nothing has been asked yet.
    const consent = page.getByRole('region', { name: 'Before anything is sent' });
    await consent.waitFor();
    const consentText = await consent.innerText();
    expect(consentText).toContain(doh.url);
    for (const list of LISTS) expect(consentText).toContain(list.zone);
    expect(consentText).toMatch(/8 addresses\s+\(6 IPv4, 2 IPv6\)/);
    expect(await axeViolations(page)).toEqual([]);
    await page.getByRole('button', { name: 'I agree: start the check' }).click();
    await expect.poll(() => focusedId(page)).toBe('progress-heading');

    // Lists failed their test points, so pairs have no verdict: never called "complete".
    await page
      .getByRole('heading', { name: 'Check finished with gaps' })
      .waitFor({ timeout: 30_000 });
    expect(await axeViolations(page)).toEqual([]);
    // The progress line counts the same pairs as the summary below it.
    const progressLine = await page.locator('.lookup-counts').innerText();
    const summaryLine = await page.locator('.lookup-results .hint').first().innerText();
    const [, done, total] = /([\d,]+) of ([\d,]+) address\/list pairs done/.exec(progressLine)!;
    expect(done).toBe(total);
    const numbers = (text: string, words: string[]) =>
      words.map((w) => new RegExp(`([\\d,]+) ${w}`).exec(text)?.[1]);
    const words = ['listed', 'not listed', 'with no verdict', 'skipped'];
    expect(numbers(progressLine, words)).toEqual(numbers(summaryLine, words));
    expect(summaryLine).toContain(`${total} address/list pairs:`);
    expect(
      numbers(summaryLine, words).reduce((sum, n) => sum + Number(n?.replace(/,/g, '')), 0),
    ).toBe(Number(total!.replace(/,/g, '')));

    // Lists that fail their RFC 5782 test points are unusable, with the reason.
    // The check runs through a resolver of the user's own: the advice says what applies to it.
    expect(await health(page, 'Refuser')).toMatch(
      /IPv4: unusable — The list refused your resolver \(127\.255\.255\.254\): it takes it for a public or open resolver/,
    );
    expect(await health(page, 'Refuser')).not.toMatch(/use a resolver of your own/);
    expect(await health(page, 'Wildcard')).toMatch(
      /unusable — .*'listed' for its 127\.0\.0\.1 test point/,
    );
    expect(await health(page, 'Servfail')).toMatch(/unusable — .*SERVFAIL/);
    // The request hung at the resolver: it does not blame the list alone.
    expect(await health(page, 'Slow')).toMatch(
      /unusable — No answer came from the resolver for the list's test point .* the resolver or the list may be at fault/,
    );
    expect(await health(page, 'Good')).toMatch(
      /IPv4: answered its test points correctly.*IPv6: answered its test points correctly/s,
    );
    for (const name of ['Refuser', 'Wildcard', 'Servfail', 'Slow']) {
      expect(await cell(page, '192.31.196.10', name)).toMatchObject({ label: 'List unusable' });
    }
    // Each address stays on one line in the table, however many lists share the width.
    await expect(
      page.evaluate(() =>
        [...document.querySelectorAll('table.results-grid tbody th code')].every(
          (code) => code.getClientRects().length === 1,
        ),
      ),
    ).resolves.toBe(true);

    // Listed, with the decoded meaning and the TXT reason; not listed; bitmask words.
    expect(await cell(page, '192.31.196.10', 'Good')).toMatchObject({ outcome: 'listed' });
    expect((await cell(page, '192.31.196.10', 'Good'))?.details).toContain(
      '127.0.0.2: Spam source',
    );
    expect((await cell(page, '192.31.196.10', 'Good'))?.details).toContain(GOOD_TXT_192_31_196_10);
    expect((await cell(page, '192.31.196.11', 'Good'))?.details).toMatch(
      /127\.0\.0\.2: Spam source.*127\.0\.0\.3: Spam trap hit/s,
    );
    expect(await cell(page, '192.31.196.20', 'Good')).toMatchObject({
      outcome: 'not-listed',
      label: 'Not listed',
    });
    expect((await cell(page, '192.31.196.10', 'Bits'))?.details).toContain('127.1.0.5: RBL, RSS');
    expect((await cell(page, '192.31.196.12', 'Bits'))?.details).toContain('127.1.0.8: OPS');
    // An answer outside 127/8 is a broken list, not a listing.
    expect(await cell(page, '192.31.196.10', 'Outside')).toMatchObject({ outcome: 'broken-list' });
    expect((await cell(page, '192.31.196.10', 'Outside'))?.details).toMatch(
      /10\.0\.0\.1, outside 127\.0\.0\.0\/8/,
    );
    // Per-address failures: no verdict either way.
    expect(await cell(page, FLAKY_TIMEOUT_IP, 'Flaky')).toMatchObject({
      outcome: 'timeout',
      label: 'Not checked: no answer in time',
    });
    expect(await cell(page, FLAKY_SERVFAIL_IP, 'Flaky')).toMatchObject({
      outcome: 'resolver-error',
    });
    expect((await cell(page, FLAKY_SERVFAIL_IP, 'Flaky'))?.details).toMatch(/SERVFAIL/);
    expect(await cell(page, '192.31.196.10', 'Flaky')).toMatchObject({ outcome: 'listed' });
    // IPv6: listed where the list supports it, skipped (not clean) where it does not.
    expect(await cell(page, '2001:4:112::25', 'Six')).toMatchObject({ outcome: 'listed' });
    expect((await cell(page, '2001:4:112:0:1::26', 'Six'))?.details).toContain(
      '127.0.0.4: Listed for abuse',
    );
    expect(await cell(page, '2001:4:112::25', 'Good')).toMatchObject({ outcome: 'listed' });
    expect(await cell(page, '2001:4:112::25', 'Bits')).toMatchObject({
      outcome: 'skipped',
      label: 'Not checked: skipped',
    });
    // Each answer keeps its response time and TTL, shown on demand.
    expect((await cell(page, '192.31.196.20', 'Good'))?.details).toMatch(
      /DNS NXDOMAIN · TTL \d+ s · \d+ ms/,
    );

    // Filters.
    await page.getByRole('radio', { name: 'Listed only' }).check();
    const listedRows = await page.locator('table.results-grid tbody th').allInnerTexts();
    expect(listedRows).toEqual([
      '192.31.196.10',
      '192.31.196.11',
      '192.31.196.12',
      '2001:4:112::25',
      '2001:4:112:0:1::26',
    ]);
    // Every IPv4 address has a gap (four lists are unusable for IPv4), so those rows show; the
    // IPv6 rows have verdicts or skips only (IPv4-only lists skip them), so they do not.
    await page.getByRole('radio', { name: /^No verdict only/ }).check();
    expect(await page.locator('table.results-grid tbody th').allInnerTexts()).toEqual(
      ADDRESSES.filter((a) => !a.includes(':')),
    );
    // The summary never calls this run clean: it counts the pairs with no verdict, and why.
    await expect(page.locator('.lookup-results').first().innerText()).resolves.toMatch(
      /8 listings found\. \d+ of the \d+ address\/list pairs that could be asked have no verdict: .*because the list failed its test points\./,
    );
    await page.getByRole('radio', { name: 'Every address' }).check();

    // Outcomes look different without relying on colour: a listing is bold with a solid bar, an
    // answer with no verdict has a dashed bar, "not listed" is plain, skipped is italic.
    const looks = await page.evaluate(() =>
      Object.fromEntries(
        ['listed', 'not-listed', 'no-verdict', 'skipped'].map((status) => {
          const el = document.querySelector(`.results-grid .outcome--${status}`);
          if (!el) return [status, 'missing'];
          const css = getComputedStyle(el);
          const bar = css.borderLeftColor === 'rgba(0, 0, 0, 0)' ? 'none' : css.borderLeftStyle;
          return [status, `${css.fontWeight} ${css.fontStyle} ${bar}`];
        }),
      ),
    );
    expect(looks).toEqual({
      listed: '700 normal solid',
      'not-listed': '400 normal none',
      'no-verdict': '400 normal dashed',
      skipped: '400 italic none',
    });

    // At 320 px the page does not scroll sideways: the wide table scrolls in its own region,
    // which a keyboard can focus and scroll.
    const viewport = page.viewportSize()!;
    await page.setViewportSize({ width: 320, height: 800 });
    await expect(
      page.evaluate(
        () => document.documentElement.scrollWidth - document.documentElement.clientWidth,
      ),
    ).resolves.toBeLessThanOrEqual(0);
    const tableRegion = page.getByRole('region', {
      name: 'Results: answers by address and list',
    });
    await tableRegion.focus();
    await page.keyboard.press('ArrowRight');
    await expect.poll(() => tableRegion.evaluate((el) => el.scrollLeft)).toBeGreaterThan(0);
    await page.setViewportSize(viewport);

    // Retry asks again only the failed queries; they fail the same way here.
    await page.getByRole('button', { name: 'Retry the 2 failed queries' }).click();
    await page
      .getByRole('heading', { name: 'Check finished with gaps' })
      .waitFor({ timeout: 30_000 });
    expect(await cell(page, FLAKY_TIMEOUT_IP, 'Flaky')).toMatchObject({ outcome: 'timeout' });

    // The run is stored in the assessment: a reload shows the same answers.
    await page.reload();
    await page.getByRole('heading', { name: 'Last stored check' }).waitFor();
    expect(await cell(page, '192.31.196.10', 'Bits')).toMatchObject({ outcome: 'listed' });
    expect(await cell(page, FLAKY_SERVFAIL_IP, 'Flaky')).toMatchObject({
      outcome: 'resolver-error',
    });
    expect(await health(page, 'Refuser')).toMatch(/unusable/);
    // Only test lists were asked: the widely used ones are named as not asked, with their pages.
    const notAsked = page.getByRole('note', { name: /^Widely used block lists this check/ });
    await expect(notAsked.last().innerText()).resolves.toMatch(
      /Spamhaus ZEN \(not asked in this check\): https:\/\/check\.spamhaus\.org\//,
    );
    expect(await axeViolations(page)).toEqual([]);

    // The run is evidence for the checklist control, and listings are findings in the plan;
    // a "listed" from a list that failed its test points (Wildcard) is not. The step leads back
    // to that control, in section 1, with focus on it.
    await page
      .getByRole('button', {
        name: 'Answer "None of our addresses is on a DNS block list" with this evidence',
      })
      .click();
    await expect.poll(() => stepHeading(page)).toBe('Open relays and open proxies');
    await expect.poll(() => focusedId(page)).toBe('control-blocklist-not-listed-title');
    const evidence = page.getByRole('note', { name: 'Evidence from the block-list check' });
    await expect(
      page
        .getByRole('article', { name: 'None of our addresses is on a DNS block list' })
        .getByRole('note', { name: /^Widely used block lists this check/ })
        .innerText(),
    ).resolves.toContain('Barracuda Reputation Block List (not asked in this check)');
    await expect(evidence.innerText()).resolves.toMatch(
      /8 addresses on 9 lists \(4 failed their test points, for IPv4 or IPv6\)\. 8 listings found\. \d+ of the \d+ address\/list pairs that could be asked have no verdict/,
    );
    await page.getByRole('button', { name: 'Results and report' }).click();
    const plan = page.getByRole('region', { name: 'Remediation plan table' });
    await expect(plan.innerText()).resolves.toContain('192.31.196.10 is listed on Good');
    await expect(plan.innerText()).resolves.toContain('127.1.0.5: RBL, RSS');
    await expect(plan.innerText()).resolves.not.toContain('listed on Wildcard');
    expect(await axeViolations(page)).toEqual([]);
    await close({ allow: NETWORK_FAILURE });
  });

  test('a resolver that cannot be reached fails the check with one message and stores nothing', async () => {
    const { page, close } = await openApp(browser, server.url);
    await setUp(page, [LISTS[0]!]);
    // A port nothing listens on: every test point fails at the network level.
    await page.getByLabel('Resolver address (RFC 8484)').fill('http://127.0.0.1:9/dns-query');
    await page.getByRole('button', { name: 'Check the addresses' }).click();
    await page.getByRole('button', { name: 'I agree: start the check' }).click();
    await page.getByRole('heading', { name: 'The check failed' }).waitFor({ timeout: 30_000 });
    // The resolver is named as the problem, not the list's test points.
    const message = page.getByRole('alert').filter({ hasText: 'could not be reached' });
    await expect(message.innerText()).resolves.toMatch(
      /^The resolver could not be reached, so no list and no address could be checked\..*The lists are not at fault/,
    );
    // Nothing is stored yet, so nothing is said about stored evidence being "unchanged".
    await expect(page.getByText(/unchanged/).count()).resolves.toBe(0);
    await expect(page.locator('table.results-grid').count()).resolves.toBe(0);
    expect(await axeViolations(page)).toEqual([]);
    await page.reload();
    await page.getByRole('button', { name: 'Check the addresses' }).waitFor();
    await expect(page.getByRole('heading', { name: 'Last stored check' }).count()).resolves.toBe(0);
    await close({ allow: NETWORK_FAILURE });
  });

  test('consent is remembered, can be withdrawn, and a new list asks again', async () => {
    const { page, close } = await openApp(browser, server.url);
    await setUp(page, [LISTS[0]!]);
    await page.getByRole('button', { name: 'Check the addresses' }).click();
    await page.getByRole('button', { name: 'I agree: start the check' }).click();
    const finished = /^Check (complete|finished with gaps)$/;
    await page.getByRole('heading', { name: finished }).waitFor({ timeout: 30_000 });
    // Same resolver and lists: no second question.
    await page.getByRole('button', { name: 'Check the addresses' }).click();
    await page.getByRole('heading', { name: /Check complete|Check finished|Checking/ }).waitFor();
    expect(await page.getByRole('region', { name: 'Before anything is sent' }).count()).toBe(0);
    await page.getByRole('heading', { name: finished }).waitFor({ timeout: 30_000 });
    // Withdrawn: asked again, and declining sends nothing.
    await page.getByRole('button', { name: 'Withdraw consent' }).click();
    await page.getByRole('button', { name: 'Check the addresses' }).click();
    await page.getByRole('button', { name: 'Do not send anything' }).click();
    await expect(
      page.getByRole('region', { name: 'Before anything is sent' }).count(),
    ).resolves.toBe(0);
    // Focus does not fall to the top of the page: it returns to the button that asked.
    await expect.poll(() => focusedId(page)).toBe('lookup-start');
    await close();
  });

  test('a range beyond the limit is refused with the limit named, private ranges are not checked, and a run can be cancelled', async () => {
    const { page, close } = await openApp(browser, server.url);
    await setUp(page, [LISTS[0]!]);
    const targets = page.getByLabel('Addresses and ranges, one per line');
    await targets.fill('192.52.192.0/21\n2001:4:112::/64\n10.0.0.0/8');
    await expect(
      page
        .getByText(
          /^Line 1: 192\.52\.192\.0\/21 was left out: it holds 2,048 addresses, over the limit of 1,024/,
        )
        .count(),
    ).resolves.toBe(1);
    await expect(
      page
        .getByText(
          /^Line 2: 2001:4:112::\/64 was left out: a \/64 holds 18,446,744,073,709,551,616 addresses/,
        )
        .count(),
    ).resolves.toBe(1);
    await expect(
      page.getByText('10.0.0.0/8 (16,777,216 addresses): private network (RFC 1918)').count(),
    ).resolves.toBe(1);
    await expect(targets.getAttribute('aria-invalid')).resolves.toBe('true');
    expect(await axeViolations(page)).toEqual([]);
    await targets.fill('192.0.32.0/22\n192.168.1.1');
    await expect(page.getByText('1,024 addresses will be checked.').count()).resolves.toBe(1);
    await page.getByRole('button', { name: 'Check the addresses' }).click();
    const consent = page.getByRole('region', { name: 'Before anything is sent' });
    await expect(consent.innerText()).resolves.toContain(
      '192.168.1.1: not checked, private or reserved address: private network (RFC 1918).',
    );
    await page.getByRole('button', { name: 'I agree: start the check' }).click();
    await page
      .getByRole('heading', { name: 'Checking your addresses…' })
      .waitFor({ timeout: 30_000 });
    await page.getByRole('button', { name: 'Cancel the check' }).click();
    await page.getByRole('heading', { name: 'Check cancelled' }).waitFor();
    await expect.poll(() => focusedId(page)).toBe('progress-heading');
    await expect(page.getByText(/not saved as evidence/).count()).resolves.toBe(1);
    await page.reload();
    expect(await stepHeading(page)).toBe('Block-list check');
    await page.getByRole('button', { name: 'Check the addresses' }).waitFor();
    await expect(page.getByRole('heading', { name: 'Last stored check' }).count()).resolves.toBe(0);
    await close();
  });

  test('an imported file cannot give consent: nothing is sent and no key leaves until the user agrees here', async () => {
    const { page, errors, close } = await openApp(browser, server.url);
    // A Spamhaus DQS key this browser holds from earlier.
    const key = 'k3yfromthisbrowser';
    await page.evaluate((k) => localStorage.setItem('mssa:secret:dqs-key', k), key);
    await page.reload();
    // A crafted file: its own resolver (the loopback one standing in for an attacker's), the DQS
    // list, and a ready-made "consent" for exactly that.
    const base = newAssessment({ id: 'crafted', now: new Date(), catalogueVersion: '2026.1' });
    const crafted: Assessment = {
      ...base,
      step: 'blocklists',
      lookup: {
        settings: {
          ...base.lookup.settings,
          resolver: 'custom',
          customResolverUrl: doh.url,
          selectedListIds: ['spamhaus-dqs-zen'],
          targets: '192.31.196.10',
        },
        consent: {
          givenAt: new Date().toISOString(),
          resolverUrl: doh.url,
          zones: ['{key}.zen.dq.spamhaus.net'],
          addresses: ['192.31.196.10'],
        },
      },
    };
    const file = join(work, 'crafted.json');
    await writeFile(file, JSON.stringify(toDocument(crafted, new Date())));
    const before = await doh.queryNames();
    await page.getByRole('button', { name: /^Assessments/ }).click();
    await page.locator('#import-file').setInputFiles(file);
    await expect.poll(() => stepHeading(page)).toBe('Block-list check');
    await expect(page.getByText(/You agreed on/).count()).resolves.toBe(0);

    await page.getByRole('button', { name: 'Check the addresses' }).click();
    const consent = page.getByRole('region', { name: 'Before anything is sent' });
    await consent.waitFor();
    await expect(consent.innerText()).resolves.toMatch(
      /These settings came with the imported file crafted\.json/,
    );
    await expect(consent.innerText()).resolves.toMatch(
      /Your Spamhaus DQS key will be sent to this resolver/,
    );
    expect(await axeViolations(page)).toEqual([]);
    await page.getByRole('button', { name: 'Do not send anything' }).click();
    // Give a query time to arrive, were one sent: none may, and the key appears in none.
    await new Promise((resolve) => setTimeout(resolve, 1000));
    const after = await doh.queryNames();
    expect(after.slice(before.length)).toEqual([]);
    expect(after.some((name) => name.includes(key))).toBe(false);
    expect(errors).toEqual([]);
    await close();
  });

  test('a resolver address hiding another host is refused, and the real host is shown', async () => {
    const { page, errors, close } = await openApp(browser, server.url);
    await page.getByRole('button', { name: /Block-list check/ }).click();
    await page.getByRole('button', { name: 'Check the addresses' }).waitFor();
    await page.getByRole('radio', { name: /Your own DoH resolver/ }).check();
    const field = page.getByLabel('Resolver address (RFC 8484)');
    // Nothing is judged before the field is used: no error on an empty, untouched field.
    await expect(field.getAttribute('aria-invalid')).resolves.toBe('false');
    await field.fill('https://dns.jisc.ac.uk@evil.example/dns-query');
    await field.blur();
    await page
      .getByText(/user name or password before "@", so it really goes to evil\.example/)
      .waitFor();
    await expect(field.getAttribute('aria-invalid')).resolves.toBe('true');
    await field.fill('https://user:secret@dns.example.ac.uk/dns-query');
    await page.getByText(/really goes to dns\.example\.ac\.uk/).waitFor();
    await field.fill('https://dns.\u0458isc.ac.uk/dns-query');
    await page.getByText(/^Queries will go to dns\.xn--/).waitFor();
    await page.getByText(/letters outside the basic Latin alphabet/).waitFor();
    expect(await axeViolations(page)).toEqual([]);
    expect(errors).toEqual([]);
    await close();
  });
});
