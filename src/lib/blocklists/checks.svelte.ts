import type { CheckHost, CheckController } from './controller.svelte';
import type { checkMachine } from './check.machine';
import type { RunGuard } from './io/run-guard';

/**
 * The block-list check of the open assessment, loaded on first use: the DNS code, the list
 * catalogue and the check machine are a chunk of their own, not part of the first page. A check
 * belongs to one assessment: switching assessments closes it, so a run never lands in another.
 */
export interface CheckSlotOptions {
  now: () => Date;
  newId: () => string;
  guard: RunGuard | undefined;
  /** A check machine with stand-in actors, for tests; the app loads the real one. */
  machine: typeof checkMachine | undefined;
}

export class CheckSlot {
  controller: CheckController | undefined = $state.raw();
  #opening: Promise<CheckController> | undefined;
  #options: CheckSlotOptions;

  constructor(options: CheckSlotOptions) {
    this.#options = options;
  }

  /** Opens the check for the assessment `host` reports on, once; later calls get the same one. */
  open(host: CheckHost): Promise<CheckController> {
    if (this.controller) return Promise.resolve(this.controller);
    this.#opening ??= import('./controller.svelte').then(({ createCheckController }) => {
      const controller = createCheckController({
        host,
        now: this.#options.now,
        newId: this.#options.newId,
        guard: this.#options.guard,
        ...(this.#options.machine ? { machine: this.#options.machine } : {}),
      });
      this.controller = controller;
      this.#opening = undefined;
      return controller;
    });
    return this.#opening;
  }

  /** Stops the open check (its queries are aborted) and forgets it. */
  close(): void {
    this.controller?.stop();
    this.controller = undefined;
    // A check still loading is for the assessment being left: once loaded it is closed at once.
    const opening = this.#opening;
    this.#opening = undefined;
    void opening?.then((controller) => {
      controller.stop();
      if (this.controller === controller) this.controller = undefined;
    });
  }
}
