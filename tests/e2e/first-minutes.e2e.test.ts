/**
 * The first minutes of a new user: the introduction on a new assessment, the glossary reached
 * from a term on a card and back, the accessibility statement, and the "Saved" indicator; in the
 * built app, axe clean on each.
 */
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { axeViolations, openApp, serveApp, stepHeading } from './support/app';
import { launchBrowser } from './support/browser';
import type { StaticServer } from './support/static-server';

let browser: Browser;
let server: StaticServer;

beforeAll(async () => {
  [browser, server] = await Promise.all([launchBrowser(), serveApp()]);
});

afterAll(async () => {
  await browser?.close();
  await server?.stop();
});

describe('the first minutes', () => {
  test('a new assessment opens with what it covers, how long, where work is kept, the levels, and two ways in', async () => {
    const { page, errors, close } = await openApp(browser, server.url);
    const intro = page.locator('details.start-intro');
    await expect(intro.getAttribute('open')).resolves.not.toBeNull();
    const text = await intro.innerText();
    expect(text).toMatch(/\d+ controls in 7 sections/);
    expect(text).toMatch(/How long: about 20 minutes on a hosted mail service/);
    expect(text).toMatch(/every change is saved in this browser/);
    expect(text).toMatch(/MUST[\s\S]*required by the guidance[\s\S]*SHOULD[\s\S]*MAY/);
    expect(await axeViolations(page)).toEqual([]);

    await page.getByRole('button', { name: 'Start with the profile' }).click();
    await expect.poll(() => page.evaluate(() => document.activeElement?.id)).toBe('organisation');
    await page.keyboard.type('Coleg Newydd');
    // Typing does not fold the introduction away under the user.
    await expect(intro.getAttribute('open')).resolves.not.toBeNull();
    await expect
      .poll(() => page.locator('.save-state').innerText())
      .toMatch(/^Saved in this browser, \d\d:\d\d$/);

    await page.getByRole('button', { name: 'Import an assessment file' }).click();
    await page.getByLabel('Choose an exported JSON file').waitFor();
    expect(errors).toEqual([]);
    await close();
  });

  test('a term on a card links to the glossary, which shows that entry; Back returns to the card', async () => {
    const { page, errors, close } = await openApp(browser, server.url);
    await page.getByRole('button', { name: /Open relays and open proxies/ }).click();
    await expect.poll(() => stepHeading(page)).toBe('Open relays and open proxies');
    const term = page
      .getByRole('article', { name: 'No open HTTP or SOCKS proxies' })
      .getByRole('link', { name: /open prox/i })
      .first();
    await term.click();
    await page.getByRole('heading', { level: 1, name: 'Glossary' }).waitFor();
    await expect
      .poll(() => page.evaluate(() => document.activeElement?.id))
      .toBe('glossary-open-proxy');
    await expect(page.locator('#glossary-open-proxy + dd').innerText()).resolves.toMatch(
      /anyone on the Internet may use/,
    );
    expect(await axeViolations(page)).toEqual([]);

    await page.getByRole('button', { name: 'Back' }).click();
    await expect.poll(() => stepHeading(page)).toBe('Open relays and open proxies');
    expect(page.url()).not.toContain('#glossary');

    await page.getByRole('button', { name: 'Accessibility statement' }).click();
    await page.getByRole('heading', { level: 1, name: 'Accessibility statement' }).waitFor();
    await expect(page.locator('main').innerText()).resolves.toMatch(/not a tagged PDF/);
    expect(await axeViolations(page)).toEqual([]);
    await page.getByRole('button', { name: 'Back' }).click();
    await expect.poll(() => stepHeading(page)).toBe('Open relays and open proxies');
    expect(errors).toEqual([]);
    await close();
  });
});
