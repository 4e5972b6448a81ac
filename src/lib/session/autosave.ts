import type { Assessment } from '../model/assessment';

/** However fast the typing, a change waits no longer than this to be saved. */
export const MAX_SAVE_WAIT_MS = 2000;

/** `Outcome`: what a write says of itself (the storage's health, in the app). */
export interface AutosaveOptions<Outcome> {
  save: (assessment: Assessment) => Outcome;
  /** Told the outcome of every write. */
  report: (outcome: Outcome) => void;
  /** Pause after the last change before saving (0: every change is saved at once, as in tests). */
  delayMs: number;
  /** Milliseconds now. */
  clock: () => number;
  /** Runs `callback` after `ms` and returns what cancels it (the browser's timers, in the app). */
  schedule: (callback: () => void, ms: number) => () => void;
}

/**
 * Saves after a short pause in typing rather than on every keystroke: an assessment with a
 * block-list run is a megabyte or more of JSON. Continuous typing still saves at least every
 * MAX_SAVE_WAIT_MS, and the app flushes when the page is hidden, so a reload or a closed tab
 * loses nothing.
 */
export class Autosave<Outcome> {
  #options: AutosaveOptions<Outcome>;
  #pending: Assessment | undefined;
  #cancel: (() => void) | undefined;
  /** When the oldest unsaved change was made. */
  #pendingSince = 0;

  constructor(options: AutosaveOptions<Outcome>) {
    this.#options = options;
  }

  /** The assessment changed: save it after the pause, or at once with `now`. */
  changed(assessment: Assessment, options: { now?: boolean } = {}): void {
    const clock = this.#options.clock;
    // Another assessment's change still waiting is written before this one replaces it.
    if (this.#pending && this.#pending.id !== assessment.id) this.flush();
    if (!this.#pending) this.#pendingSince = clock();
    this.#pending = assessment;
    if (options.now || this.#options.delayMs <= 0) {
      this.flush();
      return;
    }
    this.#cancel?.();
    const waited = clock() - this.#pendingSince;
    const delay = Math.max(0, Math.min(this.#options.delayMs, MAX_SAVE_WAIT_MS - waited));
    this.#cancel = this.#options.schedule(() => this.flush(), delay);
  }

  /** The change waiting to be saved, if any. */
  pending(): Assessment | undefined {
    return this.#pending;
  }

  /** Whether a change to this assessment is waiting to be saved. */
  hasPending(id: string): boolean {
    return this.#pending?.id === id;
  }

  /** A change still waiting to be saved must not bring a deleted assessment back. */
  forget(id: string): void {
    if (this.#pending?.id === id) this.#pending = undefined;
  }

  /** Writes any change not yet saved, now. */
  flush(): void {
    this.#cancel?.();
    this.#cancel = undefined;
    const assessment = this.#pending;
    this.#pending = undefined;
    if (assessment) this.#options.report(this.#options.save(assessment));
  }
}
