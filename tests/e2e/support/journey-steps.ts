/**
 * Steps shared by the cross-browser journeys, written once against the `Driver` of `driver.ts`:
 * reading what the page shows, keyboard moves, and axe-core. Functions passed to `evaluate` and
 * `waitFor` run in the page and use the matcher `installLocator` put there.
 */
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { AXE_TAGS, describeViolations, type AxeViolation } from './axe';
import type { Driver } from './driver';
import { countMatching, locate, toQuery, type Query, type Target } from './locate';

/** Waits until the target is on the page. */
export async function waitForTarget(driver: Driver, target: Target, timeoutMs?: number) {
  await driver.waitFor(locate, toQuery(target), timeoutMs);
}

/** The rendered text of the target (after waiting for it). */
export async function textOf(driver: Driver, target: Target): Promise<string> {
  const query = toQuery(target);
  await driver.waitFor(locate, query);
  return driver.evaluate(
    (q: Query) =>
      (globalThis.__e2eMatching?.(q)[q.nth] as HTMLElement | undefined)?.innerText ?? '',
    query,
  );
}

/** The value of a field (after waiting for it). */
export async function valueOf(driver: Driver, target: Target): Promise<string> {
  const query = toQuery(target);
  await driver.waitFor(locate, query);
  return driver.evaluate(
    (q: Query) =>
      (globalThis.__e2eMatching?.(q)[q.nth] as HTMLInputElement | undefined)?.value ?? '',
    query,
  );
}

/** Whether a radio or checkbox is checked (after waiting for it). */
export async function isChecked(driver: Driver, target: Target): Promise<boolean> {
  const query = toQuery(target);
  await driver.waitFor(locate, query);
  return driver.evaluate(
    (q: Query) =>
      (globalThis.__e2eMatching?.(q)[q.nth] as HTMLInputElement | undefined)?.checked === true,
    query,
  );
}

/** How many rendered elements match the target now (no waiting). */
export function countOf(driver: Driver, target: Target): Promise<number> {
  return driver.evaluate(countMatching, toQuery(target));
}

/** Waits until the page's rendered text matches. */
export async function waitForText(driver: Driver, pattern: RegExp | string, timeoutMs?: number) {
  type Wanted = { text: string } | { source: string; flags: string };
  const wanted: Wanted =
    typeof pattern === 'string'
      ? { text: pattern }
      : { source: pattern.source, flags: pattern.flags };
  await driver.waitFor(
    (w: Wanted) => {
      const text = document.body.innerText.replace(/[^\S\n]+/g, ' ');
      return 'text' in w ? text.includes(w.text) : new RegExp(w.source, w.flags).test(text);
    },
    wanted,
    timeoutMs,
  );
}

/** The text of the current step's heading (the page's first h1). */
export function stepHeading(driver: Driver): Promise<string> {
  return driver.evaluate(() => document.querySelector('h1')?.innerText.trim() ?? '', null);
}

/**
 * Presses Tab until the focused element matches `selector` (and holds `text`, if given), as a
 * keyboard user would; fails after `max` presses.
 */
export async function tabTo(driver: Driver, selector: string, text?: string, max = 400) {
  for (let i = 0; i < max; i += 1) {
    await driver.press('Tab');
    const matches = await driver.evaluate(
      ([sel, words]) => {
        const el = document.activeElement;
        if (!el?.matches(sel)) return false;
        return words === null || (el.textContent ?? '').includes(words);
      },
      [selector, text ?? null] as const,
    );
    if (matches) return;
  }
  throw new Error(`Tab never reached ${selector}${text ? ` with text "${text}"` : ''}`);
}

const AXE_SOURCE = readFileSync(
  createRequire(import.meta.url).resolve('axe-core/axe.min.js'),
  'utf8',
);

/** axe-core's violations on the page as it is now, one line each ("id: help (targets)"). */
export async function axeViolations(driver: Driver): Promise<string[]> {
  const loaded = await driver.evaluate(() => 'axe' in window, null);
  if (!loaded) await driver.inject(AXE_SOURCE);
  const violations = await driver.evaluate(async (tags: readonly string[]) => {
    const axe = (window as unknown as { axe: { run(...args: unknown[]): Promise<unknown> } }).axe;
    const results = (await axe.run(document, {
      runOnly: { type: 'tag', values: [...tags] },
    })) as { violations: AxeViolation[] };
    // Only what the description needs: axe's full results hold DOM nodes.
    return results.violations.map(({ id, help, nodes }) => ({
      id,
      help,
      nodes: nodes.map(({ target }) => ({ target: [...target] })),
    }));
  }, AXE_TAGS);
  return describeViolations(violations);
}
