/**
 * Access keys (the Spamhaus DQS key) live in this browser's storage under their own key, never
 * inside an assessment: assessments are exported and shared, keys must not be.
 */

const DQS_KEY = 'mssa:secret:dqs-key';

export interface SecretStore {
  getDqsKey(): string;
  setDqsKey(value: string): void;
}

export function createSecretStore(getBackend: () => Storage): SecretStore {
  return {
    getDqsKey() {
      try {
        return getBackend().getItem(DQS_KEY) ?? '';
      } catch {
        return '';
      }
    },
    setDqsKey(value) {
      try {
        if (value.trim() === '') getBackend().removeItem(DQS_KEY);
        else getBackend().setItem(DQS_KEY, value.trim());
      } catch {
        // Storage unavailable: the key is kept for this session only (see Session.dqsKey).
      }
    },
  };
}
