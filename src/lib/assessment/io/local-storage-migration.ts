import type { Assessment } from '../../model/assessment';
import { parseDocumentText, readProblem, type AssessmentDocument } from '../../model/document';
import type { AssessmentDatabase, StoredQuarantine } from './database';
import { readRecord, recordFor } from './records';
import type { LoadedLibrary } from './storage';

/**
 * Earlier versions kept assessments in localStorage, one key each ("mssa:assessment:<id>"), with
 * unreadable data under "mssa:quarantine:<…>" and the open assessment's id under "mssa:active".
 * This moves them into IndexedDB. Nothing is removed from localStorage until its copy has been
 * written, read back and found identical; anything that cannot be moved stays where it is and is
 * tried again on the next load. Loaded only when localStorage holds something to move.
 */

const ASSESSMENT_PREFIX = 'mssa:assessment:';
const QUARANTINE_PREFIX = 'mssa:quarantine:';
const ACTIVE_KEY = 'mssa:active';
const REASON_SUFFIX = ':reason';

export interface LegacyLoad {
  report: {
    /** Assessments now in IndexedDB and gone from localStorage. */
    moved: number;
    /** Copies kept aside in the quarantine because another copy of the same assessment differs. */
    keptAside: number;
    /** Entries left in localStorage because their new copy could not be written or verified. */
    left: number;
  };
  migrated: LoadedLibrary['migrated'];
  newer: LoadedLibrary['newer'];
}

function keysOf(storage: Storage): string[] {
  const keys: string[] = [];
  for (let i = 0; i < storage.length; i += 1) {
    const key = storage.key(i);
    if (key) keys.push(key);
  }
  return keys.sort();
}

const sameAssessment = (a: Assessment, b: Assessment) => JSON.stringify(a) === JSON.stringify(b);

/** Holds a lock across this browser's tabs, where there are locks, so two tabs move nothing twice. */
async function exclusively<T>(work: () => Promise<T>): Promise<T> {
  const locks = typeof navigator === 'undefined' ? undefined : navigator.locks;
  if (!locks) return work();
  return locks.request('mssa-local-storage-migration', work) as Promise<T>;
}

