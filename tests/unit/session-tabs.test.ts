import { describe, expect, test, vi } from 'vitest';
import type { TabCoordination, TabMessage } from '../../src/lib/session/io/tabs';
import { testSession, testStore } from '../fixtures/session';
import { MemoryStorage } from '../fixtures/memory-storage';

/** Another tab, played by the test: it holds locks and sends messages when told to. */
function otherTab(options: { holds?: boolean } = {}) {
  let handlers: Parameters<TabCoordination['listen']>[0] | undefined;
  const announced: TabMessage[] = [];
  const tabs: TabCoordination = {
    claim: async () => !options.holds,
    takeOver: async () => undefined,
    release: () => undefined,
    announce: (message) => announced.push(message),
    listen: (h) => (handlers = h),
  };
  return {
    tabs,
    announced,
    takesOver: (id: string) => handlers?.onlost(id),
    says: (message: TabMessage) => handlers?.onmessage(message),
  };
}

const settle = () => new Promise((resolve) => setTimeout(resolve, 0));

describe('sharing assessments with other tabs', () => {
  test('an assessment another tab edits is read-only here: changes are refused, moving is not', async () => {
    const other = otherTab({ holds: true });
    const s = await testSession({ tabs: other.tabs });
    await settle();
    expect(s.access.state).toBe('read-only');
    const before = s.wizard.assessment;
    s.wizard.send({ type: 'profile.change', patch: { organisation: 'Changed here' } });
    expect(s.wizard.assessment).toBe(before);
    s.wizard.send({ type: 'wizard.next' });
    expect(s.wizard.step.kind).toBe('section');
  });

  test('what another tab saves is shown here, on the step this tab is on', async () => {
    const storage = new MemoryStorage();
    const other = otherTab({ holds: true });
    const s = await testSession({ storage, tabs: other.tabs });
    await settle();
    await s.settled();
    s.wizard.send({ type: 'wizard.goto', step: 'filtering' });
    const id = s.wizard.assessment.id;
    // The other tab (another session on the same browser storage) saves its edit.
    const elsewhere = testStore(storage);
    await elsewhere.save({
      ...s.wizard.assessment,
      profile: { ...s.wizard.assessment.profile, organisation: 'Saved by the other tab' },
      step: 'profile',
    });
    other.says({ type: 'saved', id });
    await vi.waitFor(() =>
      expect(s.wizard.assessment.profile.organisation).toBe('Saved by the other tab'),
    );
    expect(s.wizard.step.kind === 'section' && s.wizard.step.section.id).toBe('filtering');
    // Showing it is not a change of this tab's: nothing is written back.
    await s.settled();
    expect((await elsewhere.load(id))?.step).toBe('profile');
  });

  test('when another tab takes over, a change not yet saved here is written first', async () => {
    const storage = new MemoryStorage();
    const other = otherTab();
    const s = await testSession({ storage, tabs: other.tabs, saveDelayMs: 60_000 });
    await settle();
    s.wizard.send({ type: 'profile.change', patch: { organisation: 'Typed just now' } });
    other.takesOver(s.wizard.assessment.id);
    expect(s.access.state).toBe('read-only');
    await s.settled();
    const saved = await testStore(storage).load(s.wizard.assessment.id);
    expect(saved?.profile.organisation).toBe('Typed just now');
    expect(other.announced).toContainEqual({ type: 'saved', id: s.wizard.assessment.id });
  });

  test('an assessment deleted in another tab goes here too, and is never saved back', async () => {
    const storage = new MemoryStorage();
    const other = otherTab();
    const s = await testSession({ storage, tabs: other.tabs, saveDelayMs: 60_000 });
    await settle();
    const id = s.wizard.assessment.id;
    s.wizard.send({ type: 'profile.change', patch: { organisation: 'Pending' } });
    await s.settled();
    await testStore(storage).remove(id);
    other.says({ type: 'deleted', id });
    s.flush();
    await s.settled();
    expect(await testStore(storage).load(id)).toBeUndefined();
    expect(s.library.items.map((a) => a.id)).not.toContain(id);
    expect(s.wizard.assessment.id).not.toBe(id);
    expect(s.notices.list.map((n) => n.text).join(' ')).toMatch(/was deleted in another tab/);
  });
});
