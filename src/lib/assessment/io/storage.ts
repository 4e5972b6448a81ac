import type { Assessment } from '../../model/assessment';
import { InterruptedCheckSchema, type InterruptedCheck } from '../../model/blocklist-run';
import { compactRun, expandRun } from '../compact-run';
import { CURRENT_SCHEMA_VERSION, readProblem } from '../../model/document';
import {
  healthOf,
  readRecord,
  recordFor,
  type QuarantinedEntry,
  type StorageHealth,
} from './records';
import type { IDBPObjectStore } from 'idb';
import type { AssessmentDatabase, AssessmentDatabaseSchema, StoredAssessment } from './database';
import type { LegacyLoad, LoadedFromLocalStorage } from './local-storage-migration';
import {
  clearJournal,
  dropJournal,
  hasJournal,
  replayJournal,
  writeJournal,
} from './unsaved-journal';

export { healthOf, type QuarantinedEntry, type StorageHealth } from './records';

/**
 * This browser's assessments, in IndexedDB (see database.ts). Each assessment is one record
 * holding its versioned document; data that fails validation is moved aside into the quarantine,
 * never deleted, and reported. When storage is unavailable (private mode, blocked by policy) or
 * full, the operation reports it and the app carries on in memory.
 *
 * Assessments kept by earlier versions in localStorage are moved here on first load (see
 * local-storage-migration.ts, loaded only when there is something to move).
 */

export interface LoadedLibrary {
  assessments: Assessment[];
  quarantined: QuarantinedEntry[];
  /** Assessments upgraded from an older schema while loading. */
  migrated: { id: string; from: number }[];
  /** Entries written by a newer version of the app: left exactly where they are. */
  newer: { key: string; version: number }[];
  activeId: string | undefined;
  /** About how much each assessment takes in storage, by id. */
  sizes: Record<string, number>;
  /** What moving the former localStorage copies here did, when there were any. */
  fromLocalStorage?: LegacyLoad['report'];
  health: StorageHealth;
}

export interface AssessmentStore {
  loadAll(): Promise<LoadedLibrary>;
  /**
   * One assessment as stored now (another tab may have saved it), or undefined when it is gone
   * or cannot be read here (it is then left where it is: loadAll reports and quarantines).
   */
  load(id: string): Promise<Assessment | undefined>;
  /** Writes the assessment; `bytes` is about how much it now takes. */
  save(assessment: Assessment): Promise<StorageHealth & { bytes?: number }>;
  remove(id: string): Promise<StorageHealth>;
  setActive(id: string): Promise<StorageHealth>;
  discardQuarantined(key: string): Promise<StorageHealth>;
  /**
   * Keeps the assessment synchronously (in localStorage) until it is saved: for the page being
   * left, when a save started now might not finish. See unsaved-journal.ts.
   */
  journal(assessment: Assessment): StorageHealth;
  /** Keeps a block-list check's progress while it runs, so that it can be resumed. */
  saveInterruptedCheck(check: InterruptedCheck): Promise<StorageHealth>;
  /** The progress kept for an assessment's check, if any can be read. */
  loadInterruptedCheck(assessmentId: string): Promise<InterruptedCheck | undefined>;
  /** The check ended (or the user discarded it): its progress is no longer kept. */
  dropInterruptedCheck(assessmentId: string): Promise<StorageHealth>;
}

export interface StoreOptions {
  /** Opens the database (a fresh connection each call). */
  open: () => Promise<AssessmentDatabase>;
  /**
   * localStorage: where earlier versions kept assessments, and where changes not yet written are
   * kept as the page is left. Undefined where there is none.
   */
  legacy?: () => Storage;
  now?: () => Date;
}

const LEGACY_PREFIX = 'mssa:';
/** About the size of a record with a block-list run of a few hundred answers. */
const LARGE_RECORD_BYTES = 64 * 1024;
const LEGACY_DATA = /^mssa:(assessment|quarantine):|^mssa:active$/;

function newerProblem(version: number, doing: 'overwrite' | 'delete'): StorageHealth {
  return {
    state: 'newer',
    detail:
      `This browser holds this assessment as saved by a newer version of the app (schema ${version}); ` +
      `it was left untouched and this version did not ${doing} it. Open the newer version to use it, ` +
      'or export this copy to keep what is on screen.',
  };
}

/** The version of a newer app's copy of `id`, if there is one (cheap when there are none). */
async function newerVersionOf(
  store: IDBPObjectStore<AssessmentDatabaseSchema, ['assessments'], 'assessments', 'readwrite'>,
  id: string,
): Promise<number | undefined> {
  const newer = await store
    .index('schemaVersion')
    .count(IDBKeyRange.lowerBound(CURRENT_SCHEMA_VERSION, true));
  if (newer === 0) return undefined;
  const existing = await store.get(id);
  return existing && existing.schemaVersion > CURRENT_SCHEMA_VERSION
    ? existing.schemaVersion
    : undefined;
}