export function moveFromLocalStorage(
  storage: Storage,
  db: AssessmentDatabase,
  now: () => Date,
): Promise<LegacyLoad> {
  return exclusively(async () => {
    const load: LegacyLoad = {
      report: { moved: 0, keptAside: 0, left: 0 },
      migrated: [],
      newer: [],
    };

    /** Writes an entry into the quarantine and reads it back; true when it is there as given. */
    async function quarantine(entry: StoredQuarantine): Promise<boolean> {
      // Never over another item kept aside (two set aside in the same millisecond).
      let key = entry.key;
      for (let n = 2; (await db.getKey('quarantine', key)) !== undefined; n += 1) {
        key = `${entry.key}~${n}`;
      }
      await db.put('quarantine', { ...entry, key });
      return (await db.get('quarantine', key))?.raw === entry.raw;
    }

    async function moveAssessment(key: string, raw: string): Promise<void> {
      const read = parseDocumentText(raw);
      if (!read.ok && read.newerVersion !== undefined) {
        // A newer version's data, valid there: left exactly where it is.
        load.newer.push({ key, version: read.newerVersion });
        return;
      }
      if (!read.ok) {
        const aside = `${QUARANTINE_PREFIX}${now().toISOString()}:${key.slice(ASSESSMENT_PREFIX.length)}`;
        if (await quarantine({ key: aside, raw, reason: readProblem(read) }))
          storage.removeItem(key);
        else load.report.left += 1;
        return;
      }
      const incoming = read.document.assessment;
      const existing = await db.get('assessments', incoming.id);
      const stored = existing ? readRecord(existing) : undefined;
      if (stored?.ok && sameAssessment(stored.document.assessment, incoming)) {
        storage.removeItem(key);
        return;
      }
      if (existing) {
        // Two different copies of one assessment (an earlier tab went on saving to localStorage):
        // the later edit is kept as the assessment, the other aside, so neither is lost.
        const keepIncoming =
          !stored?.ok || incoming.updatedAt > stored.document.assessment.updatedAt;
        const aside = keepIncoming
          ? { raw: JSON.stringify(existing.document), from: 'this browser’s database' }
          : { raw, from: 'localStorage, where earlier versions kept it' };
        const entry = {
          key: `${QUARANTINE_PREFIX}${now().toISOString()}:${incoming.id}`,
          raw: aside.raw,
          reason: `Two different copies of assessment ${incoming.id} were found; the one most recently edited is kept, and this one (from ${aside.from}) was kept aside: download it to compare the two.`,
        };
        if (!(await quarantine(entry))) {
          load.report.left += 1;
          return;
        }
        load.report.keptAside += 1;
        if (!keepIncoming) {
          storage.removeItem(key);
          return;
        }
      }
      if (await write(read.document)) {
        storage.removeItem(key);
        load.report.moved += 1;
        if (read.migratedFrom !== undefined) {
          load.migrated.push({ id: incoming.id, from: read.migratedFrom });
        }
      } else {
        load.report.left += 1;
      }
    }

    /** Writes the assessment and reads it back: true only when what comes back is identical. */
    async function write(document: AssessmentDocument): Promise<boolean> {
      const prepared = recordFor(document.assessment, new Date(document.savedAt));
      if (!prepared.ok) return false;
      await db.put('assessments', prepared.record);
      const back = await db.get('assessments', prepared.record.id);
      const read = back ? readRecord(back) : undefined;
      return read?.ok === true && sameAssessment(read.document.assessment, document.assessment);
    }

    for (const key of keysOf(storage)) {
      const raw = storage.getItem(key);
      if (raw === null) continue;
      if (key.startsWith(ASSESSMENT_PREFIX)) {
        await moveAssessment(key, raw);
      } else if (key.startsWith(QUARANTINE_PREFIX) && !key.endsWith(REASON_SUFFIX)) {
        const reason =
          storage.getItem(`${key}${REASON_SUFFIX}`) ??
          `Kept aside (${key}) because it could not be read.`;
        if (await quarantine({ key, raw, reason })) {
          storage.removeItem(key);
          storage.removeItem(`${key}${REASON_SUFFIX}`);
        } else {
          load.report.left += 1;
        }
      } else if (key === ACTIVE_KEY) {
        if ((await db.get('meta', 'active')) === undefined) await db.put('meta', raw, 'active');
        storage.removeItem(key);
      }
    }
    return load;
  });
}

/**
 * What earlier versions left in localStorage, read where it is (when IndexedDB cannot be used):
 * shown, not moved, and nothing removed.
 */
export type LoadedFromLocalStorage = Pick<
  LoadedLibrary,
  'assessments' | 'quarantined' | 'migrated' | 'newer' | 'activeId'
>;

export function readLocalStorage(storage: Storage): LoadedFromLocalStorage {
  const found: LoadedFromLocalStorage = {
    assessments: [],
    quarantined: [],
    migrated: [],
    newer: [],
    activeId: storage.getItem(ACTIVE_KEY) ?? undefined,
  };
  for (const key of keysOf(storage)) {
    const raw = storage.getItem(key);
    if (raw === null) continue;
    if (key.startsWith(QUARANTINE_PREFIX) && !key.endsWith(REASON_SUFFIX)) {
      const reason = storage.getItem(`${key}${REASON_SUFFIX}`) ?? `Kept aside (${key}).`;
      found.quarantined.push({ key, raw, reason });
    }
    if (!key.startsWith(ASSESSMENT_PREFIX)) continue;
    const read = parseDocumentText(raw);
    if (read.ok) {
      if (found.assessments.some((a) => a.id === read.document.assessment.id)) continue;
      found.assessments.push(read.document.assessment);
      if (read.migratedFrom !== undefined) {
        found.migrated.push({ id: read.document.assessment.id, from: read.migratedFrom });
      }
    } else if (read.newerVersion !== undefined) {
      found.newer.push({ key, version: read.newerVersion });
    } else {
      found.quarantined.push({ key, raw, reason: readProblem(read) });
    }
  }
  return found;
}
