import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { axeViolations, openApp, serveApp, stepHeading } from './support/app';
import { storedRecords } from './support/stored';
import { anotherTab, launchBrowser } from './support/browser';
import type { StaticServer } from './support/static-server';

/**
 * Two tabs of one browser on the same assessment: one edits, the other shows it read-only and can
 * take editing over; neither ever writes over the other's saved work, and a deletion reaches both.
 */

let browser: Browser;
let server: StaticServer;

beforeAll(async () => {
  [browser, server] = await Promise.all([launchBrowser(), serveApp()]);
});

afterAll(async () => {
  await browser?.close();
  await server?.stop();
});

const readOnlyNotice = (page: Page) => page.getByRole('region', { name: 'Read-only in this tab' });

/** The stored copy of the one assessment this browser holds. */
async function stored(page: Page) {
  const records = await storedRecords(page);
  return records.length === 1 ? records[0]!.document.assessment : undefined;
}

describe('two tabs on one assessment', () => {
  test('one tab edits, the other is read-only until it takes over, and no saved work is lost', async () => {
    const a = await openApp(browser, server.url);
    await a.page.getByLabel('Organisation name').fill('Coleg Dau Dab');
    await a.page.getByLabel('Organisation name').blur();
    await expect
      .poll(async () => (await stored(a.page))?.profile.organisation)
      .toBe('Coleg Dau Dab');

    // Tab B opens the same assessment: A is editing it, so B shows it read-only.
    const b = await anotherTab(a);
    await b.page.goto(server.url);
    await readOnlyNotice(b.page).waitFor();
    await expect(b.page.getByLabel('Organisation name').isDisabled()).resolves.toBe(true);
    await expect(b.page.getByLabel('Organisation name').inputValue()).resolves.toBe(
      'Coleg Dau Dab',
    );
    expect(await axeViolations(b.page)).toEqual([]);

    // B takes editing over: A turns read-only and says why.
    await b.page.getByRole('button', { name: 'Edit here instead' }).click();
    await expect.poll(() => readOnlyNotice(b.page).count()).toBe(0);
    await readOnlyNotice(a.page).waitFor();
    await expect(a.page.getByLabel('Organisation name').isDisabled()).resolves.toBe(true);
    await a.page.getByText(/is now being edited in another tab of this browser/).waitFor();

    // B answers a control with evidence notes; A shows it as soon as it is saved.
    await b.page.getByRole('button', { name: /Open relays and open proxies/ }).click();
    await b.page.locator('input[name="control-no-open-relay-status"][value="partial"]').check();
    await b.page
      .locator('#control-no-open-relay-notes')
      .fill('Relay closed on mx1; mx2 next week.');
    await b.page.locator('#control-no-open-relay-notes').blur();
    await expect
      .poll(async () => (await stored(b.page))?.answers['no-open-relay']?.notes)
      .toBe('Relay closed on mx1; mx2 next week.');
    await a.page.getByRole('button', { name: /Open relays and open proxies/ }).click();
    await expect
      .poll(() => a.page.locator('#control-no-open-relay-notes').inputValue())
      .toBe('Relay closed on mx1; mx2 next week.');

    // A, the stale tab of the report, takes editing back and changes the assessor: B's answer
    // and notes stay in storage beside A's change.
    await a.page.getByRole('button', { name: 'Edit here instead' }).click();
    await readOnlyNotice(b.page).waitFor();
    await a.page.getByRole('button', { name: 'Organisation profile' }).click();
    await expect.poll(() => stepHeading(a.page)).toBe('Organisation profile');
    await a.page.getByLabel('Assessor name').fill('Dafydd ap Gwilym');
    await a.page.getByLabel('Assessor name').blur();
    await expect
      .poll(async () => (await stored(a.page))?.profile.assessorName)
      .toBe('Dafydd ap Gwilym');
    const both = await stored(a.page);
    expect(both?.answers['no-open-relay']).toMatchObject({
      status: 'partial',
      notes: 'Relay closed on mx1; mx2 next week.',
    });
    expect(a.errors).toEqual([]);
    expect(b.errors).toEqual([]);
    await a.close();
  });

  test('an assessment deleted in one tab is gone from the other, and is not saved back', async () => {
    const a = await openApp(browser, server.url);
    await a.page.getByLabel('Organisation name').fill('Doomed Ltd');
    await a.page.getByLabel('Organisation name').blur();
    await expect.poll(async () => (await stored(a.page))?.profile.organisation).toBe('Doomed Ltd');
    const doomed = (await stored(a.page))!.id;

    const b = await anotherTab(a);
    await b.page.goto(server.url);
    await readOnlyNotice(b.page).waitFor();
    await b.page.getByRole('button', { name: /^Assessments/ }).click();
    await b.page.getByRole('button', { name: 'Delete Doomed Ltd' }).click();
    await b.page.getByRole('button', { name: 'Yes, delete' }).click();
    await b.page.getByText(/^Deleted \u2068?Doomed Ltd\u2069?\.?/).waitFor();

    // A is told, has moved on to another assessment, and what it saves is not the deleted one.
    await a.page
      .getByText(/^\u2068?Doomed Ltd\u2069? .*was deleted in another tab of this browser\./)
      .waitFor();
    await a.page.getByLabel('Organisation name').fill('Survivor College');
    await a.page.getByLabel('Organisation name').blur();
    await a.page.evaluate(() => window.dispatchEvent(new Event('pagehide')));
    const ids = (await storedRecords(a.page)).map((record) => record.id);
    expect(ids).not.toContain(doomed);
    await expect
      .poll(async () => (await stored(a.page))?.profile.organisation)
      .toBe('Survivor College');
    expect(a.errors).toEqual([]);
    expect(b.errors).toEqual([]);
    await a.close();
  });
});
