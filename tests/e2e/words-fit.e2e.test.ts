/**
 * The words on every card, end to end in the built app (issue 11, its last items): controls read
 * as statements the answers fit; a control ruled out by the profile is one line until opened; a
 * Windows reader gets the Windows way on a card whose check needs nmap; the heading focused after
 * a step change shows the focus box only after keyboard use; the results give dates one way and
 * the score colours in words; the block-list step says once why Spamhaus needs another resolver,
 * names the widely used lists it will not ask, and judges the resolver address only once it is
 * left. axe-core is run on every screen changed.
 */
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { axeViolations, openApp, serveApp, stepHeading } from './support/app';
import { launchBrowser } from './support/browser';
import type { StaticServer } from './support/static-server';

const RELAY = 'No host relays mail for arbitrary senders and recipients';
const RELAY_STATEMENT =
  'Every host on your network refuses to relay mail between outside senders and outside recipients.';
const SUBMISSION = 'Mail submission (port 587, and 465) requires authentication over TLS';
const INBOUND = 'Inbound TCP 25 reaches only designated mail hosts';

let browser: Browser;
let server: StaticServer;

beforeAll(async () => {
  [browser, server] = await Promise.all([launchBrowser(), serveApp()]);
});

afterAll(async () => {
  await browser?.close();
  await server?.stop();
});

function card(page: Page, title: string) {
  return page.getByRole('article', { name: title });
}

async function openSection(page: Page, title: string) {
  await page.getByRole('button', { name: new RegExp(title) }).click();
  await expect.poll(() => stepHeading(page)).toBe(title);
}

/** The computed outline style of the focused element, and its tag. */
function focusOutline(page: Page) {
  return page.evaluate(() => {
    const active = document.activeElement as HTMLElement | null;
    return {
      tag: active?.tagName ?? '',
      outline: active ? getComputedStyle(active).outlineStyle : '',
    };
  });
}

