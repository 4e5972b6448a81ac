/**
 * A block-list run lives in the page until it finishes. In real Chromium: while one is running, a
 * reload asks first (the browser's "Leave site?" prompt); when the user leaves anyway, the page
 * that loads says the check was interrupted and not saved. With no run in progress, nothing asks.
 */
import type { Browser, Dialog, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { axeViolations, openApp, serveApp } from './support/app';
import { interruptedAnswers, storedRecords } from './support/stored';
import { launchBrowser } from './support/browser';
import { startDohServer, type DohServer } from './support/dns-server';
import type { StaticServer } from './support/static-server';
import { queryName, ZONE } from './support/zones';

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

describe('resuming a check cut short', () => {
  test('after a reload the answers so far are kept, and resuming asks only the pairs without one', async () => {
    const { page, context, errors, close } = await openApp(browser, server.url);
    page.on('dialog', (dialog) => void dialog.accept());
    // 33 addresses on one list, one query at a time, each answer slowed in the browser's own
    // network stack (DevTools network emulation), so a reload lands in the middle of the run.
    await page.getByLabel('Mail server addresses').fill('192.31.196.10');
    await page.getByLabel('Network ranges').fill('192.0.32.0/27');
    await page.getByRole('button', { name: /Block-list check/ }).click();
    await page.getByRole('button', { name: 'Check the addresses' }).waitFor();
    await page.getByRole('radio', { name: /Your own DoH resolver/ }).check();
    await page.getByLabel('Resolver address (RFC 8484)').fill(doh.url);
    const checked = page.locator('.list-choices input[type=checkbox]:checked');
    while ((await checked.count()) > 0) await checked.first().uncheck();
    await page.getByText('Advanced: speed and time limit').click();
    await page.getByLabel('Queries in flight at once').fill('1');
    await page.getByLabel('Queries in flight at once').blur();
    await page.getByText('Add your own list (for example a Janet mirror)').click();
    await page.getByLabel('Zone', { exact: true }).fill(ZONE.good);
    await page.getByLabel('Name (optional)').fill('Good');
    await page.getByRole('button', { name: 'Add this list' }).click();
    await page.getByRole('checkbox', { name: 'Good', exact: true }).waitFor();

    const cdp = await context.newCDPSession(page);
    await cdp.send('Network.enable');
    await cdp.send('Network.emulateNetworkConditions', {
      offline: false,
      latency: 250,
      downloadThroughput: -1,
      uploadThroughput: -1,
    });
    await page.getByRole('button', { name: 'Check the addresses' }).click();
    await page.getByRole('button', { name: 'I agree: start the check' }).click();
    // Reload once a few answers are kept (the app keeps them about once a second).
    await expect
      .poll(async () => (await interruptedAnswers(page)).length, { timeout: 30_000 })
      .toBeGreaterThanOrEqual(5);
    const kept = await interruptedAnswers(page);
    const interruptedStart = await page.evaluate(async () => {
      const db = await new Promise<IDBDatabase>((resolve) => {
        const request = indexedDB.open('mail-security-self-assessment');
        request.onsuccess = () => resolve(request.result);
      });
      const record = await new Promise<{ check: { run: { startedAt: string } } }>((resolve) => {
        const request = db
          .transaction('checks-in-progress')
          .objectStore('checks-in-progress')
          .getAll();
        request.onsuccess = () => resolve(request.result[0]);
      });
      db.close();
      return record.check.run.startedAt;
    });
    await page.reload();
    await cdp.send('Network.emulateNetworkConditions', {
      offline: false,
      latency: 0,
      downloadThroughput: -1,
      uploadThroughput: -1,
    });

    const notice = page.getByText(/was interrupted after \d+ answers\. They were kept/);
    await notice.waitFor();
    expect(await notice.innerText()).toMatch(
      /^The block-list check that was running when the page was reloaded or closed \(started .+\) was interrupted after \d+ answers\. They were kept: resume it from the block-list step, where only the address\/list pairs without an answer are asked\.$/,
    );
    await page.getByRole('heading', { name: 'Block-list check', level: 1 }).waitFor();
    const panel = page.getByRole('region', { name: 'An interrupted check' });
    await panel.waitFor();
    const keptNow = await interruptedAnswers(page);
    expect(keptNow.length).toBeGreaterThanOrEqual(kept.length);
    await expect(panel.innerText()).resolves.toMatch(
      new RegExp(`when ${keptNow.length} of 33 address/list pairs had an answer`),
    );
    expect(await axeViolations(page)).toEqual([]);

    const before = (await doh.queryNames()).length;
    await panel.getByRole('button', { name: 'Resume the check' }).click();
    await page.getByText('Check complete').waitFor({ timeout: 30_000 });
    const askedAfter = (await doh.queryNames())
      .slice(before)
      .map((name) => name.replace(/\.$/, '').toLowerCase());
    // Only the pairs without an answer, each once; not one kept answer asked again, and no test
    // point either (the lists were tested before the interruption).
    const expected = ['192.31.196.10', ...Array.from({ length: 32 }, (_, i) => `192.0.32.${i}`)]
      .filter((ip) => !keptNow.includes(ip))
      .map((ip) => queryName(ip, ZONE.good));
    expect([...askedAfter].sort()).toEqual([...expected].sort());

    // The stored evidence is the one run, started when the interrupted one was, all 33 pairs.
    const storedRun = async () =>
      (await storedRecords(page))[0]?.document.assessment.lookup.lastRun as
        { id: string; startedAt: string; results: { count: number } } | undefined;
    await expect.poll(async () => (await storedRun())?.results.count).toBe(33);
    expect((await storedRun())?.startedAt).toBe(interruptedStart);
    expect(await page.getByRole('region', { name: 'An interrupted check' }).count()).toBe(0);
    expect(await interruptedAnswers(page)).toEqual([]);
    expect(errors).toEqual([]);
    await close();
  }, 90_000);
});
