import { KeyServiceSchema, type KeyService } from '../../model/blocklist-list';

/**
 * Access keys (Spamhaus DQS, Abusix, MAPS activation code) live in this browser's storage under
 * their own keys, never inside an assessment: assessments are exported and shared, keys must
 * not be. Each operator's key is stored apart, so it can only ever be sent to that operator.
 */

/** The DQS key keeps the storage name it had before other operators' keys were added. */
function storageName(service: KeyService): string {
  return service === 'spamhaus-dqs' ? 'mssa:secret:dqs-key' : `mssa:secret:key:${service}`;
}

export interface SecretStore {
  getKeys(): Partial<Record<KeyService, string>>;
  setKey(service: KeyService, value: string): void;
}

export function createSecretStore(getBackend: () => Storage): SecretStore {
  return {
    getKeys() {
      const keys: Partial<Record<KeyService, string>> = {};
      for (const service of KeyServiceSchema.options) {
        try {
          const value = getBackend().getItem(storageName(service));
          if (value) keys[service] = value;
        } catch {
          // Storage unavailable: no key is remembered.
        }
      }
      return keys;
    },
    setKey(service, value) {
      try {
        if (value.trim() === '') getBackend().removeItem(storageName(service));
        else getBackend().setItem(storageName(service), value.trim());
      } catch {
        // Storage unavailable: the key is kept for this session only (see Session.keys).
      }
    },
  };
}
