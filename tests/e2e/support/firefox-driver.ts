/**
 * The Driver of `driver.ts` over Debian's Firefox ESR and puppeteer-core, speaking WebDriver BiDi
 * to the stock browser: never a browser download (puppeteer-core has no install script and is
 * only ever given Debian's executable).
 *
 * Every launch gets a fresh temporary profile (puppeteer creates and removes it) with
 * puppeteer's test preferences, which turn off updates, telemetry, safe browsing and the like,
 * plus the ones below: the machines may be offline, and a test may send traffic to loopback only.
 * Any request to another host goes to a "proxy" on a closed loopback port and fails at once;
 * loopback itself is never proxied (network.proxy.allow_hijacking_localhost stays false).
 * Each journey runs in its own user context (own storage and cache), which downloads into a
 * temporary folder of its own.
 */
import { accessSync, constants } from 'node:fs';
import { mkdtemp, readdir, rename, rm, stat } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import puppeteer, { type Browser, type ElementHandle, type KeyInput } from 'puppeteer-core';
import { reportCspViolations } from './csp';
import type { Driver, DriverFactory, PageProblem } from './driver';
import { installLocator, locate, toQuery, type Target } from './locate';

export const FIREFOX_PATH = '/usr/bin/firefox-esr';

const FIND_TIMEOUT_MS = 15_000;
const DOWNLOAD_TIMEOUT_MS = 30_000;

type PageFn = (arg: unknown) => unknown;

/** Preferences on top of puppeteer's own for Firefox (see @puppeteer/browsers). */
export const FIREFOX_PREFS: Readonly<Record<string, string | number | boolean>> = {
  // Nothing but loopback: every other host goes through a proxy that is not there.
  'network.proxy.type': 1,
  'network.proxy.http': '127.0.0.1',
  'network.proxy.http_port': 9,
  'network.proxy.ssl': '127.0.0.1',
  'network.proxy.ssl_port': 9,
  'network.proxy.allow_hijacking_localhost': false,
  'network.trr.mode': 5,
  'network.dns.disablePrefetch': true,
  'network.predictor.enabled': false,
  'network.prefetch-next': false,
  'network.captive-portal-service.enabled': false,
  'network.connectivity-service.enabled': false,
  'dom.push.enabled': false,
  'extensions.blocklist.enabled': false,
  'toolkit.telemetry.enabled': false,
  'browser.ping-centre.telemetry': false,
  // Downloads: no dialog, no opening the file afterwards.
  'browser.download.useDownloadDir': true,
  'browser.download.always_ask_before_handling_new_types': false,
  'browser.download.open_pdf_attachments_inline': false,
  'pdfjs.disabled': true,
};

export async function launchFirefoxDriver(): Promise<DriverFactory> {
  try {
    accessSync(FIREFOX_PATH, constants.X_OK);
  } catch {
    throw new Error(
      `${FIREFOX_PATH} is missing: the Firefox e2e tests drive Debian's Firefox ESR ` +
        `(run: apt-get install -y firefox-esr)`,
    );
  }
  const browser = await puppeteer.launch({
    browser: 'firefox',
    executablePath: FIREFOX_PATH,
    headless: true,
    // Playwright's default, so both browsers lay the app out alike.
    defaultViewport: { width: 1280, height: 720 },
    extraPrefsFirefox: FIREFOX_PREFS,
  });
  const version = await browser.version();
  const downloads: string[] = [];
  return {
    browser: 'firefox',
    version,
    open: async (url) => {
      const dir = await mkdtemp(join(tmpdir(), 'e2e-firefox-downloads-'));
      downloads.push(dir);
      const driver = await firefoxDriver(browser, dir);
      await driver.goto(url);
      return driver;
    },
    close: async () => {
      await browser.close();
      await Promise.all(downloads.map((dir) => rm(dir, { recursive: true, force: true })));
    },
  };
}

async function firefoxDriver(browser: Browser, downloadDir: string): Promise<Driver> {
  const context = await browser.createBrowserContext({
    downloadBehavior: { policy: 'allow', downloadPath: downloadDir },
  });
  const page = await context.newPage();
  const problems: PageProblem[] = [];
  page.on('console', (message) => {
    if (message.type() !== 'error') return;
    const { url, lineNumber } = message.location();
    problems.push({
      kind: 'console',
      text: message.text(),
      ...(url ? { location: `${url}:${lineNumber ?? 0}` } : {}),
    });
  });
  page.on('pageerror', (error) => {
    const text = error instanceof Error ? (error.stack ?? error.message) : String(error);
    problems.push({ kind: 'pageerror', text });
  });
  await page.evaluateOnNewDocument(reportCspViolations);
  await page.evaluateOnNewDocument(installLocator);

  const find = async (target: Target): Promise<ElementHandle<Element>> => {
    const query = toQuery(target);
    const handle = await page
      .waitForFunction(locate, { timeout: FIND_TIMEOUT_MS }, query)
      .catch((error: unknown) => {
        throw new Error(`${query.describe} never appeared: ${String(error)}`);
      });
    const element = handle.asElement();
    if (!element) throw new Error(`${query.describe} is not an element`);
    return element as ElementHandle<Element>;
  };

  return {
    browser: 'firefox',
    problems,
    goto: async (url) => {
      await page.goto(url);
    },
    reload: async () => {
      await page.reload();
    },
    // The Driver's types are simpler than Puppeteer's (plain data in, plain data out).
    evaluate: (fn, arg) => page.evaluate(fn as PageFn, arg) as never,
    waitFor: async (fn, arg, timeoutMs = FIND_TIMEOUT_MS) => {
      await page.waitForFunction(fn as PageFn, { timeout: timeoutMs }, arg);
    },
    inject: async (source) => {
      await page.evaluate(source);
    },
    click: async (target) => (await find(target)).click(),
    fill: async (target, text) => (await find(target)).asLocator().fill(text),
    upload: async (target, path) =>
      ((await find(target)) as ElementHandle<HTMLInputElement>).uploadFile(path),
    // Puppeteer's BiDi keyboard knows the space bar only by its character.
    press: (key) => page.keyboard.press((key === 'Space' ? ' ' : key) as KeyInput),
    type: (text) => page.keyboard.type(text),
    download: async (start, dir) => {
      const before = new Set(await readdir(downloadDir));
      await start();
      const name = await finishedDownload(downloadDir, before);
      const path = join(dir, name);
      await rename(join(downloadDir, name), path);
      return { name, path };
    },
    close: () => context.close(),
  };
}

/**
 * The name of the one new, complete file in `dir`. Firefox writes a download to NAME.part and
 * renames it when done (the final name may appear empty meanwhile), so the file counts once no
 * .part file is left and its size holds still.
 */
async function finishedDownload(dir: string, before: ReadonlySet<string>): Promise<string> {
  const deadline = Date.now() + DOWNLOAD_TIMEOUT_MS;
  let last = '';
  while (Date.now() < deadline) {
    const names = await readdir(dir);
    const fresh = names.filter((name) => !before.has(name));
    const complete = fresh.filter((name) => !name.endsWith('.part'));
    if (complete.length === 1 && fresh.length === 1) {
      const size = (await stat(join(dir, complete[0]!))).size;
      const seen = `${complete[0]}:${size}`;
      if (size > 0 && seen === last) return complete[0]!;
      last = seen;
    } else if (complete.length > 1) {
      throw new Error(`more than one download appeared: ${complete.join(', ')}`);
    }
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  throw new Error(`no download finished within ${DOWNLOAD_TIMEOUT_MS / 1000} s in ${dir}`);
}
