/**
 * The Driver of `driver.ts` over Debian's Chromium and playwright-core: the same browser, launch
 * flags and page set-up (error collection, CSP violations as errors) as the Chromium-only tests.
 */
import { join } from 'node:path';
import type { Browser, ElementHandle } from 'playwright-core';
import { launchBrowser, newPage } from './browser';
import type { Driver, DriverFactory } from './driver';
import { installLocator, locate, toQuery, type Target } from './locate';

const FIND_TIMEOUT_MS = 15_000;

type PageFn = (arg: unknown) => unknown;

export async function launchChromiumDriver(): Promise<DriverFactory> {
  const browser: Browser = await launchBrowser();
  return {
    browser: 'chromium',
    version: `chromium/${browser.version()}`,
    open: async (url) => {
      const driver = await chromiumDriver(browser);
      await driver.goto(url);
      return driver;
    },
    close: () => browser.close(),
  };
}

async function chromiumDriver(browser: Browser): Promise<Driver> {
  const { page, context, errors } = await newPage(browser);
  await context.addInitScript(installLocator);

  const find = async (target: Target): Promise<ElementHandle> => {
    const query = toQuery(target);
    const handle = await page
      .waitForFunction(locate, query, { timeout: FIND_TIMEOUT_MS })
      .catch((error: unknown) => {
        throw new Error(`${query.describe} never appeared: ${String(error)}`);
      });
    const element = handle.asElement();
    if (!element) throw new Error(`${query.describe} is not an element`);
    return element;
  };

  return {
    browser: 'chromium',
    problems: errors,
    goto: async (url) => {
      await page.goto(url);
    },
    reload: async () => {
      await page.reload();
    },
    // The Driver's types are simpler than Playwright's (plain data in, plain data out).
    evaluate: (fn, arg) => page.evaluate(fn as PageFn, arg) as never,
    waitFor: async (fn, arg, timeoutMs = FIND_TIMEOUT_MS) => {
      await page.waitForFunction(fn as PageFn, arg, { timeout: timeoutMs });
    },
    inject: async (source) => {
      await page.evaluate(source);
    },
    click: async (target) => (await find(target)).click(),
    fill: async (target, text) => (await find(target)).fill(text),
    upload: async (target, path) => (await find(target)).setInputFiles(path),
    press: (key) => page.keyboard.press(key),
    type: (text) => page.keyboard.type(text),
    download: async (start, dir) => {
      const [download] = await Promise.all([page.waitForEvent('download'), start()]);
      const name = download.suggestedFilename();
      const path = join(dir, name);
      await download.saveAs(path);
      return { name, path };
    },
    // The journey itself checks `problems` (one of them provokes a violation on purpose), so the
    // context is closed as the Firefox driver closes its own: without TestPage.close()'s check.
    close: () => context.close(),
  };
}
