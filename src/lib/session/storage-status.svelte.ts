import type { StorageHealth } from '../assessment/io/storage';

/** Whether this browser is keeping the user's work, as the storage warning shows it. */
export class StorageStatus {
  health: StorageHealth = $state.raw({ state: 'ok' });

  /** The outcome of the latest storage operation. */
  report(health: StorageHealth): void {
    // Once storage has failed, the warning stays up until an operation succeeds again.
    if (health.state !== this.health.state) this.health = health;
  }
}
