import { afterEach, describe, expect, test, vi } from 'vitest';
import { testSession } from '../fixtures/session';
import { fromPromise } from 'xstate';
import { createCheckController, type CheckHost } from '../../src/lib/blocklists/controller.svelte';

import { newAssessment } from '../../src/lib/model/assessment';

import {
  createRunGuard,
  type InterruptedRun,
  type RunGuard,
} from '../../src/lib/blocklists/io/run-guard';
import { checkMachine, type FamilyHealth } from '../../src/lib/blocklists/check.machine';

import { MemoryStorage } from '../fixtures/memory-storage';

afterEach(() => window.sessionStorage.clear());

/** Dispatches what a reload or closing the tab dispatches; true when the page asks first. */
function leavingAsks(): boolean {
  const event = new Event('beforeunload', { cancelable: true });
  window.dispatchEvent(event);
  return event.defaultPrevented;
}

const run: InterruptedRun = { assessmentId: 'a1', startedAt: '2026-11-28T10:00:00.000Z' };

describe('the run guard', () => {
  test('while a run is in progress leaving the page asks first; once it ends it does not', async () => {
    const guard = createRunGuard(window);
    expect(leavingAsks()).toBe(false);
    guard.running(run);
    expect(leavingAsks()).toBe(true);
    guard.running(undefined);
    expect(leavingAsks()).toBe(false);
  });

  test('a run cut short by a reload is reported once by the next page in the tab', async () => {
    createRunGuard(window).running(run);
    // The next page load.
    const next = createRunGuard(window);
    expect(next.takeInterrupted()).toEqual(run);
    expect(next.takeInterrupted()).toBeUndefined();
  });

  test('a run that ended leaves nothing to report', async () => {
    const guard = createRunGuard(window);
    guard.running(run);
    guard.running(undefined);
    expect(createRunGuard(window).takeInterrupted()).toBeUndefined();
  });
});

describe('the block-list controller guards its run', () => {
  test('from the start of the check until it is cancelled', async () => {
    const base = newAssessment({ id: 'a1', now: new Date(), catalogueVersion: '1' });
    const assessment = { ...base, profile: { ...base.profile, mailServers: '192.31.196.10' } };
    const host: CheckHost = {
      assessment: () => assessment,
      keys: () => ({}),
      consent: () => undefined,
      onConsent: vi.fn(),
      onFinished: vi.fn(),
      interrupted: async () => undefined,
      onProgress: vi.fn(),
    };
    const calls: (InterruptedRun | undefined)[] = [];
    const guard: RunGuard = { running: (r) => calls.push(r), takeInterrupted: () => undefined };
    const controller = createCheckController({
      host,
      now: () => new Date('2026-11-28T10:00:00Z'),
      newId: () => 'run-1',
      guard,
      // The health check never answers: the run stays in progress until cancelled.
      machine: checkMachine.provide({
        actors: {
          checkHealth: fromPromise(() => new Promise<Record<string, FamilyHealth>>(() => {})),
        },
      }),
    });
    expect(controller.start()).toEqual({ ok: true });
    // Waiting for consent is not a run yet.
    expect(calls).toEqual([]);
    controller.giveConsent();
    expect(calls).toEqual([run]);
    // The consent is the assessment's to keep: the controller reports it, nothing else.
    expect(host.onConsent).toHaveBeenCalledWith(
      expect.objectContaining({ addresses: ['192.31.196.10'] }),
    );
    controller.cancel();
    expect(calls).toEqual([run, undefined]);
    controller.stop();
    expect(calls).toHaveLength(2);
  });
});

test('after a reload that interrupted a run, the session says it was not saved', async () => {
  const storage = new MemoryStorage();
  const guard: RunGuard = { running: () => undefined, takeInterrupted: () => run };
  const session = await testSession({ storage, runGuard: guard });
  // Said once the store has been asked whether any of its answers were kept (none were).
  await vi.waitFor(() =>
    expect(session.notices.list.map((n) => n.text)).toContainEqual(
      expect.stringMatching(
        /^The block-list check that was running when the page was reloaded or closed \(started 28 November 2026 at .+\) was interrupted and not saved\. Run it again from the block-list step\.$/,
      ),
    ),
  );
});
