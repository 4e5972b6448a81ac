import { createHash } from 'node:crypto';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { newAssessment, type Assessment } from '../../src/lib/model/assessment';
import { toDocument } from '../../src/lib/model/document';
import type { BlocklistRun } from '../../src/lib/model/blocklist-run';
import { canonicalJson } from '../../src/lib/assessment/canonical';
import { axeViolations, openApp, serveApp, stepHeading } from './support/app';
import { launchBrowser } from './support/browser';
import type { StaticServer } from './support/static-server';

/*
 * Inputs the schema accepts that used to freeze the page for seconds (issue 10). How fast the
 * page answers is measured by `npm run bench:worst`; these tests check that it answers with the
 * right counts and words, and stays usable. No DNS query is sent: nothing here starts a check.
 */

let browser: Browser;
let server: StaticServer;
let work: string;

beforeAll(async () => {
  [browser, server, work] = await Promise.all([
    launchBrowser(),
    serveApp(),
    mkdtemp(join(tmpdir(), 'e2e-large-input-')),
  ]);
});

afterAll(async () => {
  await rm(work, { recursive: true, force: true });
  await browser?.close();
  await server?.stop();
});

/** `count` distinct public /22 ranges: 11.0.0.0/22, 11.0.4.0/22, … */
function slash22s(count: number): string[] {
  return Array.from({ length: count }, (_, i) => `11.${i >> 6}.${(i & 63) << 2}.0/22`);
}

function assessment(patch: Partial<Assessment>): Assessment {
  const base = newAssessment({
    id: `large-input-${patch.step ?? 'profile'}`,
    now: new Date('2026-11-28T09:00:00Z'),
    catalogueVersion: '2026.1',
  });
  return { ...base, ...patch, profile: { ...base.profile, organisation: 'Large Input College' } };
}

async function importFile(page: Page, name: string, content: string): Promise<void> {
  const path = join(work, name);
  await writeFile(path, content);
  await page.getByRole('button', { name: /^Assessments/ }).click();
  await page.getByLabel('Choose an exported JSON file').setInputFiles(path);
}

/** The worker scripts the page has started, by file name. */
function watchWorkers(page: Page): string[] {
  const started: string[] = [];
  page.on('worker', (worker) => started.push(new URL(worker.url()).pathname.split('/').at(-1)!));
  return started;
}

const summary = (page: Page) => page.locator('#lookup-targets-after');

