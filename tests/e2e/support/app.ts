/**
 * Shared steps for end-to-end tests of the built app: serve dist/, open a fresh page, check a
 * screen with axe-core, and move the keyboard focus as a keyboard-only user would.
 */
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { AxeBuilder } from '@axe-core/playwright';
import type { Browser, Page } from 'playwright-core';
import { newPage, type TestPage } from './browser';
import { startStaticServer, type StaticServer, type StaticServerOptions } from './static-server';

export const DIST = fileURLToPath(new URL('../../../dist/', import.meta.url));

export async function serveApp(options: StaticServerOptions = {}): Promise<StaticServer> {
  if (!existsSync(`${DIST}/index.html`)) {
    throw new Error('dist/index.html is missing: run `npm run build` before the e2e tests');
  }
  return startStaticServer(DIST, options);
}

/** A fresh browser context on the app, with the first screen rendered. */
export async function openApp(browser: Browser, url: string): Promise<TestPage> {
  const test = await newPage(browser);
  await test.page.goto(url);
  await test.page.getByRole('heading', { level: 1 }).first().waitFor();
  return test;
}

/** axe-core's WCAG 2.x A/AA rules (and 2.2 AA) on the page as it is now; returns the violations. */
export async function axeViolations(page: Page): Promise<string[]> {
  const results = await new AxeBuilder({ page })
    .withTags(['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22aa'])
    .analyze();
  return results.violations.map(
    (v) => `${v.id}: ${v.help} (${v.nodes.map((n) => n.target.join(' ')).join(', ')})`,
  );
}

/**
 * Presses Tab until the focused element matches `selector` (a CSS selector evaluated against
 * document.activeElement), as a keyboard user would; fails after `max` presses.
 */
export async function tabTo(page: Page, selector: string, text?: string, max = 400): Promise<void> {
  for (let i = 0; i < max; i += 1) {
    await page.keyboard.press('Tab');
    const matches = await page.evaluate(
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

/** The text of the current step's heading. */
export function stepHeading(page: Page): Promise<string> {
  return page.getByRole('heading', { level: 1 }).first().innerText();
}
