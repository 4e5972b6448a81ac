import { openDB, type DBSchema, type IDBPDatabase } from 'idb';

/**
 * The IndexedDB database holding this browser's assessments. IndexedDB, not localStorage: a site's
 * localStorage is about 5 MiB in all, and one full block-list run took a fifth of it.
 *
 * Version 1 stores:
 * - assessments: one record per assessment (its document, the run compacted: see compact-run.ts);
 * - quarantine: stored data that could not be read, kept exactly as it was until the user
 *   downloads or discards it;
 * - meta: small facts about this browser's copy (which assessment was open);
 * - checks-in-progress: a block-list check's answers so far, so a reload does not lose them.
 */

export const DATABASE_NAME = 'mail-security-self-assessment';
const DATABASE_VERSION = 1;

export interface StoredAssessment {
  id: string;
  /** The document's schema version, outside it so a newer version's record is found cheaply. */
  schemaVersion: number;
  /** About how much the record takes (its JSON length), shown in the library. */
  bytes: number;
  document: unknown;
}

export interface StoredQuarantine {
  key: string;
  /** The data exactly as it was found, as text, so it can be downloaded and recovered. */
  raw: string;
  reason: string;
}

export interface AssessmentDatabaseSchema extends DBSchema {
  assessments: {
    key: string;
    value: StoredAssessment;
    indexes: { schemaVersion: number };
  };
  quarantine: { key: string; value: StoredQuarantine };
  meta: { key: string; value: string };
  'checks-in-progress': { key: string; value: { assessmentId: string; check: unknown } };
}

export type AssessmentDatabase = IDBPDatabase<AssessmentDatabaseSchema>;

export async function openAssessmentDatabase(
  name: string = DATABASE_NAME,
): Promise<AssessmentDatabase> {
  const db = await openDB<AssessmentDatabaseSchema>(name, DATABASE_VERSION, {
    upgrade(db, oldVersion) {
      if (oldVersion < 1) {
        const assessments = db.createObjectStore('assessments', { keyPath: 'id' });
        assessments.createIndex('schemaVersion', 'schemaVersion');
        db.createObjectStore('quarantine', { keyPath: 'key' });
        db.createObjectStore('meta');
        db.createObjectStore('checks-in-progress', { keyPath: 'assessmentId' });
      }
    },
    // A newer version of the app in another tab wants to upgrade the database: let it. This
    // tab's later writes then fail and say so (see storage.ts), rather than block that tab.
    blocking() {
      db.close();
    },
  });
  return db;
}
