/**
 * Guidance that fits the reader, end to end in the built app: the postmaster of a university
 * running Postfix sees commands carrying the university's own addresses and copies one; the IT
 * manager of a college on Microsoft 365 sees its steps first and the rest folded. Every card
 * checked with axe-core, the folded steps opened from the keyboard.
 */
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { axeViolations, openApp, serveApp, stepHeading } from './support/app';
import { launchBrowser } from './support/browser';
import type { StaticServer } from './support/static-server';

const RELAY = 'No host relays mail for arbitrary senders and recipients';

let browser: Browser;
let server: StaticServer;

beforeAll(async () => {
  [browser, server] = await Promise.all([launchBrowser(), serveApp()]);
});

afterAll(async () => {
  await browser?.close();
  await server?.stop();
});

/** Presses Tab until the focused element matches `selector`, as a keyboard user would. */
async function tabTo(page: Page, selector: string, max = 400): Promise<void> {
  for (let i = 0; i < max; i += 1) {
    await page.keyboard.press('Tab');
    if (await page.evaluate((sel) => document.activeElement?.matches(sel) ?? false, selector)) {
      return;
    }
  }
  throw new Error(`Tab never reached ${selector}`);
}

/** The "How to check" part of the relay card, opened. */
async function relayCheck(page: Page) {
  await page.getByRole('button', { name: /Open relays and open proxies/ }).click();
  await expect.poll(() => stepHeading(page)).toBe('Open relays and open proxies');
  const card = page.getByRole('article', { name: RELAY });
  const summary = card.locator('summary', { hasText: /^How to check$/ });
  await summary.waitFor({ timeout: 15_000 });
  await summary.click();
  return summary.locator('xpath=..');
}

describe('guidance for the platforms the organisation runs', () => {
  test("the Postfix university's commands carry its own addresses, and copy as shown", async () => {
    const { page, context, errors, close } = await openApp(browser, server.url);
    await context.grantPermissions(['clipboard-read', 'clipboard-write'], { origin: server.url });
    await page.getByLabel('Organisation name').fill('Example University');
    await page.getByRole('radio', { name: 'Own mail servers', exact: true }).check();
    await page.getByRole('checkbox', { name: 'Postfix' }).check();
    await page.getByRole('checkbox', { name: 'Linux' }).check();
    await page.getByLabel('Mail domains').fill('uni.example.ac.uk');
    await page.getByLabel('Mail server addresses').fill('192.0.2.25\n192.0.2.26');
    await page.getByLabel('Network ranges').fill('192.0.2.0/24\n2001:db8::/48');

    const check = await relayCheck(page);
    const scan = check.locator('pre code', { hasText: /^nmap -Pn -p 25,465,587/ });
    await expect(scan.innerText()).resolves.toBe('nmap -Pn -p 25,465,587 --open 192.0.2.0/24');
    const relayTest = check.locator('pre code', { hasText: /^for host in/ });
    await expect(relayTest.innerText()).resolves.toBe(
      'for host in 192.0.2.25 192.0.2.26; do swaks --server "$host" --from test@example.com --to someone@example.org --quit-after RCPT; done',
    );
    // Postfix comes first; the Microsoft platforms wait, folded.
    await expect(check.getByRole('heading', { name: 'Postfix' }).isVisible()).resolves.toBe(true);
    const folded = check.locator('details.other-platforms');
    await expect(folded.locator('summary').innerText()).resolves.toMatch(
      /^Other platforms: .*Microsoft Exchange, Microsoft 365$/,
    );
    await expect(folded.getByRole('heading', { name: 'Microsoft 365' }).isVisible()).resolves.toBe(
      false,
    );

    const copy = check.getByRole('button', {
      name: 'Copy the command: How to check, Any platform, step 2',
    });
    await copy.click();
    const status = copy.locator('xpath=..').getByRole('status');
    await expect.poll(() => status.innerText()).toBe('Copied.');
    await expect(page.evaluate(() => navigator.clipboard.readText())).resolves.toBe(
      await relayTest.innerText(),
    );
    expect(await axeViolations(page)).toEqual([]);

    // The folded steps open from the keyboard, and stay accessible open.
    await tabTo(page, 'details.other-platforms > summary');
    await page.keyboard.press('Enter');
    await expect
      .poll(() => folded.first().getByRole('heading', { name: 'Microsoft 365' }).isVisible())
      .toBe(true);
    expect(await axeViolations(page)).toEqual([]);
    expect(errors).toEqual([]);
    await close();
  });

  test('the Microsoft 365 college sees Microsoft 365 steps first, the servers it does not run folded', async () => {
    const { page, errors, close } = await openApp(browser, server.url);
    await page.getByLabel('Organisation name').fill('Example FE College');
    await page.getByRole('radio', { name: /^Hosted mail service/ }).check();
    await page.getByRole('checkbox', { name: 'Microsoft 365' }).check();
    await page.getByRole('checkbox', { name: 'Windows' }).check();
    await page.getByLabel('Network ranges').fill('198.51.100.0/24');

    const check = await relayCheck(page);
    const shown = await check.evaluate((details) =>
      [...details.querySelectorAll('h3')]
        .filter((h) => !h.closest('details.other-platforms'))
        .map((h) => h.textContent?.trim()),
    );
    expect(shown).toEqual(['Any platform', 'Windows hosts', 'Microsoft 365']);
    await expect(check.getByRole('heading', { name: 'Microsoft 365' }).isVisible()).resolves.toBe(
      true,
    );
    await expect(
      check.locator('pre code', { hasText: 'Get-InboundConnector' }).isVisible(),
    ).resolves.toBe(true);
    await expect(
      check.locator('pre code', { hasText: 'Test-NetConnection' }).isVisible(),
    ).resolves.toBe(true);
    await expect(check.locator('details.other-platforms > summary').innerText()).resolves.toBe(
      'Other platforms: Postfix, Exim, Sendmail, Microsoft Exchange',
    );
    await expect(check.getByRole('heading', { name: 'Postfix' }).isVisible()).resolves.toBe(false);
    // The college's range reaches the scan.
    await expect(
      check.locator('pre code', { hasText: /^nmap -Pn -p 25,465,587/ }).innerText(),
    ).resolves.toBe('nmap -Pn -p 25,465,587 --open 198.51.100.0/24');

    // Every card of the section, with its guidance opened, is clean.
    const summaries = page.locator('article details > summary');
    for (let i = 0; i < (await summaries.count()); i += 1) {
      const summary = summaries.nth(i);
      const open = await summary.evaluate((s) => (s.parentElement as HTMLDetailsElement).open);
      if (!open && (await summary.isVisible())) await summary.click();
    }
    expect(await axeViolations(page)).toEqual([]);
    expect(errors).toEqual([]);
    await close();
  });
});