describe('large inputs leave the page responsive', () => {
  test('3,000 pasted /22 ranges: one is taken, the rest are counted in brief, and the page stays usable', async () => {
    const { page, context, errors, close } = await openApp(browser, server.url);
    await context.grantPermissions(['clipboard-read', 'clipboard-write'], {
      origin: server.origin,
    });
    await page.getByRole('button', { name: /Block-list check/ }).click();
    const targets = page.getByLabel('Addresses and ranges, one per line');
    await targets.waitFor();

    // Pasted as a user pastes: through the clipboard.
    await page.evaluate((text) => navigator.clipboard.writeText(text), slash22s(3000).join('\n'));
    await targets.focus();
    await page.keyboard.press('Control+V');
    await expect
      .poll(() => summary(page).innerText(), { timeout: 10_000 })
      .toContain('1,024 addresses will be checked.');
    const said = await summary(page).innerText();
    expect(said).toContain('2,999 lines are over the limit and will not be checked:');
    expect(said).toContain(
      'Line 2: 11.0.4.0/22 was left out: it adds 1,024 addresses to the 1,024 already included, 2,048 in all',
    );
    expect(said).toContain(
      '…and 2,989 more lines over the limit, the last on line 3,000: they will not be checked either.',
    );
    await expect(summary(page).locator('li').count()).resolves.toBe(11);
    await expect(targets.getAttribute('aria-invalid')).resolves.toBe('true');
    expect(await axeViolations(page)).toEqual([]);

    // Still usable: the lines can be replaced at once, and the step left and shown again.
    await page.getByRole('button', { name: 'Use the addresses from the profile again' }).click();
    await expect.poll(() => targets.inputValue()).toBe('');
    await expect(summary(page).innerText()).resolves.not.toContain('over the limit');
    await page.getByRole('button', { name: 'Review answers' }).click();
    expect(await stepHeading(page)).toBe('Review');
    expect(errors).toEqual([]);
    await close();
  });

  test('an imported assessment holding 6,622 /22 lines opens on its step, read in a worker, and shows again', async () => {
    const { page, errors, close } = await openApp(browser, server.url);
    const workers = watchWorkers(page);
    const lines = slash22s(6622);
    const imported = assessment({ step: 'blocklists' });
    imported.lookup.settings = { ...imported.lookup.settings, targets: lines.join('\n') };
    await importFile(page, 'many-ranges.json', JSON.stringify(toDocument(imported, new Date())));

    await expect.poll(() => stepHeading(page)).toBe('Block-list check');
    await expect
      .poll(() => summary(page).innerText())
      .toContain('6,621 lines are over the limit and will not be checked:');
    await expect(summary(page).innerText()).resolves.toContain(
      'the last on line 6,622: they will not be checked either.',
    );
    expect(workers.filter((name) => /^documents\.worker-[\w-]+\.js$/.test(name))).toHaveLength(1);

    for (let shown = 0; shown < 2; shown += 1) {
      await page.getByRole('button', { name: 'Review answers' }).click();
      expect(await stepHeading(page)).toBe('Review');
      await page.getByRole('button', { name: /Block-list check/ }).click();
      await expect
        .poll(() => summary(page).innerText())
        .toContain('1,024 addresses will be checked.');
    }
    // Starting is refused with the reason: the run could not record all it would leave out.
    await page.getByRole('button', { name: 'Check the addresses' }).click();
    await expect(page.getByRole('alert').innerText()).resolves.toContain(
      '6,621 lines or parts of ranges would be left out of this check, more than a check can record (4,096)',
    );
    expect(errors).toEqual([]);
    await close();
  });

  test('Verify of a large export is done in a worker and gives its verdict', async () => {
    const { page, errors, close } = await openApp(browser, server.url);
    const workers = watchWorkers(page);
    await importFile(
      page,
      'results.json',
      JSON.stringify(toDocument(assessment({ step: 'results' }), new Date())),
    );
    await page.getByRole('heading', { level: 1, name: 'Results' }).waitFor();

    // 4,096 addresses on 4 lists: 16,384 results, a few megabytes.
    const lists = Array.from({ length: 4 }, (_, i) => ({
      id: `custom-bl${i}-example-org`,
      name: `List ${i + 1}`,
      zone: `bl${i}.example.org`,
      operator: `Operator ${i + 1}`,
      health: { usable: true as const },
      familyHealth: { ipv4: { usable: true as const } },
    }));
    const addresses = Array.from({ length: 4096 }, (_, i) => `11.${i >> 8}.${i & 255}.1`);
    const run: BlocklistRun = {
      id: 'run-large',
      startedAt: '2026-11-28T10:00:00.000Z',
      finishedAt: '2026-11-28T10:05:00.000Z',
      state: 'complete',
      resolver: { label: 'Loopback', url: 'http://127.0.0.1:8053/dns-query' },
      addresses,
      lists,
      results: addresses.flatMap((address) =>
        lists.map((list) => ({
          address,
          listId: list.id,
          outcome: 'not-listed' as const,
          codes: [],
          meanings: [],
          rcode: 'NXDOMAIN',
          ttl: 300,
        })),
      ),
    };
    const exported = assessment({ lookup: { ...assessment({}).lookup, lastRun: run } });
    const digest = createHash('sha256').update(canonicalJson(exported), 'utf8').digest('hex');
    const path = join(work, 'large-export.json');
    await writeFile(
      path,
      JSON.stringify(
        {
          ...toDocument(exported, new Date()),
          integrity: { algorithm: 'SHA-256', digest, covers: 'canonical assessment content' },
        },
        null,
        2,
      ),
    );
    await page.locator('#verify-file').setInputFiles(path);
    await page.getByLabel('Digest printed on the report (recommended)').fill(digest);
    await page.getByRole('button', { name: 'Verify', exact: true }).click();
    await page
      .getByText(
        'large-export.json matches the report: it holds the content the report was printed from.',
      )
      .waitFor({ timeout: 30_000 });
    // One worker read the imported file, another the file verified.
    expect(workers.filter((name) => /^documents\.worker-[\w-]+\.js$/.test(name))).toHaveLength(2);
    expect(errors).toEqual([]);
    await close();
  });
});
