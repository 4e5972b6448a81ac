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
import { reportCspViolations } from './csp';

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

/** A console error (a CSP violation is reported as one) or an uncaught exception on the page. */
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
  /**
   * Closes the context, then fails if any of its pages reported a problem (see
   * `unexpectedProblems`): every test that opens a page checks this, even one that never looks
   * at `errors` itself.
   */
  close(options?: { allow?: RegExp }): Promise<void>;
}

/**
 * The problems a test did not ask for: every Content-Security-Policy violation, and every other
 * console error or uncaught exception unless `allow` matches its text (for a test that provokes
 * one on purpose, such as Chromium's "Failed to load resource" for a resolver that is down).
 */
export function unexpectedProblems(
  problems: readonly PageProblem[],
  allow?: RegExp,
): PageProblem[] {
  return problems.filter((p) => isCspViolation(p) || !allow?.test(p.text));
}

/** A violation as `reportCspViolations` reports it, or as the browser itself logs one. */
export function isCspViolation(problem: PageProblem): boolean {
  return /CSP violation|Content[ -]Security[ -]Policy/i.test(problem.text);
}

/**
 * A fresh browser context (downloads accepted) with one page whose errors are collected; a
 * Content-Security-Policy violation in any of its pages or frames counts as a console error.
 */
export async function newPage(
  browser: Browser,
  options: BrowserContextOptions = {},
): Promise<TestPage> {
  const context = await browser.newContext({ ...options, acceptDownloads: true });
  await context.addInitScript(reportCspViolations);
  const page = await context.newPage();
  const errors = watch(page);
  const test: TestPage = {
    page,
    context,
    errors,
    close: async ({ allow } = {}) => {
      await context.close();
      const pages = [errors, ...(otherTabs.get(test) ?? [])];
      const unexpected = pages.flatMap((problems) => unexpectedProblems(problems, allow));
      if (unexpected.length > 0) {
        throw new Error(
          `the page reported ${unexpected.length} problem(s):\n` +
            unexpected
              .map((p) => `  ${p.kind}: ${p.text}${p.location ? ` (${p.location})` : ''}`)
              .join('\n'),
        );
      }
    },
  };
  return test;
}

/** The problem lists of the tabs `anotherTab` opened beside a test page, checked on its close. */
const otherTabs = new WeakMap<TestPage, PageProblem[][]>();

/**
 * Another page in the same browser context: a second tab of the same browser, sharing its
 * storage, locks and broadcast channels. Closed with the context.
 */
export async function anotherTab(test: TestPage): Promise<{ page: Page; errors: PageProblem[] }> {
  const page = await test.context.newPage();
  const errors = watch(page);
  otherTabs.set(test, [...(otherTabs.get(test) ?? []), errors]);
  return { page, errors };
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
