/**
 * Debian's Chromium, headless, through playwright-core (never Playwright's own browser download).
 *
 * `chromium.launch()` gives every launch a fresh, empty profile: Playwright creates a temporary
 * `playwright_chromiumdev_profile-*` directory, passes it as --user-data-dir, and deletes it on
 * close. Every `newPage()` also opens a new incognito-like browser context (own cookies,
 * storage and HTTP cache).
 */
import { accessSync, constants } from 'node:fs';
import {
  chromium,
  type Browser,
  type BrowserContext,
  type BrowserContextOptions,
  type LaunchOptions,
  type Page,
} from 'playwright-core';

export const CHROMIUM_PATH = '/usr/bin/chromium';

/** Chromium flags for an offline machine: no background traffic, no GPU, no sandbox (root). */
export const CHROMIUM_ARGS: readonly string[] = [
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--no-first-run',
];

export async function launchBrowser(options: Omit<LaunchOptions, 'executablePath'> = {}) {
  try {
    accessSync(CHROMIUM_PATH, constants.X_OK);
  } catch {
    throw new Error(
      `${CHROMIUM_PATH} is missing: the e2e tests drive Debian's Chromium ` +
        `(run: apt-get install -y chromium)`,
    );
  }
  const browser: Browser = await chromium.launch({
    headless: true,
    ...options,
    executablePath: CHROMIUM_PATH,
    args: [...CHROMIUM_ARGS, ...(options.args ?? [])],
  });
  return browser;
}

/** A console error/warning-as-error or an uncaught exception seen on the page. */
export interface PageProblem {
  readonly kind: 'console' | 'pageerror';
  readonly text: string;
  /** For console messages: where it was logged (url:line). */
  readonly location?: string;
}

export interface TestPage {
  readonly page: Page;
  readonly context: BrowserContext;
  /** Console errors and uncaught page errors, in order; assert `expect(errors).toEqual([])`. */
  readonly errors: PageProblem[];
  close(): Promise<void>;
}

/** A fresh browser context (downloads accepted) with one page whose errors are collected. */
export async function newPage(
  browser: Browser,
  options: BrowserContextOptions = {},
): Promise<TestPage> {
  const context = await browser.newContext({ ...options, acceptDownloads: true });
  const page = await context.newPage();
  const errors = watch(page);
  return { page, context, errors, close: () => context.close() };
}

/**
 * Another page in the same browser context: a second tab of the same browser, sharing its
 * storage, locks and broadcast channels. Closed with the context.
 */
export async function anotherTab(test: TestPage): Promise<{ page: Page; errors: PageProblem[] }> {
  const page = await test.context.newPage();
  return { page, errors: watch(page) };
}

/** Collects a page's console errors and uncaught exceptions. */
function watch(page: Page): PageProblem[] {
  const errors: PageProblem[] = [];
  page.on('console', (message) => {
    if (message.type() !== 'error') return;
    const { url, lineNumber } = message.location();
    errors.push({
      kind: 'console',
      text: message.text(),
      ...(url ? { location: `${url}:${lineNumber}` } : {}),
    });
  });
  page.on('pageerror', (error) => {
    errors.push({ kind: 'pageerror', text: error.stack ?? `${error.name}: ${error.message}` });
  });
  return errors;
}
