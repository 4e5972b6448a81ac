import { describe, expect, test } from 'vitest';
import {
  emptyProfile,
  BlocklistSettingsSchema,
  type BlocklistSettings,
} from '../../src/lib/model/assessment';
import { planRun, type RunPlan } from '../../src/lib/blocklists/domain/request';
import {
  healthOfRun,
  interruptedSummary,
  resumeProblem,
} from '../../src/lib/blocklists/domain/resume';
import type { InterruptedCheck, RunOnScreen } from '../../src/lib/model/blocklist-run';
import { MemoryStorage } from '../fixtures/memory-storage';
import { testStore } from '../fixtures/session';
import { fullRun, runList } from '../fixtures/blocklist-run';

const settings = (patch: Partial<BlocklistSettings> = {}): BlocklistSettings => ({
  ...BlocklistSettingsSchema.parse({}),
  ...patch,
});
const profile = {
  ...emptyProfile(),
  mailServers: '192.31.196.25',
  networkRanges: '192.175.48.0/30',
};

function plan(patch: Partial<BlocklistSettings> = {}): RunPlan {
  const planned = planRun(settings(patch), profile, {});
  if (!planned.ok) throw new Error(planned.problems.join(' '));
  return planned.plan;
}

/** The run as the plan would have recorded it when it was cut short. */
function interruptedRunOf(p: RunPlan): RunOnScreen {
  return {
    id: 'run-1',
    startedAt: '2026-11-30T10:00:00.000Z',
    state: 'running',
    resolver: p.resolver,
    addresses: p.targets.map((t) => t.address),
    lists: p.lists.map(({ list }) => runList(list.id)),
    results: [],
  };
}

describe('resuming an interrupted check', () => {
  test('only with the same resolver, lists and addresses, and the reason when not', () => {
    const run = interruptedRunOf(plan());
    expect(resumeProblem(run, plan())).toBeUndefined();
    expect(
      resumeProblem(
        run,
        plan({ resolver: 'custom', customResolverUrl: 'https://dns.example.ac.uk/dns-query' }),
      ),
    ).toMatch(/^The resolver changed after the check was interrupted \(it was .+, it is now .+\)/);
    expect(resumeProblem(run, plan({ targets: '192.31.196.25' }))).toMatch(
      /^The addresses to check changed after the check was interrupted/,
    );
    const fewerLists = plan();
    fewerLists.lists = fewerLists.lists.slice(1);
    expect(resumeProblem(run, fewerLists)).toMatch(/^The lists chosen changed/);
  });

  test('the lists keep the test-point outcomes the run found, and the step counts the answers', () => {
    const run = fullRun(4, 2);
    const check: InterruptedCheck = {
      assessmentId: 'a',
      savedAt: '2026-11-30T10:00:01.000Z',
      run: { ...run, state: 'running', results: run.results.slice(0, 5) },
    };
    expect(healthOfRun(check.run)).toEqual({
      list0: { ipv4: { usable: true } },
      list1: { ipv4: { usable: true } },
    });
    expect(interruptedSummary(check)).toMatchObject({ answered: 5, total: 8 });
  });

  test('its progress is kept compactly in this browser, read back exactly, and dropped', async () => {
    const store = testStore(new MemoryStorage());
    const run = fullRun(256, 4);
    const check: InterruptedCheck = {
      assessmentId: 'a',
      savedAt: '2026-11-30T10:00:01.000Z',
      run: { ...run, state: 'running', results: run.results.slice(0, 700) },
    };
    expect(await store.saveInterruptedCheck(check)).toEqual({ state: 'ok' });
    expect(await store.loadInterruptedCheck('a')).toEqual(check);
    expect(await store.loadInterruptedCheck('b')).toBeUndefined();
    expect(await store.dropInterruptedCheck('a')).toEqual({ state: 'ok' });
    expect(await store.loadInterruptedCheck('a')).toBeUndefined();
  });
});
