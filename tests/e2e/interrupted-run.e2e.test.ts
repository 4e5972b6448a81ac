/**
 * A block-list run lives in the page until it finishes. In real Chromium: while one is running, a
 * reload asks first (the browser's "Leave site?" prompt); when the user leaves anyway, the page
 * that loads says the check was interrupted and not saved. With no run in progress, nothing asks.
 */
import type { Browser, Dialog, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { openApp, serveApp } from './support/app';
import { launchBrowser } from './support/browser';
import { startDohServer, type DohServer } from './support/dns-server';
import type { StaticServer } from './support/static-server';
import { ZONE } from './support/zones';

let browser: Browser;
let server: StaticServer;
let doh: DohServer;

beforeAll(async () => {
  [browser, server, doh] = await Promise.all([launchBrowser(), serveApp(), startDohServer()]);
});

afterAll(async () => {
  await browser?.close();
  await server?.stop();
  await doh?.stop();
});

/** One address and one list, through the endpoint where every query hangs: the run stays busy. */
async function setUpHangingRun(page: Page) {
  await page.getByLabel('Mail server addresses').fill('192.31.196.10');
  await page.getByRole('button', { name: /Block-list check/ }).click();
  await page.getByRole('button', { name: 'Check the addresses' }).waitFor();
  await page.getByRole('radio', { name: /Your own DoH resolver/ }).check();
  await page.getByLabel('Resolver address (RFC 8484)').fill(doh.slowUrl);
  const checked = page.locator('.list-choices input[type=checkbox]:checked');
  while ((await checked.count()) > 0) await checked.first().uncheck();
  await page.getByText('Advanced: speed and time limit').click();
  await page.getByLabel('Time limit per query (seconds)').fill('20');
  await page.getByLabel('Time limit per query (seconds)').blur();
  await page.getByText('Add your own list (for example a Janet mirror)').click();
  await page.getByLabel('Zone', { exact: true }).fill(ZONE.good);
  await page.getByLabel('Name (optional)').fill('Good');
  await page.getByRole('button', { name: 'Add this list' }).click();
  await page.getByRole('checkbox', { name: 'Good', exact: true }).waitFor();
}

describe('a block-list run and a reload', () => {
  test('a reload during a run asks first, and the next page says the run was not saved', async () => {
    const { page, errors, close } = await openApp(browser, server.url);
    const dialogs: string[] = [];
    const leaveAnyway = (dialog: Dialog) => {
      dialogs.push(dialog.type());
      void dialog.accept();
    };
    page.on('dialog', leaveAnyway);

    await setUpHangingRun(page);
    // No run yet: a reload goes ahead without asking.
    await page.reload();
    await page.getByRole('heading', { name: 'Block-list check', level: 1 }).waitFor();
    expect(dialogs).toEqual([]);

    await page.getByRole('button', { name: 'Check the addresses' }).click();
    await page.getByRole('button', { name: 'I agree: start the check' }).click();
    await page.locator('#progress-heading').waitFor();
    await page.reload();
    expect(dialogs).toEqual(['beforeunload']);

    const notice = page.getByText(/was interrupted and not saved/);
    await notice.waitFor();
    expect(await notice.innerText()).toMatch(
      /^The block-list check that was running when the page was reloaded or closed \(started .+\) was interrupted and not saved\. Run it again from the block-list step\.$/,
    );
    // Said once: the next reload has nothing to report.
    await page.reload();
    await page.getByRole('heading', { name: 'Block-list check', level: 1 }).waitFor();
    expect(await page.getByText(/was interrupted and not saved/).count()).toBe(0);
    expect(errors).toEqual([]);
    await close();
  });
});
