import { readFile, writeFile, mkdtemp } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { axeViolations, openApp, serveApp, stepHeading } from './support/app';
import { putStoredRecord, storedRecords } from './support/stored';
import { launchBrowser, newPage } from './support/browser';
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

describe('the assessment wizard', () => {
  // Completing an assessment from the keyboard, a reload mid-way, a damaged import and an
  // export re-imported are in journeys.e2e.test.ts, written once and run in Chromium and Firefox.
  test('a file saved in another encoding imports with a warning naming how many characters were lost', async () => {
    const { page, errors, close } = await openApp(browser, server.url);
    await page.getByLabel('Organisation name').fill('Café Crème Ltd');
    const stored = async () => JSON.stringify((await storedRecords(page))[0]?.document ?? null);
    await expect.poll(stored).toContain('Café Crème Ltd');
    const exported = await stored();
    const dir = await mkdtemp(join(tmpdir(), 'mssa-latin1-'));
    const path = join(dir, 'latin1.json');
    // As another program would save it: Latin-1, where é is one byte that is not UTF-8.
    await writeFile(path, Buffer.from(exported, 'latin1'));
    await page.getByRole('button', { name: /^Assessments/ }).click();
    await page.getByLabel('Choose an exported JSON file').setInputFiles(path);
    await page
      .getByText(
        /latin1\.json\u2069? is not in the UTF-8 encoding exports use: 2 characters could not be read/,
      )
      .waitFor();
    expect(await axeViolations(page)).toEqual([]);
    expect(errors).toEqual([]);
    await close();
  });

  test('inside another site’s frame the app takes no input and says how to open it', async () => {
    const { page, errors, close } = await newPage(browser);
    await page.setContent(
      `<!doctype html><title>Another site</title><iframe src="${server.url}" title="Framed app" width="800" height="600"></iframe>`,
    );
    const frame = page.frameLocator('iframe');
    await frame.getByRole('heading', { name: 'Open this app in a tab of its own' }).waitFor();
    await expect(frame.locator('input, textarea, select, button').count()).resolves.toBe(0);
    await expect(
      frame
        .getByRole('link', { name: 'Open Mail Security Self-Assessment' })
        .getAttribute('target'),
    ).resolves.toBe('_top');
    // The app itself never started: no wizard, no library, no storage warning.
    await expect(frame.getByRole('navigation').count()).resolves.toBe(0);
    await expect(frame.getByRole('alert').count()).resolves.toBe(0);
    expect(errors).toEqual([]);
    await close();
  });

  test('a direction override in a name cannot reverse the words around it', async () => {
    const { page, errors, close } = await openApp(browser, server.url);
    // U+202E RIGHT-TO-LEFT OVERRIDE, as someone could paste or an imported file could carry.
    await page.getByLabel('Organisation name').fill('\u202EEvil Corp');
    await page.getByRole('button', { name: /^Assessments/ }).click();
    const heading = page.getByRole('heading', { level: 3 }).first();
    await heading.waitFor();
    // The "Open" tag after the name reads left to right: O before n.
    const order = await heading.evaluate((h3) => {
      const tag = h3.querySelector('.tag')!;
      const text = tag.firstChild!;
      const at = (i: number) => {
        const range = document.createRange();
        range.setStart(text, i);
        range.setEnd(text, i + 1);
        return range.getBoundingClientRect().left;
      };
      return { o: at(0), n: at(3), word: text.textContent };
    });
    expect(order.word).toBe('Open');
    expect(order.o).toBeLessThan(order.n);
    expect(await axeViolations(page)).toEqual([]);
    expect(errors).toEqual([]);
    await close();
  });

  test('a paste longer than a field can hold is refused aloud, and the field is left as it was', async () => {
    const { page, errors, close } = await openApp(browser, server.url);
    const servers = page.getByLabel('Mail server addresses');
    await servers.fill('192.0.2.25');
    // 10,000 addresses: about 150,000 characters, where the field holds 20,000.
    const many = Array.from({ length: 10_000 }, (_, i) => `198.51.${i >> 8}.${i & 255}`).join('\n');
    await servers.focus();
    await page.evaluate(
      (text) => navigator.clipboard?.writeText?.(text).catch(() => undefined),
      many,
    );
    await servers.evaluate((field, text) => {
      const area = field as HTMLTextAreaElement;
      area.dispatchEvent(
        new InputEvent('beforeinput', { inputType: 'insertFromPaste', bubbles: true }),
      );
      area.setRangeText(text, area.value.length, area.value.length, 'end');
      area.dispatchEvent(new InputEvent('input', { inputType: 'insertFromPaste', bubbles: true }));
    }, `\n${many}`);
    await page
      .getByText(
        /^Not changed: this field holds at most 20,000 characters, and that would have made it 1\d\d,\d\d\d\./,
      )
      .waitFor();
    await expect(servers.inputValue()).resolves.toBe('192.0.2.25');
    expect(await axeViolations(page)).toEqual([]);
    expect(errors).toEqual([]);
    await close();
  });

  test('stored data that fails validation is kept aside and reported, not deleted', async () => {
    const { page, context, errors, close } = await openApp(browser, server.url);
    await context.addInitScript(() => {
      if (!localStorage.getItem('seeded')) {
        localStorage.setItem('seeded', '1');
        localStorage.setItem(
          'mssa:assessment:broken',
          '{"format":"mail-security-self-assessment","schemaVersion":2,"assessment":{"id":7}}',
        );
      }
    });
    await page.reload();
    await page.getByText(/could not be read and was kept aside/).waitFor();
    await page.getByRole('button', { name: /^Assessments/ }).click();
    // The library view loads when first opened: wait for it rather than count too early.
    await expect
      .poll(() => page.getByRole('heading', { name: 'Stored data that could not be read' }).count())
      .toBe(1);
    await expect.poll(() => page.getByText(/The file is damaged: /).count()).toBe(1);
    const [download] = await Promise.all([
      page.waitForEvent('download'),
      page.getByRole('button', { name: 'Download' }).click(),
    ]);
    expect(await readFile(await download.path(), 'utf8')).toContain('"id":7');
    expect(await axeViolations(page)).toEqual([]);
    expect(errors).toEqual([]);
    await close();
  });

  test('two stored entries holding one assessment: the list shows it once, the copy is kept aside', async () => {
    const { page, errors, close } = await openApp(browser, server.url);
    await page.getByLabel('Organisation name').fill('Twice Stored');
    await page.getByLabel('Organisation name').blur();
    await expect
      .poll(async () => (await storedRecords(page))[0]?.document.assessment.profile.organisation)
      .toBe('Twice Stored');
    const [record] = await storedRecords(page);
    // A copy under another key, as a hand edit or another tool might leave one.
    const copy = structuredClone(record!);
    copy.document.assessment.profile.organisation = 'Twice Stored (copy)';
    await putStoredRecord(page, { ...copy, id: `${record!.id}-copy` });
    await page.reload();
    await page.getByText(/could not be read and was kept aside/).waitFor();
    await page.getByRole('button', { name: /^Assessments/ }).click();
    await expect
      .poll(() => page.getByRole('heading', { level: 3, name: /^Twice Stored/ }).count())
      .toBe(1);
    await page.getByText(/holds assessment .*, so it was kept aside/).waitFor();
    expect(await axeViolations(page)).toEqual([]);
    expect(errors).toEqual([]);
    await close();
  });

  test('with browser storage blocked, a warning says work is not saved and the app keeps working', async () => {
    const { page, context, close } = await openApp(browser, server.url);
    // As in a browser whose settings block site data: every storage call throws.
    await context.addInitScript(() => {
      for (const name of ['localStorage', 'indexedDB']) {
        Object.defineProperty(window, name, {
          get() {
            throw new DOMException('Access is denied for this document.', 'SecurityError');
          },
        });
      }
    });
    await page.reload();
    const warning = page.getByRole('alert').filter({ hasText: 'Browser storage is unavailable' });
    await warning.waitFor();
    await expect(warning.innerText()).resolves.toMatch(/Export the assessment now/);
    await page.getByLabel('Organisation name').fill('In Memory Only');
    await page.getByRole('button', { name: /Mail services inventory/ }).click();
    await page.getByRole('button', { name: 'Organisation profile' }).click();
    await expect(page.getByLabel('Organisation name').inputValue()).resolves.toBe('In Memory Only');
    expect(await axeViolations(page)).toEqual([]);
    await close();
  });

  test('several assessments can be kept and switched between', async () => {
    const { page, errors, close } = await openApp(browser, server.url);
    await page.getByLabel('Organisation name').fill('This Year');
    await page.getByRole('button', { name: /^Assessments/ }).click();
    await page.getByRole('button', { name: 'Start a new assessment' }).click();
    await page.getByLabel('Organisation name').fill('Last Year');
    await page.getByRole('button', { name: /^Assessments/ }).click();
    await page.getByRole('button', { name: 'Open This Year' }).click();
    await expect(page.getByLabel('Organisation name').inputValue()).resolves.toBe('This Year');
    await page.reload();
    await expect(page.getByLabel('Organisation name').inputValue()).resolves.toBe('This Year');
    expect(errors).toEqual([]);
    await close();
  });

  test('the same build works when served under a sub-path', async () => {
    const sub = await serveApp({ basePath: '/tools/mail-assessment/' });
    const { page, errors, close } = await openApp(browser, sub.url);
    expect(await stepHeading(page)).toBe('Organisation profile');
    await page.getByRole('button', { name: /Open relays and open proxies/ }).click();
    await page.getByText('Why it matters').first().waitFor();
    expect(errors).toEqual([]);
    await close();
    await sub.stop();
  });
});
