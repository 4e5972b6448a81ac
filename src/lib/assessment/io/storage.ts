import type { Assessment } from '../../model/assessment';
import {
  CURRENT_SCHEMA_VERSION,
  DocumentSchema,
  parseDocumentText,
  storedSchemaVersion,
  toDocument,
} from '../../model/document';
import { describeIssues } from '../../shared/zod-issues';
import { describeError } from '../../shared/errors';

/**
 * Browser storage for assessments. Each assessment is one key holding a versioned document; data
 * that fails validation is moved aside under a quarantine key, never deleted, and reported.
 * When storage is unavailable (private mode, blocked by policy) or full, saving reports it and
 * the app carries on in memory.
 */

const PREFIX = 'mssa:';
const ASSESSMENT_PREFIX = `${PREFIX}assessment:`;
const QUARANTINE_PREFIX = `${PREFIX}quarantine:`;
const ACTIVE_KEY = `${PREFIX}active`;

export type StorageHealth =
  | { state: 'ok' }
  | { state: 'unavailable'; detail: string }
  | { state: 'full'; detail: string }
  /** The assessment failed its own schema: it was not written, the last saved copy stands. */
  | { state: 'invalid'; detail: string }
  /** A newer version of the app holds this assessment: it was neither overwritten nor deleted. */
  | { state: 'newer'; detail: string };

export interface QuarantinedEntry {
  key: string;
  /** The raw text exactly as it was stored, so it can be downloaded and recovered. */
  raw: string;
  reason: string;
}

export interface LoadedLibrary {
  assessments: Assessment[];
  quarantined: QuarantinedEntry[];
  /** Assessments upgraded from an older schema while loading. */
  migrated: { id: string; from: number }[];
  /** Entries written by a newer version of the app: left exactly where they are. */
  newer: { key: string; version: number }[];
  activeId: string | undefined;
  health: StorageHealth;
}

export interface AssessmentStore {
  loadAll(): LoadedLibrary;
  /**
   * One assessment as stored now (another tab may have saved it), or undefined when it is gone
   * or cannot be read here (it is then left where it is: loadAll reports and quarantines).
   */
  load(id: string): Assessment | undefined;
  save(assessment: Assessment): StorageHealth;
  remove(id: string): StorageHealth;
  setActive(id: string): StorageHealth;
  discardQuarantined(key: string): StorageHealth;
}

function isQuotaError(error: unknown): boolean {
  return (
    error instanceof Error &&
    (error.name === 'QuotaExceededError' || error.name === 'NS_ERROR_DOM_QUOTA_REACHED')
  );
}

/**
 * `getBackend` is called on each operation: merely touching `window.localStorage` throws in some
 * browsers when storage is blocked, and that must become a warning, not a crash.
 */
