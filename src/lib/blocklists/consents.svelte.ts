import type { BlocklistConsent } from '../model/assessment';
import type { ConsentStore } from './io/consents';

/**
 * The consents given in this browser, by assessment: what the resolver and the list operators
 * were agreed to learn. Kept apart from every assessment (see io/consents.ts) so that no imported
 * file can carry one. Reactive, so the check's page says at once what has been agreed.
 */
export class ConsentRing {
  /** Bumped on every change, so whatever read a consent reads it again. */
  #changes = $state(0);
  /** What has been read from or written to the store (read lazily, not reactive itself). */
  #known: Record<string, BlocklistConsent | null> = Object.create(null);
  #store: ConsentStore;

  constructor(store: ConsentStore) {
    this.#store = store;
  }

  /** The consent given in this browser for an assessment, if any. */
  get(assessmentId: string): BlocklistConsent | undefined {
    void this.#changes;
    if (!(assessmentId in this.#known)) {
      this.#known[assessmentId] = this.#store.get(assessmentId) ?? null;
    }
    return this.#known[assessmentId] ?? undefined;
  }

  give(assessmentId: string, consent: BlocklistConsent): void {
    this.#known[assessmentId] = consent;
    this.#store.set(assessmentId, consent);
    this.#changes += 1;
  }

  withdraw(assessmentId: string): void {
    this.#known[assessmentId] = null;
    this.#store.remove(assessmentId);
    this.#changes += 1;
  }
}
