import { describe, expect, test } from 'vitest';
import { newAssessment } from '../../src/lib/model/assessment';
import { MemoryStorage } from '../fixtures/memory-storage';
import { storedAssessments, testSession, testStore } from '../fixtures/session';

/**
 * A page left straight after a change (a reload while typing) may never finish its IndexedDB
 * write: the change is also kept synchronously, and the next load puts it in place.
 */

const journalKeys = (storage: MemoryStorage) =>
  storage.keys().filter((key) => key.startsWith('mssa:unsaved:'));

function make(id: string, organisation: string, updatedAt: string) {
  const a = newAssessment({ id, now: new Date(updatedAt), catalogueVersion: '2026.1' });
  return { ...a, updatedAt, profile: { ...a.profile, organisation } };
}

describe('changes kept as the page is left', () => {
  test('leaving keeps the waiting change at once, and a completed save spends it', async () => {
    const storage = new MemoryStorage();
    const s = await testSession({ storage, saveDelayMs: 60_000 });
    await s.settled();
    s.wizard.send({ type: 'profile.change', patch: { organisation: 'Typed just now' } });
    s.leave();
    // Kept before any asynchronous write could finish…
    expect(journalKeys(storage)).toEqual([`mssa:unsaved:${s.wizard.assessment.id}`]);
    // …and removed once the write did.
    await s.settled();
    expect(journalKeys(storage)).toEqual([]);
    expect((await storedAssessments(storage))[0]?.profile.organisation).toBe('Typed just now');
  });

  test('a change whose write never finished is put in place by the next load', async () => {
    const storage = new MemoryStorage();
    const store = testStore(storage);
    const before = make('a', 'Saved', '2026-11-30T10:00:00.000Z');
    await store.save(before);
    // As a page that died mid-write leaves it: the journal holds the change, the database not.
    const changed = {
      ...before,
      step: 'filtering',
      profile: { ...before.profile, organisation: 'Unsaved' },
    };
    expect(store.journal(changed)).toEqual({ state: 'ok' });
    const next = await testSession({ storage });
    expect(next.wizard.assessment.profile.organisation).toBe('Unsaved');
    expect(next.wizard.assessment.step).toBe('filtering');
    expect(journalKeys(storage)).toEqual([]);
  });

  test('a change kept for an assessment stored later in another tab is kept aside, not applied', async () => {
    const storage = new MemoryStorage();
    const store = testStore(storage);
    store.journal(make('a', 'Old tab', '2026-11-30T10:00:00.000Z'));
    await store.save(make('a', 'Edited since', '2026-11-30T11:00:00.000Z'));
    // The completed save above holds another state: it does not spend that journal entry.
    expect(journalKeys(storage)).toHaveLength(1);
    const library = await testStore(storage).loadAll();
    expect(library.assessments[0]?.profile.organisation).toBe('Edited since');
    expect(library.quarantined).toHaveLength(1);
    expect(library.quarantined[0]?.reason).toMatch(/changed later, in another tab.*kept aside/);
    expect(journalKeys(storage)).toEqual([]);
  });

  test('a deleted assessment is not brought back by a change kept for it', async () => {
    const storage = new MemoryStorage();
    const store = testStore(storage);
    const doomed = make('doomed', 'Doomed', '2026-11-30T10:00:00.000Z');
    await store.save(doomed);
    store.journal({ ...doomed, profile: { ...doomed.profile, organisation: 'Doomed, edited' } });
    await store.remove('doomed');
    expect(journalKeys(storage)).toEqual([]);
    expect((await testStore(storage).loadAll()).assessments).toEqual([]);
  });

  test('unreadable kept changes go to the kept-aside list with their reason', async () => {
    const storage = new MemoryStorage();
    storage.setItem('mssa:unsaved:x', '{"id":"x","document":');
    const library = await testStore(storage).loadAll();
    expect(library.quarantined).toHaveLength(1);
    expect(library.quarantined[0]).toMatchObject({
      raw: '{"id":"x","document":',
      reason: expect.stringMatching(/^Changes not yet saved when the page was last left/),
    });
  });
});