export function createAssessmentStore(
  getBackend: () => Storage,
  now: () => Date = () => new Date(),
): AssessmentStore {
  /** `work` may return a health of its own when it chose not to write. */
  function withBackend(work: (storage: Storage) => StorageHealth | void): StorageHealth {
    let storage: Storage;
    try {
      storage = getBackend();
    } catch (error) {
      return { state: 'unavailable', detail: describeError(error) };
    }
    try {
      return work(storage) ?? { state: 'ok' };
    } catch (error) {
      if (isQuotaError(error)) return { state: 'full', detail: describeError(error) };
      return { state: 'unavailable', detail: describeError(error) };
    }
  }

  function loadAll(): LoadedLibrary {
    const library: LoadedLibrary = {
      assessments: [],
      quarantined: [],
      migrated: [],
      newer: [],
      activeId: undefined,
      health: { state: 'ok' },
    };
    library.health = withBackend((storage) => {
      const keys: string[] = [];
      for (let i = 0; i < storage.length; i += 1) {
        const key = storage.key(i);
        if (key) keys.push(key);
      }
      for (const key of keys.sort()) {
        const raw = storage.getItem(key);
        if (raw === null) continue;
        if (key.startsWith(QUARANTINE_PREFIX)) {
          library.quarantined.push({ key, raw, reason: quarantineReason(key) });
          continue;
        }
        if (!key.startsWith(ASSESSMENT_PREFIX)) continue;
        const result = parseDocumentText(raw);
        if (!result.ok && result.newerVersion !== undefined) {
          // Another tab (or a later visit) runs a newer version: its data is valid there.
          library.newer.push({ key, version: result.newerVersion });
          continue;
        }
        const setAside = (reason: string) => {
          const aside = `${QUARANTINE_PREFIX}${now().toISOString()}:${key.slice(ASSESSMENT_PREFIX.length)}`;
          try {
            storage.setItem(aside, raw);
            storage.setItem(`${aside}:reason`, reason);
            storage.removeItem(key);
            library.quarantined.push({ key: aside, raw, reason });
          } catch {
            // Could not move it (storage full?): leave it where it is, still reported.
            library.quarantined.push({ key, raw, reason });
          }
        };
        if (!result.ok) {
          setAside(result.reason);
          continue;
        }
        // Two entries holding one assessment (a copy made by hand, or by another tool) would
        // show as one; the copy not stored under its own id is kept aside, never dropped.
        const { id } = result.document.assessment;
        if (key !== `${ASSESSMENT_PREFIX}${id}` && keys.includes(`${ASSESSMENT_PREFIX}${id}`)) {
          setAside(
            `This copy of assessment ${id} was stored under another name (${key}) beside the assessment itself, so it was kept aside: download it to compare the two.`,
          );
          continue;
        }
        if (library.assessments.some((a) => a.id === id)) {
          setAside(
            `Another stored entry holds the same assessment (${id}); this copy (${key}) was kept aside so that neither is lost.`,
          );
          continue;
        }
        library.assessments.push(result.document.assessment);
        if (result.migratedFrom !== undefined) {
          library.migrated.push({ id: result.document.assessment.id, from: result.migratedFrom });
        }
      }
      library.activeId = storage.getItem(ACTIVE_KEY) ?? undefined;
    });
    // Reasons are stored beside their quarantined data; show them with it, not as entries.
    const reasons = new Map(
      library.quarantined.filter((q) => q.key.endsWith(':reason')).map((q) => [q.key, q.raw]),
    );
    library.quarantined = library.quarantined
      .filter((q) => !q.key.endsWith(':reason'))
      .map((q) => ({ ...q, reason: reasons.get(`${q.key}:reason`) ?? q.reason }));
    library.assessments.sort((a, b) => b.updatedAt.localeCompare(a.updatedAt));
    return library;
  }

  function quarantineReason(key: string): string {
    return `Kept aside (${key}) because it could not be read.`;
  }

  /**
   * Why the entry at `key` must not be replaced or deleted, if it must not: a newer version of the
   * app wrote it (in another tab, or the same assessment opened there), and this version would
   * throw away what it does not know.
   */
  function newerEntryProblem(
    storage: Storage,
    key: string,
    doing: 'overwrite' | 'delete',
  ): StorageHealth | undefined {
    const raw = storage.getItem(key);
    const version = raw === null ? undefined : storedSchemaVersion(raw);
    if (version === undefined || version <= CURRENT_SCHEMA_VERSION) return undefined;
    return {
      state: 'newer',
      detail:
        `This browser holds this assessment as saved by a newer version of the app (schema ${version}); ` +
        `it was left untouched and this version did not ${doing} it. Open the newer version to use it, ` +
        'or export this copy to keep what is on screen.',
    };
  }

  function load(id: string): Assessment | undefined {
    try {
      const raw = getBackend().getItem(`${ASSESSMENT_PREFIX}${id}`);
      if (raw === null) return undefined;
      const result = parseDocumentText(raw);
      return result.ok ? result.document.assessment : undefined;
    } catch {
      return undefined;
    }
  }

  return {
    loadAll,
    load,
    save: (assessment) => {
      // Never write what the next load would refuse and quarantine: keep the last good copy.
      const checked = DocumentSchema.safeParse(toDocument(assessment, now()));
      if (!checked.success) return { state: 'invalid', detail: describeIssues(checked.error) };
      const key = `${ASSESSMENT_PREFIX}${assessment.id}`;
      return withBackend((storage) => {
        const problem = newerEntryProblem(storage, key, 'overwrite');
        if (problem) return problem;
        storage.setItem(key, JSON.stringify(checked.data));
      });
    },
    remove: (id) => {
      const key = `${ASSESSMENT_PREFIX}${id}`;
      return withBackend((storage) => {
        const problem = newerEntryProblem(storage, key, 'delete');
        if (problem) return problem;
        storage.removeItem(key);
      });
    },
    setActive: (id) => withBackend((storage) => storage.setItem(ACTIVE_KEY, id)),
    discardQuarantined: (key) =>
      withBackend((storage) => {
        storage.removeItem(key);
        storage.removeItem(`${key}:reason`);
      }),
  };
}
