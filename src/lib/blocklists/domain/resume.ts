import type { InterruptedCheck, RunOnScreen } from '../../model/blocklist-run';
import { formatNumber, plural } from '../../shared/format';
import type { FamilyHealth } from './plan';
import type { RunPlan } from './request';

/**
 * Resuming a check that was cut short: only with the same resolver, lists and addresses (the
 * consent given was for exactly those), keeping every answer it had and asking only the pairs
 * without one.
 */

/** What the block-list step says of an interrupted check. */
export interface InterruptedSummary {
  startedAt: string;
  resolverLabel: string;
  /** Address/list pairs with an answer (any answer, "no verdict" included). */
  answered: number;
  /** Pairs in the whole run. */
  total: number;
}

export function interruptedSummary(check: InterruptedCheck): InterruptedSummary {
  const { run } = check;
  return {
    startedAt: run.startedAt,
    resolverLabel: run.resolver.label,
    answered: run.results.length,
    total: run.addresses.length * run.lists.length,
  };
}

/** The pairs still to ask, in words: "1,024 of 8,192 address/list pairs". */
export function pairsInWords(count: number, total: number): string {
  return `${formatNumber(count)} of ${plural(total, 'address/list pair', 'address/list pairs')}`;
}

const sameMembers = (a: readonly string[], b: readonly string[]) =>
  a.length === b.length && [...a].sort().join('\n') === [...b].sort().join('\n');

/**
 * Why the interrupted run cannot be carried on with the settings as they are now, or undefined
 * when it can. Resuming under other settings would mix two different checks in one run.
 */
export function resumeProblem(run: RunOnScreen, plan: RunPlan): string | undefined {
  const changed = (what: string) =>
    `The ${what} changed after the check was interrupted, so it cannot be resumed as it was agreed: start a new check, or change them back.`;
  if (run.resolver.url !== plan.resolver.url) {
    return `The resolver changed after the check was interrupted (it was ${run.resolver.label}, it is now ${plan.resolver.label}), so it cannot be resumed as it was agreed: start a new check, or choose that resolver again.`;
  }
  const listIds = plan.lists.map(({ list }) => list.id);
  if (
    !sameMembers(
      run.lists.map((list) => list.id),
      listIds,
    )
  )
    return changed('lists chosen');
  const addresses = plan.targets.map((target) => target.address);
  if (!sameMembers(run.addresses, addresses)) return changed('addresses to check');
  return undefined;
}

/** The lists' test-point outcomes as the run recorded them, as the check machine keeps them. */
export function healthOfRun(run: RunOnScreen): Record<string, FamilyHealth> {
  return Object.fromEntries(run.lists.map((list) => [list.id, { ...list.familyHealth }]));
}
