import { putRecord, storedActiveId, storedAssessments, testSession } from '../fixtures/session';
import { afterEach, beforeEach, describe, expect, test, vi } from 'vitest';

import { MemoryStorage } from '../fixtures/memory-storage';
import { testGuidance } from '../fixtures/catalogue';
import { newAssessment } from '../../src/lib/model/assessment';
import { toDocument } from '../../src/lib/model/document';
import { stepId } from '../../src/lib/checklist/steps';
import type { Session } from '../../src/lib/session/session.svelte';

let storage: MemoryStorage;

function session(saveDelayMs = 300) {
  return testSession({ storage, saveDelayMs });
}

/** What is stored once every write the session started has finished. */
async function stored(s: Session) {
  await s.settled();
  return storedAssessments(storage);
}

beforeEach(() => {
  storage = new MemoryStorage();
  // Only the autosave's timers: IndexedDB (fake-indexeddb) schedules its work with setImmediate.
  vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout', 'Date'] });
});
afterEach(() => vi.useRealTimers());

describe('session', () => {
  test('a first visit starts a new assessment and saves it at once', async () => {
    const s = await session();
    expect((await stored(s)).map((a) => a.id)).toEqual([s.wizard.assessment.id]);
    expect(await storedActiveId(storage)).toBe(s.wizard.assessment.id);
  });

  test('changes are saved after a pause in typing, or at once on flush', async () => {
    const s = await session();
    s.wizard.send({ type: 'profile.change', patch: { organisation: 'A' } });
    s.wizard.send({ type: 'profile.change', patch: { organisation: 'AB' } });
    expect((await stored(s))[0]!.profile.organisation).toBe('');
    vi.advanceTimersByTime(300);
    expect((await stored(s))[0]!.profile.organisation).toBe('AB');
    s.wizard.send({ type: 'profile.change', patch: { organisation: 'ABC' } });
    s.flush();
    expect((await stored(s))[0]!.profile.organisation).toBe('ABC');
  });

  test('the pause is counted from the last keystroke, but a save never waits over 2 s', async () => {
    const s = await session();
    await s.settled();
    s.wizard.send({ type: 'profile.change', patch: { organisation: 'A' } });
    vi.advanceTimersByTime(250);
    s.wizard.send({ type: 'profile.change', patch: { organisation: 'AB' } });
    vi.advanceTimersByTime(250);
    // 500 ms after the first change, 250 ms after the last: still typing, not saved yet.
    expect((await stored(s))[0]!.profile.organisation).toBe('');
    vi.advanceTimersByTime(50);
    expect((await stored(s))[0]!.profile.organisation).toBe('AB');
    // A keystroke every 200 ms for 3 s: saved by the 2 s mark all the same.
    for (let i = 0; i < 15; i += 1) {
      s.wizard.send({ type: 'profile.change', patch: { organisation: `Typing ${i}` } });
      vi.advanceTimersByTime(200);
      if (i === 9) expect((await stored(s))[0]!.profile.organisation).toMatch(/^Typing \d$/);
    }
  });

  test('an assessment saved by a newer version is reported, and nothing here writes over it', async () => {
    const future = {
      id: 'future',
      schemaVersion: 99,
      bytes: 100,
      document: {
        format: 'mail-security-self-assessment',
        schemaVersion: 99,
        savedAt: '2027-01-01T00:00:00.000Z',
        assessment: { id: 'future', somethingNew: true },
      },
    };
    await putRecord(storage, future);
    const s = await session();
    expect(s.notices.list.map((n) => n.text)).toContainEqual(
      expect.stringMatching(/saved by a newer version of this app\. It was left untouched/),
    );
    expect(s.library.quarantined).toEqual([]);
    s.wizard.send({ type: 'profile.change', patch: { organisation: 'Other work' } });
    s.flush();
    // Even an imported copy with the same id is not written over it, nor deleted in its place.
    const sameId = newAssessment({ id: 'future', now: new Date(), catalogueVersion: '1' });
    const file = new File([JSON.stringify(toDocument(sameId, new Date()))], 'same-id.json');
    expect((await s.importFile(file)).ok).toBe(true);
    s.wizard.send({ type: 'profile.change', patch: { organisation: 'Imported, edited' } });
    s.flush();
    await s.settled();
    expect(s.storage.health).toMatchObject({
      state: 'newer',
      detail: expect.stringMatching(/newer/),
    });
    s.remove('future');
    await s.settled();
    const again = await session();
    expect(again.notices.list.map((n) => n.text)).toContainEqual(
      expect.stringMatching(/saved by a newer version of this app/),
    );
  });

  test('a later session resumes the active assessment where it was left', async () => {
    const first = await session();
    first.wizard.send({ type: 'profile.change', patch: { organisation: 'Resume Ltd' } });
    first.wizard.send({ type: 'wizard.goto', step: 'filtering' });
    first.flush();
    await first.settled();
    const second = await session();
    expect(second.wizard.assessment.profile.organisation).toBe('Resume Ltd');
    expect(stepId(second.wizard.step)).toBe('filtering');
  });

  test('switching assessments saves the pending change of the one left behind', async () => {
    const s = await session();
    const firstId = s.wizard.assessment.id;
    s.wizard.send({ type: 'profile.change', patch: { organisation: 'First' } });
    s.startNew();
    expect(s.library.items).toHaveLength(2);
    s.flush();
    expect((await stored(s)).find((a) => a.id === firstId)?.profile.organisation).toBe('First');
    s.open(firstId);
    expect(s.wizard.assessment.profile.organisation).toBe('First');
  });

  test('deleting an assessment with an unsaved change does not bring it back', async () => {
    const s = await session();
    const goneId = s.wizard.assessment.id;
    s.startNew();
    s.open(goneId);
    s.wizard.send({ type: 'profile.change', patch: { organisation: 'Doomed' } });
    s.remove(goneId);
    vi.advanceTimersByTime(1000);
    s.flush();
    expect((await stored(s)).map((a) => a.id)).not.toContain(goneId);
    expect(s.library.items.map((a) => a.id)).not.toContain(goneId);
  });

  test('the library knows about how much each stored assessment takes', async () => {
    const s = await session();
    await s.settled();
    const id = s.wizard.assessment.id;
    const before = s.library.sizes[id]!;
    expect(before).toBeGreaterThan(100);
    s.wizard.send({ type: 'profile.change', patch: { organisation: 'x'.repeat(150) } });
    s.flush();
    await s.settled();
    expect(s.library.sizes[id]).toBe(before + 150);
    expect((await session()).library.sizes[id]).toBe(before + 150);
  });

  test('a damaged import is refused and leaves the open assessment as it was', async () => {
    const s = await session();
    s.wizard.send({ type: 'profile.change', patch: { organisation: 'Keep me' } });
    const before = s.wizard.assessment;
    const result = await s.importFile(new File(['{"format":"mail-security'], 'cut.json'));
    expect(result.ok).toBe(false);
    expect(s.wizard.assessment).toBe(before);
    expect(s.library.items).toHaveLength(1);
  });

  test('guidance is loaded once, on request', async () => {
    const load = vi.fn(async () => testGuidance);
    const s = await testSession({ storage, loadGuidance: load });
    expect(s.guidance.guidance).toBeUndefined();
    s.guidance.request();
    s.guidance.request();
    await vi.waitFor(() => expect(s.guidance.guidance).toBe(testGuidance));
    expect(load).toHaveBeenCalledOnce();
  });
});
