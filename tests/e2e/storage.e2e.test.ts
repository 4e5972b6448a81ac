/**
 * Storage in real Chromium: assessments live in IndexedDB; what earlier versions left in
 * localStorage moves there without loss; twenty assessments with full block-list runs are kept and
 * read back; an import that cannot be stored says so; the library shows what is used.
 */
import { mkdtemp, readFile, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { toDocument } from '../../src/lib/model/document';
import { assessmentWith } from '../fixtures/assessment';
import { fullRun } from '../fixtures/blocklist-run';
import { axeViolations, openApp, serveApp, stepHeading } from './support/app';
import { launchBrowser, newPage } from './support/browser';
import type { StaticServer } from './support/static-server';
import { storedRecords } from './support/stored';

let browser: Browser;
let server: StaticServer;

beforeAll(async () => {
  [browser, server] = await Promise.all([launchBrowser(), serveApp()]);
});

afterAll(async () => {
  await browser?.close();
  await server?.stop();
});

const v1 = () => readFile(new URL('../fixtures/assessment-v1.json', import.meta.url), 'utf8');

/** An export file of an assessment with a full run (1,024 addresses × 8 lists), on disk. */
async function exportWithFullRun(dir: string, index: number, run = fullRun(1024, 8)) {
  const assessment = assessmentWith(
    {},
    {
      id: `full-run-${index}`,
      run,
      profile: { ...assessmentWith().profile, organisation: `Big ${index}` },
    },
  );
  const path = join(dir, `big-${index}.json`);
  await writeFile(path, JSON.stringify(toDocument(assessment, new Date())));
  return path;
}

describe('storage', () => {
  test('assessments an earlier version kept in localStorage move to IndexedDB, checked, and stay after a reload', async () => {
    // A browser this app (the IndexedDB version) has never opened.
    const { page, context, errors, close } = await newPage(browser);
    const withRun = JSON.stringify(
      toDocument(
        assessmentWith(
          {},
          {
            id: 'with-run',
            run: fullRun(64, 4),
            profile: { ...assessmentWith().profile, organisation: 'Run Kept Ltd' },
          },
        ),
        new Date(),
      ),
    );
    const oldDoc = await v1();
    // As an earlier version left this browser; planted once, before the app's next load.
    await context.addInitScript(
      ([old, current]) => {
        if (sessionStorage.getItem('planted')) return;
        sessionStorage.setItem('planted', '1');
        localStorage.setItem('mssa:assessment:3f1c9a2e-6c1b-4d8e-9a57-0d3f0b6f2a11', old!);
        localStorage.setItem('mssa:assessment:with-run', current!);
        localStorage.setItem('mssa:active', 'with-run');
        localStorage.setItem('other-app', 'untouched');
      },
      [oldDoc, withRun],
    );
    await page.goto(server.url);
    await page
      .getByText(/^2 assessments kept by an earlier version of this app were moved/)
      .waitFor();
    expect(await page.getByLabel('Organisation name').inputValue()).toBe('Run Kept Ltd');
    const left = await page.evaluate(() => Object.keys(localStorage).sort());
    expect(left.filter((k) => k.startsWith('mssa:assessment:') || k === 'mssa:active')).toEqual([]);
    expect(left).toContain('other-app');
    const records = await storedRecords(page);
    expect(records.map((r) => r.id).sort()).toContain('with-run');
    expect(records.map((r) => r.document.assessment.profile.organisation)).toContain(
      'Coleg Example',
    );

    await page.reload();
    await page.getByLabel('Organisation name').waitFor();
    expect(await page.getByText(/were moved/).count()).toBe(0);
    await page.getByRole('button', { name: /^Assessments/ }).click();
    for (const name of ['Run Kept Ltd', 'Coleg Example']) {
      await page.getByRole('heading', { level: 3, name: new RegExp(name) }).waitFor();
    }
    expect(await axeViolations(page)).toEqual([]);
    expect(errors).toEqual([]);
    await close();
  });

  test('twenty assessments, each with a full 1,024 × 8 block-list run, are kept and all read back after a reload', async () => {
    const { page, errors, close } = await openApp(browser, server.url);
    const dir = await mkdtemp(join(tmpdir(), 'mssa-twenty-'));
    const run = fullRun(1024, 8);
    await page.getByRole('button', { name: /^Assessments/ }).click();
    for (let i = 1; i <= 20; i += 1) {
      const path = await exportWithFullRun(dir, i, run);
      await page.getByLabel('Choose an exported JSON file').setInputFiles(path);
      await page.getByText(new RegExp(`^Imported \\u2068?Big ${i}\\b`)).waitFor();
      await page.getByRole('button', { name: /^Assessments/ }).click();
    }
    await page.reload();
    await page.getByRole('button', { name: /^Assessments \(21\)/ }).click();
    for (let i = 1; i <= 20; i += 1) {
      await page.getByRole('heading', { level: 3, name: new RegExp(`^Big ${i}\\b`) }).waitFor();
    }
    const records = await storedRecords(page);
    const big = records.filter((r) => r.id.startsWith('full-run-'));
    expect(big).toHaveLength(20);
    // Every run stored compactly, all of it there.
    for (const record of big) {
      expect(record.document.assessment.lookup.lastRun?.results).toMatchObject({ count: 8192 });
    }
    await expect(
      page.getByText(/^21 assessments stored here, about [\d.]+ (KB|MB) in all\./).count(),
    ).resolves.toBe(1);
    await page.getByRole('button', { name: 'Open Big 7' }).click();
    expect(await stepHeading(page)).toBe('Organisation profile');
    expect(errors).toEqual([]);
    await close();
  }, 240_000);

  test('an import that cannot be stored is opened, but said not to be stored', async () => {
    const { page, errors, close } = await openApp(browser, server.url);
    const dir = await mkdtemp(join(tmpdir(), 'mssa-full-'));
    const path = await exportWithFullRun(dir, 1, fullRun(16, 2));
    // As a full disk would: from now on every write to the database fails with the quota error.
    await page.evaluate(() => {
      IDBObjectStore.prototype.put = () => {
        throw new DOMException('The quota has been exceeded.', 'QuotaExceededError');
      };
    });
    await page.getByRole('button', { name: /^Assessments/ }).click();
    await page.getByLabel('Choose an exported JSON file').setInputFiles(path);
    await page
      .getByText(
        /^\u2068?Big 1\u2069? .*is open but was NOT stored in this browser: the storage this browser gives the app is full\./,
      )
      .waitFor();
    await page
      .getByRole('alert')
      .filter({ hasText: /storage is full/i })
      .waitFor();
    expect(await page.getByLabel('Organisation name').inputValue()).toBe('Big 1');
    expect((await storedRecords(page)).map((r) => r.id)).not.toContain('full-run-1');
    expect(await axeViolations(page)).toEqual([]);
    expect(errors).toEqual([]);
    await close();
  });

  test('the library shows what is stored and asks the browser to keep it only when told to', async () => {
    const { page, errors, close } = await openApp(browser, server.url);
    await page.getByLabel('Organisation name').fill('Kept Ltd');
    await page.getByLabel('Organisation name').blur();
    await page.getByRole('button', { name: /^Assessments/ }).click();
    await page
      .getByText(/^1 assessment stored here, about [\d.]+ (bytes|KB) in all\. This site uses /)
      .waitFor();
    await page.getByText(/Stored: about [\d.]+ (bytes|KB)/).waitFor();
    const ask = page.getByRole('button', { name: 'Ask the browser to keep this storage' });
    if ((await ask.count()) > 0) {
      await ask.click();
      await page
        .getByText(/^The browser (has agreed to keep this storage|declined for now)/)
        .first()
        .waitFor();
    }
    expect(await axeViolations(page)).toEqual([]);
    expect(errors).toEqual([]);
    await close();
  });
});
