/**
 * The app on a 375 px wide phone screen, in real Chromium (layout cannot be judged in jsdom):
 * nothing runs off the side, radio buttons and checkboxes keep their size beside long labels,
 * the step list does not fill the first screen, and the remediation plan reads without scrolling
 * sideways.
 */
import { mkdtemp, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { blocklistRun, documentText, reportAssessment } from '../fixtures/report-assessment';
import { axeViolations, serveApp, stepHeading } from './support/app';
import { newPage, launchBrowser, type TestPage } from './support/browser';
import type { StaticServer } from './support/static-server';

const PHONE = { width: 375, height: 667 };

let browser: Browser;
let server: StaticServer;
let work: string;

beforeAll(async () => {
  [browser, server, work] = await Promise.all([
    launchBrowser(),
    serveApp(),
    mkdtemp(join(tmpdir(), 'small-screen-e2e-')),
  ]);
});

afterAll(async () => {
  await browser?.close();
  await server?.stop();
});

async function openPhone(): Promise<TestPage> {
  const test = await newPage(browser, { viewport: PHONE });
  await test.page.goto(server.url);
  await test.page.getByRole('heading', { level: 1 }).first().waitFor();
  return test;
}

/** How far the page is wider than the screen (0 when nothing runs off the side). */
function overflow(page: Page): Promise<number> {
  return page.evaluate(
    () => document.documentElement.scrollWidth - document.documentElement.clientWidth,
  );
}

/** The smallest width and height of the radio buttons and checkboxes in choice labels. */
function smallestChoice(page: Page): Promise<{ width: number; height: number; count: number }> {
  return page.evaluate(() => {
    const boxes = [...document.querySelectorAll('.choice input')].map((input) =>
      input.getBoundingClientRect(),
    );
    return {
      width: Math.min(...boxes.map((b) => b.width)),
      height: Math.min(...boxes.map((b) => b.height)),
      count: boxes.length,
    };
  });
}

describe('on a 375 px screen', () => {
  test('the step list starts folded, so the step itself is on the first screen, and opens with the keyboard', async () => {
    const { page, errors, close } = await openPhone();
    expect(await stepHeading(page)).toBe('Organisation profile');
    const heading = page.getByRole('heading', { level: 1 });
    const top = (await heading.boundingBox())?.y ?? Infinity;
    expect(top).toBeLessThan(PHONE.height / 2);
    expect(await page.getByRole('button', { name: 'Review' }).isVisible()).toBe(false);

    // The summary says where the user is; Enter on it shows the steps.
    const summary = page.locator('.step-nav summary');
    await expect.poll(() => summary.innerText()).toMatch(/^Steps: Organisation profile/);
    await summary.focus();
    await page.keyboard.press('Enter');
    await page.getByRole('button', { name: 'Review' }).waitFor();
    await page.getByRole('button', { name: 'Review' }).press('Enter');
    await expect.poll(() => stepHeading(page)).toBe('Review');
    // Going to a step folds the list again, so the step is what the user sees.
    await expect
      .poll(() => page.getByRole('button', { name: 'Organisation profile' }).isVisible())
      .toBe(false);
    expect(await overflow(page)).toBe(0);
    expect(errors).toEqual([]);
    await close();
  });

  test('radio buttons keep their size beside long labels, and nothing runs off the side', async () => {
    const { page, errors, close } = await openPhone();
    // The service models have the longest labels of the profile.
    const profile = await smallestChoice(page);
    expect(profile.count).toBeGreaterThan(0);
    expect(profile.width).toBeGreaterThanOrEqual(19.5);
    expect(profile.height).toBeGreaterThanOrEqual(19.5);
    expect(await overflow(page)).toBe(0);
    expect(await axeViolations(page)).toEqual([]);
    expect(errors).toEqual([]);
    await close();
  });

  test('the remediation plan is a stack of readable entries, not columns off the screen', async () => {
    const { page, errors, close } = await openPhone();
    const file = join(work, 'assessment.json');
    // Saved on the results step, so the import opens there.
    const assessment = { ...reportAssessment({ run: blocklistRun(4, 2) }), step: 'results' };
    await writeFile(file, documentText(assessment));
    await page.getByRole('button', { name: /^Assessments/ }).click();
    await page.locator('#import-file').setInputFiles(file);
    await expect.poll(() => stepHeading(page)).toBe('Results');

    const plan = page.getByRole('table', { name: /Remediation plan/ });
    await plan.waitFor();
    const cells = await plan.evaluate((table) =>
      [...table.querySelectorAll('th, td')]
        .map((cell) => cell.getBoundingClientRect())
        .filter((box) => box.width > 0)
        .map((box) => ({ left: box.left, right: box.right })),
    );
    expect(cells.length).toBeGreaterThan(6);
    for (const cell of cells) {
      expect(cell.left).toBeGreaterThanOrEqual(0);
      expect(cell.right).toBeLessThanOrEqual(PHONE.width);
    }
    // Each entry still says what each value is, and the table is still a table to a screen reader.
    const firstRow = plan.getByRole('row').nth(1);
    await expect.poll(() => firstRow.innerText()).toMatch(/Owner/);
    expect(await plan.getByRole('columnheader', { name: 'Target date' }).count()).toBe(1);
    expect(await overflow(page)).toBe(0);
    expect(await axeViolations(page)).toEqual([]);
    expect(errors).toEqual([]);
    await close();
  });
});
