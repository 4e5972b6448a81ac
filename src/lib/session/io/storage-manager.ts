/**
 * The browser's own account of this site's storage (the Storage API): how much is used, how much
 * the browser allows, and whether it has agreed to keep it rather than clear it when space runs
 * low. Undefined where the browser has no Storage API (or the page is not a secure context).
 */
export interface StorageManagerPort {
  estimate(): Promise<{ usage?: number; quota?: number }>;
  persisted(): Promise<boolean>;
  /** Asks the browser to keep the storage; some browsers ask the user, others decide alone. */
  persist(): Promise<boolean>;
}

export function browserStorageManager(window: Window): StorageManagerPort | undefined {
  const storage = window.navigator.storage as StorageManager | undefined;
  if (!storage?.estimate || !storage.persisted || !storage.persist) return undefined;
  return {
    estimate: () => storage.estimate(),
    persisted: () => storage.persisted(),
    persist: () => storage.persist(),
  };
}