export function createAssessmentStore(options: StoreOptions): AssessmentStore {
  const now = options.now ?? (() => new Date());
  let connection: Promise<AssessmentDatabase> | undefined;

  /**
   * Runs `work` on the database. A connection closed under it (a newer version upgrading the
   * database in another tab) is reopened once, which then says what happened.
   */
  async function withDatabase<T>(work: (db: AssessmentDatabase) => Promise<T>): Promise<T> {
    for (let attempt = 0; ; attempt += 1) {
      connection ??= options.open();
      let db: AssessmentDatabase;
      try {
        db = await connection;
      } catch (error) {
        connection = undefined;
        throw error;
      }
      try {
        return await work(db);
      } catch (error) {
        const closed = error instanceof DOMException && error.name === 'InvalidStateError';
        if (!closed || attempt > 0) throw error;
        connection = undefined;
      }
    }
  }

  async function health(work: (db: AssessmentDatabase) => Promise<StorageHealth | void>) {
    try {
      return (await withDatabase(work)) ?? { state: 'ok' as const };
    } catch (error) {
      return healthOf(error);
    }
  }

  /** localStorage, or undefined where it is missing or blocked. */
  function local(): Storage | undefined {
    try {
      return options.legacy?.();
    } catch {
      return undefined;
    }
  }

  function legacyStorage(): Storage | undefined {
    try {
      const storage = options.legacy?.();
      if (!storage) return undefined;
      for (let i = 0; i < storage.length; i += 1) {
        if (LEGACY_DATA.test(storage.key(i) ?? '')) return storage;
      }
    } catch {
      // localStorage blocked: there is nothing an earlier version could have left there.
    }
    return undefined;
  }

  async function loadAll(): Promise<LoadedLibrary> {
    const library: LoadedLibrary = {
      assessments: [],
      quarantined: [],
      migrated: [],
      newer: [],
      activeId: undefined,
      sizes: {},
      health: { state: 'ok' },
    };
    const legacy = legacyStorage();
    let db: AssessmentDatabase;
    try {
      db = await withDatabase(async (open) => open);
    } catch (error) {
      library.health = healthOf(error);
      // Nowhere to move them: show what earlier versions left, where they are.
      if (legacy) {
        const { readLocalStorage } = await import('./local-storage-migration');
        return { ...library, ...readLocalStorage(legacy) };
      }
      return library;
    }
    let stillInLocalStorage: LoadedFromLocalStorage | undefined;
    if (legacy) {
      const migration = await import('./local-storage-migration');
      try {
        const moved = await migration.moveFromLocalStorage(legacy, db, now);
        library.fromLocalStorage = moved.report;
        library.migrated.push(...moved.migrated);
        library.newer.push(...moved.newer);
      } catch (error) {
        // The database refused (full?): what was not moved is still shown, from where it is.
        library.health = healthOf(error);
        stillInLocalStorage = migration.readLocalStorage(legacy);
      }
    }
    try {
      const journal = local();
      if (journal && hasJournal(journal)) {
        await replayJournal(journal, db, now);
      }
      const records = await db.getAll('assessments');
      for (const record of records) {
        if (record.schemaVersion > CURRENT_SCHEMA_VERSION) {
          library.newer.push({ key: record.id, version: record.schemaVersion });
          continue;
        }
        const result = readRecord(record);
        if (!result.ok) {
          // Read with the rest of the quarantine below once moved; listed here if it stayed.
          const stayed = await setAside(db, record, readProblem(result));
          if (stayed) library.quarantined.push(stayed);
          continue;
        }
        library.assessments.push(result.document.assessment);
        library.sizes[record.id] = record.bytes;
        if (result.migratedFrom !== undefined) {
          library.migrated.push({ id: record.id, from: result.migratedFrom });
        }
        // Reading thousands of results is work: after a large record, let the page breathe.
        if (record.bytes > LARGE_RECORD_BYTES) await new Promise((r) => setTimeout(r, 0));
      }
      library.quarantined.push(...(await db.getAll('quarantine')));
      library.activeId = await db.get('meta', 'active');
    } catch (error) {
      library.health = healthOf(error);
    }
    if (stillInLocalStorage) {
      const { assessments, quarantined, migrated, newer } = stillInLocalStorage;
      const moved = new Set(library.assessments.map((a) => a.id));
      library.assessments.push(...assessments.filter((a) => !moved.has(a.id)));
      library.quarantined.push(...quarantined);
      library.migrated.push(...migrated.filter((m) => !moved.has(m.id)));
      library.newer.push(...newer);
    }
    library.quarantined.sort((a, b) => a.key.localeCompare(b.key));
    library.assessments.sort((a, b) => b.updatedAt.localeCompare(a.updatedAt));
    return library;
  }

  /**
   * Moves an unreadable record into the quarantine; if it cannot (storage full?), it stays where
   * it is and the entry that lists it there is returned.
   */
  async function setAside(
    db: AssessmentDatabase,
    record: StoredAssessment,
    reason: string,
  ): Promise<QuarantinedEntry | undefined> {
    const entry = {
      key: `${LEGACY_PREFIX}quarantine:${now().toISOString()}:${String(record.id)}`,
      raw: JSON.stringify(record.document),
      reason,
    };
    try {
      const tx = db.transaction(['assessments', 'quarantine'], 'readwrite');
      await Promise.all([
        tx.objectStore('quarantine').put(entry),
        tx.objectStore('assessments').delete(record.id),
        tx.done,
      ]);
      return undefined;
    } catch {
      // Could not move it (storage full?): it stays where it is, still reported.
      return { ...entry, key: `${LEGACY_PREFIX}assessment:${String(record.id)}` };
    }
  }

  return {
    journal: (assessment) => {
      const journal = local();
      if (!journal) return { state: 'unavailable', detail: 'localStorage cannot be used here.' };
      return writeJournal(journal, assessment, now());
    },
    loadAll,
    load: async (id) => {
      try {
        const record = await withDatabase((db) => db.get('assessments', id));
        if (!record) return undefined;
        const result = readRecord(record);
        return result.ok ? result.document.assessment : undefined;
      } catch {
        return undefined;
      }
    },
    save: async (assessment) => {
      const prepared = recordFor(assessment, now());
      if (!prepared.ok) return prepared.health;
      const { record } = prepared;
      const outcome = await health(async (db) => {
        const tx = db.transaction('assessments', 'readwrite');
        const newer = await newerVersionOf(tx.store, record.id);
        if (newer !== undefined) {
          await tx.done;
          return newerProblem(newer, 'overwrite');
        }
        await Promise.all([tx.store.put(record), tx.done]);
      });
      if (outcome.state !== 'ok') return outcome;
      const journal = local();
      if (journal) clearJournal(journal, record);
      return { ...outcome, bytes: record.bytes };
    },
    remove: (id) =>
      health(async (db) => {
        const tx = db.transaction('assessments', 'readwrite');
        const newer = await newerVersionOf(tx.store, id);
        if (newer !== undefined) {
          await tx.done;
          return newerProblem(newer, 'delete');
        }
        await Promise.all([tx.store.delete(id), tx.done]);
        await db.delete('checks-in-progress', id);
        // Nor may changes kept as a page was left bring it back on the next load.
        const journal = local();
        if (journal) dropJournal(journal, id);
      }),
    saveInterruptedCheck: (check) =>
      health(async (db) => {
        const { run, ...rest } = check;
        await db.put('checks-in-progress', {
          assessmentId: check.assessmentId,
          check: { ...rest, run: compactRun(run) },
        });
      }),
    loadInterruptedCheck: async (assessmentId) => {
      try {
        const stored = await withDatabase((db) => db.get('checks-in-progress', assessmentId));
        if (!stored || typeof stored.check !== 'object' || stored.check === null) return undefined;
        const check = stored.check as Record<string, unknown>;
        const run =
          typeof check.run === 'object' && check.run !== null
            ? expandRun(check.run as Record<string, unknown>)
            : check.run;
        const parsed = InterruptedCheckSchema.safeParse({ ...check, run });
        // Progress this version cannot read is of no use for resuming: it is simply not offered.
        return parsed.success && parsed.data.assessmentId === assessmentId
          ? parsed.data
          : undefined;
      } catch {
        return undefined;
      }
    },
    dropInterruptedCheck: (assessmentId) =>
      health(async (db) => {
        await db.delete('checks-in-progress', assessmentId);
      }),
    setActive: (id) =>
      health(async (db) => {
        await db.put('meta', id, 'active');
      }),
    discardQuarantined: (key) =>
      health(async (db) => {
        // An entry left where it was (it could not be moved) is discarded from there.
        const assessmentKey = /^mssa:assessment:(.*)$/.exec(key)?.[1];
        if (assessmentKey !== undefined) await db.delete('assessments', assessmentKey);
        else await db.delete('quarantine', key);
      }),
  };
}
