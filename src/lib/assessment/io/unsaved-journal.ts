import type { Assessment } from '../../model/assessment';
import { CURRENT_SCHEMA_VERSION, readProblem } from '../../model/document';
import { describeError } from '../../shared/errors';
import type { AssessmentDatabase, StoredAssessment } from './database';
import { healthOf, readRecord, recordFor, type StorageHealth } from './records';

/**
 * Changes not yet in IndexedDB when the page is left. IndexedDB writes are asynchronous, and a
 * write started as the page unloads (a reload straight after typing) may never finish; so as the
 * page is hidden, each assessment with a change not yet written is also put, synchronously, in
 * localStorage under "mssa:unsaved:<id>". The next load writes any such copy that is newer than
 * the stored one into IndexedDB and removes it; a completed save removes it too.
 */

const JOURNAL_PREFIX = 'mssa:unsaved:';
const QUARANTINE_PREFIX = 'mssa:quarantine:';

const keyFor = (id: string) => `${JOURNAL_PREFIX}${id}`;

/** Writes the assessment into the journal now; says what happened if it could not. */
export function writeJournal(storage: Storage, assessment: Assessment, now: Date): StorageHealth {
  const prepared = recordFor(assessment, now);
  if (!prepared.ok) return prepared.health;
  try {
    storage.setItem(keyFor(assessment.id), JSON.stringify(prepared.record));
    return { state: 'ok' };
  } catch (error) {
    return healthOf(error);
  }
}

/**
 * The assessment was written as `record`: its journal entry is spent, unless it holds a different
 * state (a later change journalled since, by this tab or another as it was left).
 */
export function clearJournal(storage: Storage, record: StoredAssessment): void {
  const raw = storage.getItem(keyFor(record.id));
  if (raw === null) return;
  if (sameAssessment(raw, record)) storage.removeItem(keyFor(record.id));
}

/** Whether journal text holds the same assessment as a record (the save time aside). */
function sameAssessment(raw: string, record: StoredAssessment): boolean {
  try {
    const journalled = JSON.parse(raw) as StoredAssessment;
    return JSON.stringify(assessmentOf(journalled)) === JSON.stringify(assessmentOf(record));
  } catch {
    return false;
  }
}

function assessmentOf(record: StoredAssessment): unknown {
  const document = record.document as { assessment?: unknown } | null;
  return document?.assessment;
}

/** The assessment is gone: nothing journalled for it may bring it back. */
export function dropJournal(storage: Storage, id: string): void {
  storage.removeItem(keyFor(id));
}

export function hasJournal(storage: Storage): boolean {
  for (let i = 0; i < storage.length; i += 1) {
    if (storage.key(i)?.startsWith(JOURNAL_PREFIX)) return true;
  }
  return false;
}

/**
 * Writes what the journal holds into the database where it is newer than what is stored, and
 * empties the journal. What cannot be read or applied is kept aside in the quarantine.
 */
export async function replayJournal(
  storage: Storage,
  db: AssessmentDatabase,
  now: () => Date,
): Promise<void> {
  const keys: string[] = [];
  for (let i = 0; i < storage.length; i += 1) {
    const key = storage.key(i);
    if (key?.startsWith(JOURNAL_PREFIX)) keys.push(key);
  }
  for (const key of keys) {
    const raw = storage.getItem(key);
    if (raw === null) continue;
    const problem = await replayOne(raw, db);
    if (problem === 'already-stored') {
      storage.removeItem(key);
    } else if (problem === undefined) {
      storage.removeItem(key);
    } else {
      await db.put('quarantine', {
        key: `${QUARANTINE_PREFIX}${now().toISOString()}:${key.slice(JOURNAL_PREFIX.length)}`,
        raw,
        reason: `Changes not yet saved when the page was last left were not applied (${problem}); they were kept aside so that nothing is lost.`,
      });
      storage.removeItem(key);
    }
  }
}

/**
 * Undefined when written; 'already-stored' when the stored copy is the same; else why the
 * journalled copy was not written (it is then kept aside).
 */
async function replayOne(raw: string, db: AssessmentDatabase): Promise<string | undefined> {
  let record: StoredAssessment;
  try {
    record = JSON.parse(raw) as StoredAssessment;
  } catch (error) {
    return describeError(error);
  }
  const read = readRecord(record);
  if (!read.ok) return readProblem(read);
  const existing = await db.get('assessments', record.id);
  if (existing) {
    if (existing.schemaVersion > CURRENT_SCHEMA_VERSION) {
      return `a newer version of the app has stored this assessment since (schema ${existing.schemaVersion})`;
    }
    const stored = readRecord(existing);
    if (stored.ok) {
      const journalled = read.document.assessment;
      const current = stored.document.assessment;
      if (JSON.stringify(current) === JSON.stringify(journalled)) return 'already-stored';
      // Moving between steps does not change updatedAt, so an equal time may still be news.
      if (current.updatedAt > journalled.updatedAt) {
        return 'the stored copy was changed later, in another tab';
      }
    } else {
      // The stored copy cannot be read: it is kept aside, and the journalled one takes its place.
      await db.put('quarantine', {
        key: `${QUARANTINE_PREFIX}${new Date().toISOString()}:${record.id}:replaced`,
        raw: JSON.stringify(existing.document),
        reason: `${stored.reason} It was replaced by the changes saved as the page was last left.`,
      });
    }
  }
  await db.put('assessments', record);
  return undefined;
}
