import { describeError } from '../shared/errors';
import type { StorageManagerPort } from './io/storage-manager';

/**
 * What the library shows about storage: how much this site uses of what the browser allows, and
 * whether the browser has agreed to keep it. Read when the library is shown (it changes as work
 * is saved); asking the browser to keep it is the user's choice, made with a button.
 */
export class StorageUse {
  /** Bytes used by this site and the most the browser allows it, when the browser says. */
  estimate: { usage: number; quota: number } | undefined = $state.raw();
  /** Whether the browser keeps this storage until the user clears it; undefined: unknown. */
  persisted: boolean | undefined = $state();
  /** The answer to the last request to keep it, in words. */
  answer = $state('');
  asking = $state(false);
  readonly available: boolean;

  #port: StorageManagerPort | undefined;

  constructor(port: StorageManagerPort | undefined) {
    this.#port = port;
    this.available = port !== undefined;
  }

  async refresh(): Promise<void> {
    if (!this.#port) return;
    try {
      const [estimate, persisted] = await Promise.all([
        this.#port.estimate(),
        this.#port.persisted(),
      ]);
      this.estimate =
        estimate.usage !== undefined && estimate.quota !== undefined
          ? { usage: estimate.usage, quota: estimate.quota }
          : undefined;
      this.persisted = persisted;
    } catch {
      // The figures are a courtesy: without them the library simply does not show them.
      this.estimate = undefined;
    }
  }

  async requestPersistence(): Promise<void> {
    if (!this.#port || this.asking) return;
    this.asking = true;
    try {
      this.persisted = await this.#port.persist();
      this.answer = this.persisted
        ? 'The browser has agreed to keep this storage.'
        : 'The browser declined for now. Browsers decide this themselves (Chrome and Edge, for example, by how much the site is used, bookmarked or installed): export each assessment you need to keep a copy that does not depend on the browser.';
    } catch (error) {
      this.answer = `The browser could not be asked: ${describeError(error)}`;
    } finally {
      this.asking = false;
    }
  }
}
