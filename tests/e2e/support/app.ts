/**
 * Shared steps for the Chromium-only end-to-end tests of the built app (playwright-core): serve
 * dist/, open a fresh page, check a screen with axe-core. The journeys run in both browsers use
 * the driver-neutral steps of journey-steps.ts instead.
 */
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { AxeBuilder } from '@axe-core/playwright';
import type { Browser, Page } from 'playwright-core';
import { newPage, type TestPage } from './browser';
import { AXE_TAGS, describeViolations } from './axe';
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
  const results = await new AxeBuilder({ page }).withTags([...AXE_TAGS]).analyze();
  return describeViolations(results.violations);
}

/** The text of the current step's heading. */
export function stepHeading(page: Page): Promise<string> {
  return page.getByRole('heading', { level: 1 }).first().innerText();
}
