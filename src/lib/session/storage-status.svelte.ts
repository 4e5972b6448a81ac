import type { StorageHealth } from '../assessment/io/storage';

/** Whether this browser is keeping the user's work, as the storage warning shows it. */
export class StorageStatus {
  health: StorageHealth = $state.raw({ state: 'ok' });
  /** A change is waiting for the autosave's pause, or being written. */
  saving = $state(false);
  /** When the last write of the open assessment succeeded (ISO), for the "Saved" indicator. */
  savedAt: string | undefined = $state();

  /** The open assessment changed, or a write ended with `stillSaving` changes left. */
  pending(stillSaving: boolean, savedAt?: string): void {
    this.saving = stillSaving;
    if (savedAt !== undefined) this.savedAt = savedAt;
  }

  /** The outcome of the latest storage operation. */
  report(health: StorageHealth): void {
    // Once storage has failed, the warning stays up until an operation succeeds again.
    if (health.state !== this.health.state) this.health = health;
  }
}
