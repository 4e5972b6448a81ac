import type { Assessment } from '../model/assessment';
import type { AssessmentStore, LoadedLibrary, QuarantinedEntry } from '../assessment/io/storage';
import { assessmentLabel } from '../assessment/label';

/**
 * Every assessment kept in this browser (the open one included, most recent first) and the stored
 * items that could not be read, kept aside. The list mirrors what is stored; opening, importing
 * and deleting are the session's (see session.svelte.ts), which keeps the wizard in step.
 */
export class Library {
  items: Assessment[] = $state.raw([]);
  quarantined: QuarantinedEntry[] = $state.raw([]);
  /** About how much each stored assessment takes, by id (absent: not stored yet). */
  sizes: Record<string, number> = $state.raw({});

  constructor(
    loaded: Pick<LoadedLibrary, 'assessments' | 'quarantined'> & { sizes?: LoadedLibrary['sizes'] },
  ) {
    this.items = loaded.assessments;
    this.quarantined = loaded.quarantined;
    this.sizes = loaded.sizes ?? {};
  }

  /** An assessment was written and now takes about `bytes`. */
  sized(id: string, bytes: number): void {
    if (this.sizes[id] !== bytes) this.sizes = { ...this.sizes, [id]: bytes };
  }

  find(id: string): Assessment | undefined {
    return this.items.find((a) => a.id === id);
  }

  has(id: string): boolean {
    return this.items.some((a) => a.id === id);
  }

  /** Keeps an assessment's latest state: in its place when listed, first when new. */
  put(assessment: Assessment): void {
    this.items = this.has(assessment.id)
      ? this.items.map((a) => (a.id === assessment.id ? assessment : a))
      : [assessment, ...this.items];
  }

  drop(id: string): void {
    this.items = this.items.filter((a) => a.id !== id);
    if (id in this.sizes) {
      this.sizes = Object.fromEntries(Object.entries(this.sizes).filter(([key]) => key !== id));
    }
  }

  /** "Prifysgol Bangor (2026-11-28)", as notices name an assessment. */
  label(id: string): string {
    return assessmentLabel(this.find(id));
  }

  discardQuarantined(store: AssessmentStore, entry: QuarantinedEntry) {
    const written = store.discardQuarantined(entry.key);
    this.quarantined = this.quarantined.filter((q) => q.key !== entry.key);
    return written;
  }
}
