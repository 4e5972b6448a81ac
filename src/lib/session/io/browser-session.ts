import { defaultCatalogue, loadDefaultGuidance } from '../../content/checklist';
import { createAssessmentStore } from '../../assessment/io/storage';
import { openAssessmentDatabase } from '../../assessment/io/database';
import { createSecretStore } from '../../blocklists/io/keys';
import { createConsentStore } from '../../blocklists/io/consents';
import { createRunGuard } from '../../blocklists/io/run-guard';
import { createTabCoordination } from './tabs';
import { browserStorageManager } from './storage-manager';
import { Session } from '../session.svelte';

/**
 * The session of this page, over the browser's own storage: assessments in IndexedDB (earlier
 * versions' localStorage copies moved there on the way), keys and consents in localStorage, the
 * other tabs through Web Locks and BroadcastChannel. Resolves once the stored assessments are read.
 */
export async function startBrowserSession(window: Window): Promise<Session> {
  const store = createAssessmentStore({
    open: () => openAssessmentDatabase(),
    legacy: () => window.localStorage,
  });
  const loaded = await store.loadAll();
  return new Session({
    catalogue: defaultCatalogue,
    store,
    loaded,
    newId: () => crypto.randomUUID(),
    secrets: createSecretStore(() => window.localStorage),
    consents: createConsentStore(() => window.localStorage),
    loadGuidance: loadDefaultGuidance,
    saveDelayMs: 300,
    runGuard: createRunGuard(window),
    tabs: createTabCoordination(window),
    storageManager: browserStorageManager(window),
  });
}
