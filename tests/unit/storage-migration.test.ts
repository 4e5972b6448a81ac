import { readFileSync } from 'node:fs';
import { describe, expect, test } from 'vitest';
import { newAssessment } from '../../src/lib/model/assessment';
import { toDocument } from '../../src/lib/model/document';
import { createAssessmentStore } from '../../src/lib/assessment/io/storage';
import { openAssessmentDatabase } from '../../src/lib/assessment/io/database';
import { MemoryStorage } from '../fixtures/memory-storage';
import { testStore } from '../fixtures/session';
import { assessmentWith } from '../fixtures/assessment';
import { fullRun } from '../fixtures/blocklist-run';

/** Assessments as earlier versions kept them in localStorage, moved into IndexedDB on load. */

const now = () => new Date('2026-11-30T12:00:00Z');
const v1 = readFileSync(new URL('../fixtures/assessment-v1.json', import.meta.url), 'utf8');
const V1_ID = '3f1c9a2e-6c1b-4d8e-9a57-0d3f0b6f2a11';

function make(id: string, organisation: string, updatedAt = '2026-11-28T10:00:00.000Z') {
  const a = newAssessment({ id, now: new Date(updatedAt), catalogueVersion: '2026.1' });
  return { ...a, updatedAt, profile: { ...a.profile, organisation } };
}

/** localStorage as an earlier version left it: two assessments, a kept-aside item, the open id. */
function earlierVersionsLocalStorage() {
  const local = new MemoryStorage();
  const current = assessmentWith({}, { id: 'with-run', run: fullRun(64, 4) });
  local.setItem(`mssa:assessment:${V1_ID}`, v1);
  local.setItem('mssa:assessment:with-run', JSON.stringify(toDocument(current, now())));
  local.setItem('mssa:quarantine:2026-11-01T00:00:00.000Z:old', 'not json');
  local.setItem('mssa:quarantine:2026-11-01T00:00:00.000Z:old:reason', 'It was cut short.');
  local.setItem('mssa:active', 'with-run');
  // Not ours, and the keys and consents that stay in localStorage: left alone.
  local.setItem('other-app', '{}');
  local.setItem('mssa:secret:dqs-key', 'abc');
  return { local, current };
}

describe('moving assessments from localStorage into IndexedDB', () => {
  test('everything moves, is read back and checked, and only then leaves localStorage', async () => {
    const { local, current } = earlierVersionsLocalStorage();
    const library = await testStore(local, now).loadAll();
    expect(library.health).toEqual({ state: 'ok' });
    expect(library.fromLocalStorage).toEqual({ moved: 2, keptAside: 0, left: 0 });
    expect(library.assessments.map((a) => a.id).sort()).toEqual([V1_ID, 'with-run'].sort());
    expect(library.assessments.find((a) => a.id === 'with-run')).toEqual(current);
    expect(library.migrated).toEqual([{ id: V1_ID, from: 1 }]);
    expect(library.quarantined).toEqual([
      {
        key: 'mssa:quarantine:2026-11-01T00:00:00.000Z:old',
        raw: 'not json',
        reason: 'It was cut short.',
      },
    ]);
    expect(library.activeId).toBe('with-run');
    expect(local.keys().sort()).toEqual(['mssa:secret:dqs-key', 'other-app']);

    // The next load finds them in IndexedDB alone, and moves nothing again.
    const again = await testStore(local, now).loadAll();
    expect(again.fromLocalStorage).toBeUndefined();
    expect(again.assessments).toHaveLength(2);
    expect(again.quarantined).toHaveLength(1);
  });

  test('when the database refuses the writes, localStorage keeps everything and it is still shown', async () => {
    const { local } = earlierVersionsLocalStorage();
    const before = local.keys().map((k) => [k, local.getItem(k)]);
    const name = `full-${Math.random()}`;
    const store = createAssessmentStore({
      open: async () => {
        const db = await openAssessmentDatabase(name);
        // As a full disk would: every write fails with the browser's quota error.
        db.put = () =>
          Promise.reject(new DOMException('The quota was exceeded.', 'QuotaExceededError'));
        return db;
      },
      legacy: () => local,
      now,
    });
    const library = await store.loadAll();
    expect(library.health.state).toBe('full');
    expect(library.assessments.map((a) => a.id).sort()).toEqual([V1_ID, 'with-run'].sort());
    expect(local.keys().map((k) => [k, local.getItem(k)])).toEqual(before);
  });

  test('an entry newer than this version stays exactly where it is', async () => {
    const local = new MemoryStorage();
    const future = JSON.stringify({
      format: 'mail-security-self-assessment',
      schemaVersion: 99,
      savedAt: '2027-01-01T00:00:00.000Z',
      assessment: { id: 'future' },
    });
    local.setItem('mssa:assessment:future', future);
    const library = await testStore(local, now).loadAll();
    expect(library.newer).toEqual([{ key: 'mssa:assessment:future', version: 99 }]);
    expect(local.getItem('mssa:assessment:future')).toBe(future);
  });

  test('unreadable data is moved into the kept-aside list, with its reason', async () => {
    const local = new MemoryStorage();
    local.setItem(
      'mssa:assessment:bad',
      '{"format":"mail-security-self-assessment","schemaVersion":1}',
    );
    const library = await testStore(local, now).loadAll();
    expect(library.quarantined).toHaveLength(1);
    expect(library.quarantined[0]).toMatchObject({
      raw: '{"format":"mail-security-self-assessment","schemaVersion":1}',
      reason: expect.stringMatching(/damaged/),
    });
    expect(local.keys()).toEqual([]);
  });

  test('two different copies of one assessment: the later edit is kept, the other aside', async () => {
    const local = new MemoryStorage();
    const store = testStore(local, now);
    // This browser's database already holds the assessment (moved on an earlier load)…
    await store.save(make('same', 'In the database', '2026-11-28T10:00:00.000Z'));
    // …and a tab of an earlier version went on editing it in localStorage.
    const later = make('same', 'Edited later in an old tab', '2026-11-29T10:00:00.000Z');
    local.setItem('mssa:assessment:same', JSON.stringify(toDocument(later, now())));
    local.setItem(
      'mssa:assessment:zzz-hand-copy',
      JSON.stringify(
        toDocument(make('same', 'An older hand copy', '2026-11-01T00:00:00.000Z'), now()),
      ),
    );
    const library = await testStore(local, now).loadAll();
    expect(library.assessments.map((a) => a.profile.organisation)).toEqual([
      'Edited later in an old tab',
    ]);
    expect(library.fromLocalStorage).toMatchObject({ keptAside: 2 });
    const aside = library.quarantined.map((q) => JSON.parse(q.raw).assessment.profile.organisation);
    expect(aside.sort()).toEqual(['An older hand copy', 'In the database']);
    expect(library.quarantined[0]?.reason).toMatch(/Two different copies of assessment same/);
    expect(local.keys()).toEqual([]);
  });

  test('an identical copy left in localStorage (a move cut short) is simply removed', async () => {
    const local = new MemoryStorage();
    const store = testStore(local, now);
    const a = make('same', 'Same');
    await store.save(a);
    local.setItem('mssa:assessment:same', JSON.stringify(toDocument(a, now())));
    const library = await testStore(local, now).loadAll();
    expect(library.assessments).toEqual([a]);
    expect(library.quarantined).toEqual([]);
    expect(local.keys()).toEqual([]);
  });
});