describe('the words on every card', () => {
  test('a hosted college: statements the answers fit, server controls folded, the Windows way for nmap', async () => {
    const { page, errors, close } = await openApp(browser, server.url);
    await page.getByLabel('Organisation name').fill('Coleg Bach');
    await page.getByRole('radio', { name: /^Hosted mail service/ }).check();
    await page.getByRole('checkbox', { name: 'Microsoft 365' }).check();
    await page.getByRole('checkbox', { name: 'Windows' }).check();

    await openSection(page, 'Open relays and open proxies');
    // The answers are given to a statement, never to a question.
    const group = card(page, RELAY).getByRole('group', { name: RELAY_STATEMENT });
    await expect(
      group.getByRole('radio', { name: 'Implemented', exact: true }).count(),
    ).resolves.toBe(1);
    const legends = await page.locator('fieldset.answer-options legend').allInnerTexts();
    expect(legends.length).toBeGreaterThan(3);
    for (const legend of legends) expect(legend).not.toContain('?');

    await openSection(page, 'Network filtering and access');
    // Ruled out by the profile: one line with the reason, no answers, no guidance until opened.
    const folded = card(page, SUBMISSION);
    await folded.getByText('Not applicable (by profile).').waitFor();
    await expect(folded.getByRole('radio').count()).resolves.toBe(0);
    await expect(folded.getByText('How to check', { exact: true }).count()).resolves.toBe(0);
    const height = (await folded.boundingBox())?.height ?? Infinity;
    expect(height).toBeLessThan(300);
    const summary = folded.locator('summary', { hasText: 'Show this control and its guidance' });
    await summary.focus();
    await page.keyboard.press('Enter');
    await folded.getByText('How to check', { exact: true }).waitFor({ timeout: 15_000 });
    expect(await axeViolations(page)).toEqual([]);

    // A check that needs nmap gives a Windows reader the Windows way first, not folded away.
    const inbound = card(page, INBOUND);
    const checkSummary = inbound.locator('summary', { hasText: /^How to check$/ });
    await checkSummary.waitFor({ timeout: 15_000 });
    await checkSummary.click();
    const windows = inbound.getByRole('heading', { name: 'Windows hosts' }).first();
    await expect(windows.isVisible()).resolves.toBe(true);
    await expect(
      inbound
        .locator('pre code', { hasText: /^Test-NetConnection -ComputerName/ })
        .first()
        .isVisible(),
    ).resolves.toBe(true);
    await expect(
      inbound.getByRole('link', { name: 'nmap.org/download.html' }).first().isVisible(),
    ).resolves.toBe(true);
    expect(await axeViolations(page)).toEqual([]);
    expect(errors).toEqual([]);
    await close();
  });

  test('a focused heading shows the focus box after keyboard use, not after a click', async () => {
    const { page, errors, close } = await openApp(browser, server.url);
    await openSection(page, 'Open relays and open proxies');
    // A click moved focus to the heading: no box.
    await expect.poll(() => focusOutline(page)).toEqual({ tag: 'H1', outline: 'none' });

    // The keyboard: "Next section" pressed with Enter moves focus to the next heading, boxed.
    const next = page.getByRole('button', { name: 'Next section' });
    await next.focus();
    await page.keyboard.press('Enter');
    await expect.poll(() => stepHeading(page)).toBe('Mail services inventory');
    await expect.poll(() => focusOutline(page)).toEqual({ tag: 'H1', outline: 'solid' });
    expect(await axeViolations(page)).toEqual([]);
    expect(errors).toEqual([]);
    await close();
  });

  test('the results give every date one way and say what the score colours mean', async () => {
    const { page, errors, close } = await openApp(browser, server.url);
    await page.getByLabel('Organisation name').fill('Coleg Bach');
    await page.getByLabel('Date of assessment').fill('2026-11-30');
    await openSection(page, 'Open relays and open proxies');
    const relay = card(page, RELAY);
    await relay.getByRole('radio', { name: 'Not implemented' }).check();
    await relay.getByLabel('Target date').fill('2027-03-31');
    await page.getByRole('button', { name: 'Results and report' }).click();
    await expect.poll(() => stepHeading(page)).toBe('Results');
    const main = page.locator('main');
    await main.getByText('Coleg Bach, assessed 30 November 2026').waitFor();
    const planRow = page
      .getByRole('row')
      .filter({ has: page.getByRole('rowheader', { name: RELAY }) });
    await expect.poll(() => planRow.innerText()).toContain('31 March 2027');
    // No date anywhere on the results in another format.
    expect(await main.innerText()).not.toMatch(/\b\d{4}-\d{2}-\d{2}\b/);

    const legend = page.locator('figure.chart figcaption');
    await expect(legend.innerText()).resolves.toMatch(
      /Green: 80% or more[\s\S]*Amber: 50% to 79%[\s\S]*Red: under 50%/,
    );
    expect(await axeViolations(page)).toEqual([]);
    expect(errors).toEqual([]);
    await close();
  });

  test('the block-list step says once why Spamhaus needs another resolver and names what it will not ask', async () => {
    const { page, errors, close } = await openApp(browser, server.url);
    await page.getByRole('button', { name: /Block-list check/ }).click();
    await page.getByRole('button', { name: 'Check the addresses' }).waitFor({ timeout: 15_000 });
    const main = page.locator('main');
    const text = await main.innerText();
    // Where the control it is evidence for sits.
    expect(text).toContain(
      'evidence for the control "None of our addresses is on a DNS block list" (section 1, Open relays and open proxies), shown beside it there',
    );
    expect(text.split('Free use requires your own resolver.').length - 1).toBe(1);
    const notAsked = page.getByRole('note', { name: /^Widely used block lists this check/ });
    await expect(notAsked.innerText()).resolves.toMatch(/SpamCop Blocking List \(not selected\)/);
    await expect(
      notAsked.getByRole('link', { name: 'https://www.barracudacentral.org/lookups' }).count(),
    ).resolves.toBe(1);

    // The DQS entry brings its key field, with the sign-up link beside it.
    await page.getByRole('checkbox', { name: 'Spamhaus ZEN (DQS, with your key)' }).check();
    await page.getByLabel('Spamhaus DQS key').waitFor();
    await expect(
      page
        .getByRole('link', { name: 'Sign up for a free Spamhaus Data Query Service account' })
        .getAttribute('href'),
    ).resolves.toBe(
      'https://www.spamhaus.com/free-trial/sign-up-for-a-free-data-query-service-account/',
    );
    await expect(notAsked.innerText()).resolves.not.toContain('Spamhaus ZEN');
    expect(await axeViolations(page)).toEqual([]);

    // Your own resolver: no error before anything is typed; one after leaving the field empty.
    await page.getByRole('radio', { name: /Your own DoH resolver/ }).check();
    const field = page.getByLabel('Resolver address (RFC 8484)');
    await expect(field.getAttribute('aria-invalid')).resolves.toBe('false');
    await expect(page.locator('#lookup-custom-resolver-error .error-text').count()).resolves.toBe(
      0,
    );
    expect(await axeViolations(page)).toEqual([]);
    await field.focus();
    await field.blur();
    await expect.poll(() => field.getAttribute('aria-invalid')).toBe('true');
    await expect(page.locator('#lookup-custom-resolver-error .error-text').count()).resolves.toBe(
      1,
    );
    expect(errors).toEqual([]);
    await close();
  });
});
