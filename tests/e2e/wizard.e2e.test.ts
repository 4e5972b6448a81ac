import { readFile, writeFile, mkdtemp } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { axeViolations, openApp, serveApp, stepHeading, tabTo } from './support/app';
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

/** The radio-group names (one per answerable control) of the section on screen, in order. */
function answerGroups(page: Page): Promise<string[]> {
  return page.evaluate(() => [
    ...new Set(
      [
        ...document.querySelectorAll<HTMLInputElement>('main input[type=radio][name$="-status"]'),
      ].map((input) => input.name),
    ),
  ]);
}

const PRIMARY = 'main .actions button.button:not(.button--secondary)';

describe('the assessment wizard', () => {
  test('a whole assessment can be completed with the keyboard alone, and every step passes axe', async () => {
    const { page, errors, close } = await openApp(browser, server.url);
    const violations: Record<string, string[]> = {};
    const check = async () => {
      const found = await axeViolations(page);
      if (found.length > 0) violations[await stepHeading(page)] = found;
    };

    // Profile.
    await check();
    await tabTo(page, '#organisation');
    await page.keyboard.type('Coleg Cymraeg – Keyboard Test');
    await tabTo(page, '#assessor-name');
    await page.keyboard.type('Siân Jones');
    await tabTo(page, '#assessor-role');
    await page.keyboard.type('Network manager');
    await tabTo(page, 'input[name=service-model]');
    await page.keyboard.press('Space'); // Own mail servers
    await tabTo(page, '#mail-servers');
    await page.keyboard.type('192.0.2.25\n192.0.2.300');
    await expect.poll(() => page.getByText(/Line 2: .*192\.0\.2\.300/).count()).toBe(1);
    await page.keyboard.press('Backspace');
    await page.keyboard.press('Backspace');
    await page.keyboard.type('6');
    await expect.poll(() => page.getByText(/Line 2:/).count()).toBe(0);
    await check();
    await tabTo(page, PRIMARY, 'Save and continue');
    await page.keyboard.press('Enter');

    // Seven sections: every control answered "Implemented" (Space on the first radio), except
    // the open-relay MUST, answered "Not implemented" (two arrows on) with an owner.
    for (let section = 0; section < 7; section += 1) {
      await expect.poll(() => stepHeading(page)).not.toBe('Organisation profile');
      await page.getByText('Why it matters').first().waitFor();
      const heading = await stepHeading(page);
      for (const group of await answerGroups(page)) {
        await tabTo(page, `input[name="${group}"]`);
        if (group === 'control-no-open-relay-status') {
          await page.keyboard.press('ArrowRight');
          await page.keyboard.press('ArrowRight');
          await tabTo(page, '#control-no-open-relay-owner');
          await page.keyboard.type('Mail team');
        } else {
          await page.keyboard.press('Space');
        }
      }
      await check();
      await tabTo(page, PRIMARY, section < 6 ? 'Next section' : 'Next: block-list check');
      await page.keyboard.press('Enter');
      await expect.poll(() => stepHeading(page)).not.toBe(heading);
    }

    // The optional block-list step, skipped; then the review with nothing left unanswered.
    expect(await stepHeading(page)).toBe('Block-list check');
    await page.getByRole('button', { name: 'Check the addresses' }).waitFor();
    await check();
    await tabTo(page, PRIMARY, 'Review answers');
    await page.keyboard.press('Enter');
    await expect.poll(() => stepHeading(page)).toBe('Review');
    // The review loads when first shown.
    await page.getByText('Every applicable control has an answer.').waitFor();
    await check();
    await tabTo(page, PRIMARY, 'See the results');
    await page.keyboard.press('Enter');

    await expect.poll(() => stepHeading(page)).toBe('Results');
    await expect(page.locator('#verdict-heading').innerText()).resolves.toBe(
      'Does not meet the requirements',
    );
    const plan = page.locator('section[aria-labelledby=plan-heading] tbody tr');
    await expect(plan.count()).resolves.toBe(1);
    await expect(plan.first().innerText()).resolves.toMatch(/MUST[\s\S]*Mail team/);
    await check();

    expect(violations).toEqual({});
    expect(errors).toEqual([]);
    await close();
    // It tabs through every control of the checklist (41 since 2026.3) and runs axe on each step:
    // about 30 s alone, past the usual minute when the whole suite shares two busy cores.
  }, 120_000);

  test('a reload in the middle resumes at the same step with nothing lost', async () => {
    const { page, errors, close } = await openApp(browser, server.url);
    await page.getByLabel('Organisation name').fill('Reload University');
    await page.getByLabel('Network ranges').fill('192.0.2.0/24\n198.51.100.7/24');
    await page.getByRole('radio', { name: /^Hosted mail service/ }).check();
    await page.getByRole('button', { name: /Patching and unnecessary services/ }).click();
    await page.getByRole('radio', { name: 'Partially implemented' }).first().check();
    await page.getByLabel('Evidence notes').first().fill('Half the estate is on the new WSUS.');
    await page.getByLabel('Owner of the fix').first().fill('Desktop team');

    await page.reload();
    await page.getByText('Why it matters').first().waitFor();
    expect(await stepHeading(page)).toBe('Patching and unnecessary services');
    await expect(
      page.getByRole('radio', { name: 'Partially implemented' }).first().isChecked(),
    ).resolves.toBe(true);
    await expect(page.getByLabel('Evidence notes').first().inputValue()).resolves.toBe(
      'Half the estate is on the new WSUS.',
    );
    await expect(page.getByLabel('Owner of the fix').first().inputValue()).resolves.toBe(
      'Desktop team',
    );
    // With a hosted service, mail-server patching is not applicable, with the reason shown.
    await expect(page.getByText('Not applicable (by profile).').count()).resolves.toBeGreaterThan(
      0,
    );

    await page.getByRole('button', { name: 'Organisation profile' }).click();
    await expect(page.getByLabel('Organisation name').inputValue()).resolves.toBe(
      'Reload University',
    );
    // The bad range line is kept as typed, with its message.
    await expect(page.getByLabel('Network ranges').inputValue()).resolves.toBe(
      '192.0.2.0/24\n198.51.100.7/24',
    );
    await expect(page.getByText(/Line 2: .*198\.51\.100\.0\/24/).count()).resolves.toBe(1);
    expect(errors).toEqual([]);
    await close();
  });

  test('a damaged import is refused with the reason and the open assessment is untouched', async () => {
    const { page, errors, close } = await openApp(browser, server.url);
    await page.getByLabel('Organisation name').fill('Untouched College');
    await page.getByRole('button', { name: /^Assessments/ }).click();
    expect(await axeViolations(page)).toEqual([]);

    const dir = await mkdtemp(join(tmpdir(), 'mssa-import-'));
    const cases: [string, string, RegExp][] = [
      [
        'truncated.json',
        '{"format":"mail-security-self-assessment","schemaVersion":2,"assess',
        /cut short \(truncated\)/,
      ],
      [
        'package.json',
        '{"name":"left-pad","version":"1.3.0"}',
        /not a Mail Security Self-Assessment file/,
      ],
      ['notes.json', 'hello, this is not JSON', /not valid JSON/],
      [
        'edited.json',
        '{"format":"mail-security-self-assessment","schemaVersion":2,"savedAt":"2026-11-28T09:00:00.000Z","assessment":{"id":7}}',
        /The file is damaged: \d+ fields do not hold what this app writes/,
      ],
    ];
    for (const [name, content, message] of cases) {
      const path = join(dir, name);
      await writeFile(path, content);
      await page.getByLabel('Choose an exported JSON file').setInputFiles(path);
      const alert = page.getByRole('alert').filter({ hasText: `${name} was not imported` });
      await alert.waitFor();
      await expect(alert.innerText()).resolves.toMatch(message);
      await expect(alert.innerText()).resolves.toMatch(/Your open assessment has not been changed/);
      if (name === 'package.json') continue;
      // Plain words first; what the parser or the schema said only when asked for.
      await expect(alert.innerText()).resolves.not.toMatch(/parser|Invalid input|Unexpected/);
      await alert.getByText('Technical detail').click();
      await expect(alert.innerText()).resolves.toMatch(
        /The JSON parser said: |assessment\.id: Invalid input/,
      );
    }
    expect(await axeViolations(page)).toEqual([]);
    await expect(page.locator('.library-item').count()).resolves.toBe(1);

    await page.getByRole('button', { name: 'Current assessment' }).click();
    await expect(page.getByLabel('Organisation name').inputValue()).resolves.toBe(
      'Untouched College',
    );
    expect(errors).toEqual([]);
    await close();
  });

  test('export then re-import gives the same results, as a second assessment', async () => {
    const { page, errors, close } = await openApp(browser, server.url);
    await page.getByLabel('Organisation name').fill('Round Trip Institute');
    await page.getByRole('radio', { name: 'Own mail servers', exact: true }).check();
    await page.getByRole('button', { name: /Open relays and open proxies/ }).click();
    await page.getByText('Why it matters').first().waitFor();
    const radios = page.getByRole('radio', { name: 'Implemented' });
    for (let i = 0; i < 4; i += 1) await radios.nth(i).check();
    await page.getByRole('radio', { name: 'Not implemented' }).nth(4).check();
    await page.getByRole('button', { name: 'Results and report' }).click();
    // The results view loads when first shown: wait for its verdict before reading it.
    const results = async () => {
      await page.waitForSelector('.verdict');
      return readResults();
    };
    const readResults = () =>
      page.evaluate(() =>
        [
          ...document.querySelectorAll(
            '.verdict, section[aria-labelledby=scores-heading] table, section[aria-labelledby=plan-heading]',
          ),
        ]
          .map((el) => (el as HTMLElement).innerText)
          .join('\n'),
      );
    const before = await results();
    expect(before).toMatch(/Incomplete|Does not meet/);

    const [download] = await Promise.all([
      page.waitForEvent('download'),
      page.getByRole('button', { name: 'Export assessment (JSON)' }).click(),
    ]);
    expect(download.suggestedFilename()).toMatch(
      /^Round-Trip-Institute-\d{4}-\d{2}-\d{2}-mail-security-assessment\.json$/,
    );
    const path = await download.path();
    const exported = JSON.parse(await readFile(path, 'utf8'));
    expect(exported.format).toBe('mail-security-self-assessment');

    await page.getByRole('button', { name: /^Assessments/ }).click();
    await page.getByLabel('Choose an exported JSON file').setInputFiles(path);
    await page.getByText(/^Imported \u2068?Round Trip Institute/).waitFor();
    await expect(page.getByRole('button', { name: /^Assessments \(2\)/ }).count()).resolves.toBe(1);
    expect(await stepHeading(page)).toBe('Results');
    expect(await results()).toBe(before);
    expect(errors).toEqual([]);
    await close();
  });

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
    // The library loads on first use: wait for it before counting what it shows.
    await page.getByRole('heading', { name: 'Stored data that could not be read' }).waitFor();
    await expect(
      page.getByRole('heading', { name: 'Stored data that could not be read' }).count(),
    ).resolves.toBe(1);
    await expect(page.getByText(/The file is damaged: /).count()).resolves.toBe(1);
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
    await page.getByText(/holds assessment .*, so it was kept aside/).waitFor();
    await expect(
      page.getByRole('heading', { level: 3, name: /^Twice Stored/ }).count(),
    ).resolves.toBe(1);
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
