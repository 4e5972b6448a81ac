/**
 * A small driver-neutral layer, so one journey runs unchanged in Chromium (playwright-core) and
 * in Firefox ESR (puppeteer-core over WebDriver BiDi). A journey sees a `Driver`: one page in a
 * fresh browser context, acted on as a user would (click, fill, type, press keys, upload a file,
 * download), and read with functions evaluated in the page. `chromium-driver.ts` and
 * `firefox-driver.ts` implement it; `journey-steps.ts` builds the shared steps on top of it.
 */
import type { PageProblem } from './browser';
import type { Target } from './locate';

export type { PageProblem };

export type BrowserName = 'chromium' | 'firefox';

/** A file the page downloaded, saved on disk under the name the page gave it. */
export interface SavedDownload {
  readonly name: string;
  readonly path: string;
}

export interface Driver {
  readonly browser: BrowserName;
  /** Problems seen on the page so far, in order (across reloads); a journey expects none. */
  readonly problems: PageProblem[];
  goto(url: string): Promise<void>;
  reload(): Promise<void>;
  /** Runs `fn(arg)` in the page; `fn` must be self-contained and `arg` plain data. */
  evaluate<A, R>(fn: (arg: A) => R, arg: A): Promise<Awaited<R>>;
  /** Waits until `fn(arg)`, run in the page, is truthy. */
  waitFor<A>(fn: (arg: A) => unknown, arg: A, timeoutMs?: number): Promise<void>;
  /** Runs script source in the page as the test harness, outside the page's CSP (for axe-core). */
  inject(source: string): Promise<void>;
  /** Waits for the target, then clicks it with the mouse. */
  click(target: Target): Promise<void>;
  /** Waits for the field, then replaces its value with `text`. */
  fill(target: Target, text: string): Promise<void>;
  /** Waits for the file input, then chooses `path` in it. */
  upload(target: Target, path: string): Promise<void>;
  /** Presses one key (Playwright/Puppeteer key names: 'Tab', 'Enter', 'Space', 'ArrowRight'…). */
  press(key: string): Promise<void>;
  /** Types text into whatever has the focus. */
  type(text: string): Promise<void>;
  /** Runs `start` (which makes the page download a file) and saves the download under `dir`. */
  download(start: () => Promise<void>, dir: string): Promise<SavedDownload>;
  /** Closes the context; `problems` is the journey's to check (every journey ends by doing so). */
  close(): Promise<void>;
}

/** A launched browser that opens a Driver on a fresh context per journey. */
export interface DriverFactory {
  readonly browser: BrowserName;
  /** The browser's own name and version, e.g. "firefox/153.8.0". */
  readonly version: string;
  open(url: string): Promise<Driver>;
  close(): Promise<void>;
}
