import type { KeyService } from '../model/blocklist-list';
import type { AccessKeys } from './domain/request';
import type { SecretStore } from './io/keys';

/**
 * Block-list access keys, one per operator: kept in this browser only, outside every assessment.
 * When storage is unavailable a key still works for this page, it is just not remembered.
 */
export class AccessKeyRing {
  keys: AccessKeys = $state.raw({});
  #store: SecretStore;

  constructor(store: SecretStore) {
    this.#store = store;
    this.keys = store.getKeys();
  }

  set(service: KeyService, value: string): void {
    this.keys = { ...this.keys, [service]: value };
    this.#store.setKey(service, value);
  }
}
