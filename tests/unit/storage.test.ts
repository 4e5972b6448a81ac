import { readFileSync } from 'node:fs';
import { describe, expect, test } from 'vitest';
import { emptyAnswer, newAssessment } from '../../src/lib/model/assessment';
import { createAssessmentStore, healthOf } from '../../src/lib/assessment/io/storage';
import { openAssessmentDatabase } from '../../src/lib/assessment/io/database';
import { toDocument } from '../../src/lib/model/document';
import { assessmentDigest } from '../../src/lib/assessment/io/digest';
import { MemoryStorage } from '../fixtures/memory-storage';
import { putRecord, testStore } from '../fixtures/session';
import { assessmentWith } from '../fixtures/assessment';
import { fullRun } from '../fixtures/blocklist-run';

const now = () => new Date('2026-11-28T12:00:00Z');

function make(id: string, organisation: string) {
  const a = newAssessment({ id, now: now(), catalogueVersion: '2026.1' });
  return { ...a, profile: { ...a.profile, organisation } };
}

const v1 = readFileSync(new URL('../fixtures/assessment-v1.json', import.meta.url), 'utf8');
const V1_ID = '3f1c9a2e-6c1b-4d8e-9a57-0d3f0b6f2a11';

describe('assessment storage (IndexedDB)', () => {
  test('saved assessments load back, several side by side, with the active one remembered', async () => {
    const store = testStore(new MemoryStorage(), now);
    await store.save(make('a', 'This year'));
    await store.save(make('b', 'Last year'));
    await store.setActive('b');
    const library = await store.loadAll();
    expect(library.assessments.map((a) => a.profile.organisation).sort()).toEqual([
      'Last year',
      'This year',
    ]);
    expect(library.activeId).toBe('b');
    expect(library.health).toEqual({ state: 'ok' });
  });

  test('a record that fails validation is moved aside, never deleted, and reported', async () => {
    const browser = new MemoryStorage();
    const store = testStore(browser, now);
    await store.save(make('good', 'Good'));
    const damaged = { format: 'mail-security-self-assessment', schemaVersion: 1 };
    await putRecord(browser, { id: 'bad', schemaVersion: 1, bytes: 10, document: damaged });
    const library = await store.loadAll();
    expect(library.assessments.map((a) => a.id)).toEqual(['good']);
    expect(library.quarantined).toHaveLength(1);
    expect(JSON.parse(library.quarantined[0]!.raw)).toEqual(damaged);
    expect(library.quarantined[0]?.reason).toMatch(/damaged/);
    // Still there on the next load, with its reason, and no longer among the assessments.
    const again = await store.loadAll();
    expect(again.quarantined).toHaveLength(1);
    expect(again.quarantined[0]?.reason).toMatch(/damaged/);
    expect(again.assessments.map((a) => a.id)).toEqual(['good']);
  });

  test('a record holding another assessment than its key says is kept aside', async () => {
    const browser = new MemoryStorage();
    const document = toDocument(make('real-id', 'Mislabelled'), now());
    await putRecord(browser, { id: 'other-id', schemaVersion: 2, bytes: 10, document });
    const library = await testStore(browser, now).loadAll();
    expect(library.assessments).toEqual([]);
    expect(library.quarantined[0]?.reason).toMatch(/holds assessment real-id/);
  });

  test('quarantined data goes only when the user discards it', async () => {
    const browser = new MemoryStorage();
    const store = testStore(browser, now);
    await putRecord(browser, { id: 'bad', schemaVersion: 2, bytes: 3, document: 'not a document' });
    const [entry] = (await store.loadAll()).quarantined;
    expect(await store.discardQuarantined(entry!.key)).toEqual({ state: 'ok' });
    expect((await store.loadAll()).quarantined).toEqual([]);
  });

  test('a database that cannot be opened is reported as unavailable rather than crashing', async () => {
    const store = createAssessmentStore({
      open: () => Promise.reject(new DOMException('The operation is insecure.', 'SecurityError')),
    });
    expect(await store.save(make('a', 'x'))).toEqual({
      state: 'unavailable',
      detail: 'SecurityError: The operation is insecure.',
    });
    expect((await store.loadAll()).health.state).toBe('unavailable');
    expect(await store.load('a')).toBeUndefined();
  });

  test('storage errors are told apart: full, upgraded by a newer version, or unavailable', () => {
    expect(healthOf(new DOMException('quota', 'QuotaExceededError')).state).toBe('full');
    expect(healthOf(new DOMException('version', 'VersionError'))).toMatchObject({
      state: 'newer',
      detail: expect.stringMatching(/newer version of this app has upgraded the storage/),
    });
    expect(healthOf(new Error('other')).state).toBe('unavailable');
  });

  test('a record stored by an older schema loads upgraded and is reported as migrated', async () => {
    const browser = new MemoryStorage();
    await putRecord(browser, {
      id: V1_ID,
      schemaVersion: 1,
      bytes: v1.length,
      document: JSON.parse(v1),
    });
    const library = await testStore(browser, now).loadAll();
    expect(library.quarantined).toEqual([]);
    expect(library.migrated).toEqual([{ id: V1_ID, from: 1 }]);
    expect(library.assessments[0]?.profile.assessorName).toBe('Siân Jones');
  });

  test('an assessment its own schema would refuse is not written: the last good copy stays', async () => {
    const store = testStore(new MemoryStorage(), now);
    const good = make('a', 'Good');
    await store.save(good);
    const tooLong = { ...good, profile: { ...good.profile, organisation: 'x'.repeat(201) } };
    expect(await store.save(tooLong)).toMatchObject({
      state: 'invalid',
      detail: expect.stringMatching(/organisation/),
    });
    const pasted = {
      ...good,
      answers: { 'no-relay': { ...emptyAnswer('implemented'), notes: 'x'.repeat(20_001) } },
    };
    expect(await store.save(pasted)).toMatchObject({
      state: 'invalid',
      detail: expect.stringMatching(/answers\.no-relay\.notes: .*20000/),
    });
    const library = await store.loadAll();
    expect(library.quarantined).toEqual([]);
    expect(library.assessments[0]?.profile.organisation).toBe('Good');
    expect(library.assessments[0]?.answers).toEqual({});
  });

  test('a newer version writing the same assessment (another tab) is never overwritten or deleted', async () => {
    const browser = new MemoryStorage();
    const store = testStore(browser, now);
    const mine = make('shared', 'Open in an old tab');
    expect(await store.save(mine)).toMatchObject({ state: 'ok' });
    // The newer tab upgrades the same assessment, with fields this version does not know.
    const newer = {
      id: 'shared',
      schemaVersion: 5,
      bytes: 1,
      document: { schemaVersion: 5, assessment: { ...mine, extra: 1 } },
    };
    await putRecord(browser, newer);
    expect(await store.save(make('shared', 'Edited here'))).toMatchObject({
      state: 'newer',
      detail: expect.stringMatching(/newer version of the app \(schema 5\).*did not overwrite/),
    });
    expect(await store.remove('shared')).toMatchObject({
      state: 'newer',
      detail: expect.stringMatching(/did not delete/),
    });
    const library = await store.loadAll();
    expect(library.newer).toEqual([{ key: 'shared', version: 5 }]);
    // Other assessments save and delete as usual beside it.
    expect(await store.save(make('other', 'Other'))).toMatchObject({ state: 'ok' });
    expect(await store.remove('other')).toEqual({ state: 'ok' });
  });

  test('a full block-list run is stored compactly and reads back exactly, digest and all', async () => {
    const store = testStore(new MemoryStorage(), now);
    const assessment = assessmentWith({}, { run: fullRun(1024, 8) });
    const saved = await store.save(assessment);
    const full = JSON.stringify(toDocument(assessment, now())).length;
    expect(saved.state).toBe('ok');
    // Listings and no-verdict pairs in full, "not listed" in columns: a fraction of the size.
    expect(saved.bytes).toBeLessThan(full / 4);
    const back = await store.load(assessment.id);
    expect(back).toEqual(assessment);
    expect(await assessmentDigest(back!)).toBe(await assessmentDigest(assessment));
  });

  test('twenty assessments, each with a full 1,024 × 8 run, are kept and all read back', async () => {
    const browser = new MemoryStorage();
    const store = testStore(browser, now);
    const run = fullRun(1024, 8);
    for (let i = 0; i < 20; i += 1) {
      const saved = await store.save(assessmentWith({}, { id: `big-${i}`, run }));
      expect(saved.state).toBe('ok');
    }
    const library = await testStore(browser, now).loadAll();
    expect(library.health).toEqual({ state: 'ok' });
    expect(library.assessments).toHaveLength(20);
    for (const a of library.assessments) expect(a.lookup.lastRun).toEqual(run);
  }, 60_000);

  test('the database is opened once, not for each operation', async () => {
    let opened = 0;
    const store = createAssessmentStore({
      open: () => {
        opened += 1;
        return openAssessmentDatabase(`open-once-${Math.random()}`);
      },
    });
    await store.save(make('a', 'A'));
    await store.setActive('a');
    await store.loadAll();
    expect(opened).toBe(1);
  });
});
