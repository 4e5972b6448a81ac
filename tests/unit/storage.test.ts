import { describe, expect, test } from 'vitest';
import { emptyAnswer, newAssessment } from '../../src/lib/model/assessment';
import { createAssessmentStore } from '../../src/lib/assessment/io/storage';
import { toDocument } from '../../src/lib/model/document';
import { MemoryStorage } from '../fixtures/memory-storage';

const now = () => new Date('2026-11-28T12:00:00Z');

function make(id: string, organisation: string) {
  const a = newAssessment({ id, now: now(), catalogueVersion: '2026.1' });
  return { ...a, profile: { ...a.profile, organisation } };
}

describe('assessment storage', () => {
  test('saved assessments load back, several side by side, with the active one remembered', () => {
    const storage = new MemoryStorage();
    const store = createAssessmentStore(() => storage, now);
    store.save(make('a', 'This year'));
    store.save(make('b', 'Last year'));
    store.setActive('b');
    const library = store.loadAll();
    expect(library.assessments.map((a) => a.profile.organisation).sort()).toEqual([
      'Last year',
      'This year',
    ]);
    expect(library.activeId).toBe('b');
    expect(library.health).toEqual({ state: 'ok' });
  });

  test('stored data that fails validation is moved aside, never deleted, and reported', () => {
    const storage = new MemoryStorage();
    const store = createAssessmentStore(() => storage, now);
    store.save(make('good', 'Good'));
    storage.setItem(
      'mssa:assessment:bad',
      '{"format":"mail-security-self-assessment","schemaVersion":1}',
    );
    const library = store.loadAll();
    expect(library.assessments.map((a) => a.id)).toEqual(['good']);
    expect(library.quarantined).toHaveLength(1);
    expect(library.quarantined[0]?.raw).toBe(
      '{"format":"mail-security-self-assessment","schemaVersion":1}',
    );
    expect(library.quarantined[0]?.reason).toMatch(/damaged/);
    expect(storage.getItem('mssa:assessment:bad')).toBeNull();
    // Still there on the next load, with its reason.
    const again = store.loadAll();
    expect(again.quarantined).toHaveLength(1);
    expect(again.quarantined[0]?.reason).toMatch(/damaged/);
  });

  test('quarantined data goes only when the user discards it', () => {
    const storage = new MemoryStorage();
    const store = createAssessmentStore(() => storage, now);
    storage.setItem('mssa:assessment:bad', 'not json');
    const [entry] = store.loadAll().quarantined;
    store.discardQuarantined(entry!.key);
    expect(store.loadAll().quarantined).toEqual([]);
    expect(storage.keys()).toEqual([]);
  });

  test('storage that cannot be reached is reported as unavailable rather than crashing', () => {
    const store = createAssessmentStore(() => {
      throw new DOMException('The operation is insecure.', 'SecurityError');
    }, now);
    expect(store.save(make('a', 'x'))).toEqual({
      state: 'unavailable',
      detail: 'SecurityError: The operation is insecure.',
    });
    expect(store.loadAll().health.state).toBe('unavailable');
  });

  test('a full storage is reported as full', () => {
    const storage = new MemoryStorage();
    storage.quotaBytes = 100;
    const store = createAssessmentStore(() => storage, now);
    expect(store.save(make('a', 'x')).state).toBe('full');
  });

  test('an assessment stored by an older version loads upgraded and is reported as migrated', async () => {
    const { readFileSync } = await import('node:fs');
    const v1 = readFileSync(new URL('../fixtures/assessment-v1.json', import.meta.url), 'utf8');
    const storage = new MemoryStorage();
    storage.setItem('mssa:assessment:3f1c9a2e-6c1b-4d8e-9a57-0d3f0b6f2a11', v1);
    const library = createAssessmentStore(() => storage, now).loadAll();
    expect(library.quarantined).toEqual([]);
    expect(library.migrated).toEqual([{ id: '3f1c9a2e-6c1b-4d8e-9a57-0d3f0b6f2a11', from: 1 }]);
    expect(library.assessments[0]?.profile.assessorName).toBe('Siân Jones');
  });

  test('keys of other apps on the same origin are left alone', () => {
    const storage = new MemoryStorage();
    storage.setItem('other-app', '{}');
    const store = createAssessmentStore(() => storage, now);
    expect(store.loadAll()).toMatchObject({ assessments: [], quarantined: [] });
    expect(storage.getItem('other-app')).toBe('{}');
  });

  test('an assessment saved by a newer version is left exactly where it is, and reported', () => {
    const storage = new MemoryStorage();
    const store = createAssessmentStore(() => storage, now);
    const future = JSON.stringify({
      format: 'mail-security-self-assessment',
      schemaVersion: 99,
      savedAt: '2027-01-01T00:00:00.000Z',
      assessment: { id: 'future', somethingNew: true },
    });
    storage.setItem('mssa:assessment:future', future);
    store.save(make('today', 'Today'));
    const library = store.loadAll();
    expect(library.newer).toEqual([{ key: 'mssa:assessment:future', version: 99 }]);
    expect(library.quarantined).toEqual([]);
    expect(library.assessments.map((a) => a.id)).toEqual(['today']);
    store.save(make('today', 'Today, edited'));
    expect(storage.getItem('mssa:assessment:future')).toBe(future);
  });

  test('an assessment its own schema would refuse is not written: the last good copy stays', () => {
    const storage = new MemoryStorage();
    const store = createAssessmentStore(() => storage, now);
    const good = make('a', 'Good');
    store.save(good);
    const tooLong = { ...good, profile: { ...good.profile, organisation: 'x'.repeat(201) } };
    const health = store.save(tooLong);
    expect(health).toMatchObject({
      state: 'invalid',
      detail: expect.stringMatching(/organisation/),
    });
    const library = store.loadAll();
    expect(library.quarantined).toEqual([]);
    expect(library.assessments[0]?.profile.organisation).toBe('Good');
  });

  test('a newer version writing the same assessment (another tab) is never overwritten or deleted', () => {
    const storage = new MemoryStorage();
    const store = createAssessmentStore(() => storage, now);
    const mine = make('shared', 'Open in an old tab');
    expect(store.save(mine)).toEqual({ state: 'ok' });
    // The newer tab upgrades the same assessment, with fields this version does not know.
    const newer = JSON.stringify({
      format: 'mail-security-self-assessment',
      schemaVersion: 3,
      savedAt: '2026-11-28T12:05:00.000Z',
      assessment: { ...mine, profile: { ...mine.profile, organisation: 'Edited there' }, extra: 1 },
    });
    storage.setItem('mssa:assessment:shared', newer);
    const saved = store.save(make('shared', 'Edited here'));
    expect(saved).toMatchObject({
      state: 'newer',
      detail: expect.stringMatching(/newer version of the app \(schema 3\).*did not overwrite/),
    });
    expect(storage.getItem('mssa:assessment:shared')).toBe(newer);
    expect(store.remove('shared')).toMatchObject({
      state: 'newer',
      detail: expect.stringMatching(/did not delete/),
    });
    expect(storage.getItem('mssa:assessment:shared')).toBe(newer);
    // Other assessments save and delete as usual beside it.
    expect(store.save(make('other', 'Other'))).toEqual({ state: 'ok' });
    expect(store.remove('other')).toEqual({ state: 'ok' });
  });

  test('a too-long field is named in the warning, and nothing is quarantined on reload', () => {
    const storage = new MemoryStorage();
    const store = createAssessmentStore(() => storage, now);
    const good = make('a', 'Good');
    store.save(good);
    const pasted = {
      ...good,
      answers: { 'no-relay': { ...emptyAnswer('implemented'), notes: 'x'.repeat(20_001) } },
    };
    expect(store.save(pasted)).toMatchObject({
      state: 'invalid',
      detail: expect.stringMatching(/answers\.no-relay\.notes: .*20000/),
    });
    const library = store.loadAll();
    expect(library.quarantined).toEqual([]);
    expect(library.assessments[0]?.answers).toEqual({});
  });

  test('two entries holding one assessment: it is listed once, and the other copy is kept aside', () => {
    const storage = new MemoryStorage();
    const store = createAssessmentStore(() => storage);
    const a = newAssessment({
      id: 'same',
      now: new Date('2026-11-28T10:00:00Z'),
      catalogueVersion: '1',
    });
    expect(store.save(a)).toEqual({ state: 'ok' });
    const copy = JSON.stringify(
      toDocument({ ...a, profile: { ...a.profile, organisation: 'Copy' } }, new Date()),
    );
    storage.setItem('mssa:assessment:zzz-other-name', copy);
    storage.setItem('mssa:assessment:aaa-first-name', copy);
    const loaded = store.loadAll();
    expect(loaded.assessments.map((x) => x.id)).toEqual(['same']);
    expect(loaded.assessments[0]?.profile.organisation).toBe('');
    expect(loaded.quarantined).toHaveLength(2);
    expect(loaded.quarantined.map((q) => q.raw)).toEqual([copy, copy]);
    expect(loaded.quarantined[0]?.reason).toMatch(/stored under another name/);
  });
});
