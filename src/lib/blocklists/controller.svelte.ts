import { createActor } from 'xstate';
import type { Assessment, BlocklistConsent } from '../model/assessment';
import type { BlocklistRun, RunOnScreen } from '../model/blocklist-run';
import { runCoverage, type Coverage } from './domain/coverage';
import { isRetryable } from './domain/plan';
import {
  consentCovers,
  consentFor,
  planRun,
  type AccessKeys,
  type RunPlan,
  type RunPlanResult,
} from './domain/request';
import { createDohClient } from './io/doh';
import { createCheckActors } from './io/actors';
import type { RunGuard } from './io/run-guard';
import {
  finishedRun,
  isRunning,
  checkMachine,
  runSoFar,
  type CheckPhase,
  type CheckSnapshot,
} from './check.machine';

/**
 * The block-list check for one open assessment: plans a run from the assessment's settings,
 * drives the check machine, and gives the screen a plain view of where the check is. What the
 * assessment must keep (the consent given, a finished run) is reported through the host's
 * callbacks; the controller never reaches into the wizard. Loaded on first use.
 */

/** What the controller needs from whoever opened it. */
export interface CheckHost {
  /** The open assessment as it is now: its settings and profile plan the run. */
  assessment(): Assessment;
  /** The consent given in this browser for this assessment, if any (never one from a file). */
  consent(): BlocklistConsent | undefined;
  /** The access keys kept in this browser. */
  keys(): AccessKeys;
  /** The user agreed to this plan being sent: keep the consent in this browser. */
  onConsent(consent: BlocklistConsent): void;
  /** A run finished: it becomes the assessment's evidence. */
  onFinished(run: BlocklistRun): void;
}

/** Everything the screen shows of a check, as plain data. */
export interface CheckView {
  phase: CheckPhase;
  /** Queries are being sent: leaving the page would lose the run. */
  running: boolean;
  /** The run so far (undefined before it starts): what the results table and summary show. */
  run: RunOnScreen | undefined;
  /** Every address/list pair of the run judged once (see domain/coverage.ts). */
  coverage: Coverage | undefined;
  /** While asking for consent: exactly what will be sent, and to whom. */
  pendingPlan: RunPlan | undefined;
  /** Why the run failed, in words. */
  error: string | undefined;
  /** Answers that said nothing because something failed on the way, worth asking again. */
  retryable: number;
  /** Whether any address was to be asked yet (a run can fail at the lists' test points). */
  queriesPlanned: boolean;
  /** Lists and addresses of the run, for the line shown while the lists are tested. */
  listCount: number;
  addressCount: number;
}

function viewOf(snapshot: CheckSnapshot, pendingPlan: RunPlan | undefined): CheckView {
  const { context } = snapshot;
  const run = runSoFar(snapshot);
  return {
    phase: snapshot.value,
    running: isRunning(snapshot.value),
    run,
    coverage: run ? runCoverage(run).total : undefined,
    pendingPlan: snapshot.value === 'consent' ? pendingPlan : undefined,
    error: context.error,
    retryable: context.results.filter(isRetryable).length,
    queriesPlanned: context.expected > 0,
    listCount: context.request?.lists.length ?? 0,
    addressCount: context.request?.targets.length ?? 0,
  };
}

export class CheckController {
  view: CheckView = $state.raw() as CheckView;

  #host: CheckHost;
  #now: () => Date;
  #actor;
  #pendingPlan: RunPlan | undefined;
  #stored: unknown;
  #guard: RunGuard | undefined;
  #guarding = false;

  constructor(options: {
    host: CheckHost;
    machine: typeof checkMachine;
    now: () => Date;
    newId: () => string;
    /** Asks before the page is left while a run is in progress (see io/run-guard.ts). */
    guard?: RunGuard | undefined;
  }) {
    this.#host = options.host;
    this.#now = options.now;
    this.#guard = options.guard;
    const assessmentId = options.host.assessment().id;
    this.#actor = createActor(options.machine, {
      input: { now: options.now, newId: options.newId },
    });
    this.#actor.subscribe((snapshot) => {
      this.view = viewOf(snapshot, this.#pendingPlan);
      // A reload or a closed tab would end the run unsaved: guarded while it runs.
      this.#guardWhile(this.view.running, assessmentId);
      // A finished run (or a finished retry) becomes the assessment's evidence, once.
      const run = finishedRun(snapshot);
      if (run && snapshot.context.results !== this.#stored) {
        this.#stored = snapshot.context.results;
        this.#host.onFinished(run);
      }
    });
    this.#actor.start();
    this.view = viewOf(this.#actor.getSnapshot(), undefined);
  }

  /** What a run would be with the current settings, or why it cannot start. */
  plan(): RunPlanResult {
    const { lookup, profile } = this.#host.assessment();
    return planRun(lookup.settings, profile, this.#host.keys());
  }

  /** Starts a run; the machine asks for consent unless it was given for exactly this. */
  start(): { ok: true } | { ok: false; problems: string[] } {
    const planned = this.plan();
    if (!planned.ok) return planned;
    const { plan } = planned;
    const { settings } = this.#host.assessment().lookup;
    const consent = this.#host.consent();
    this.#pendingPlan = plan;
    this.#actor.send({
      type: 'check.start',
      request: {
        resolver: plan.resolver,
        lists: plan.lists,
        targets: plan.targets,
        concurrency: settings.concurrency,
        ownResolver: settings.resolver === 'custom',
        timeoutMs: settings.timeoutMs,
        consented: consentCovers(consent, plan),
        notChecked: plan.notChecked,
      },
    });
    return { ok: true };
  }

  giveConsent(): void {
    if (!this.#pendingPlan || this.view.phase !== 'consent') return;
    this.#host.onConsent(consentFor(this.#pendingPlan, this.#now()));
    this.#actor.send({ type: 'check.consent.give' });
  }

  declineConsent(): void {
    this.#actor.send({ type: 'check.consent.decline' });
  }

  cancel(): void {
    this.#actor.send({ type: 'check.cancel' });
  }

  retry(): void {
    this.#actor.send({ type: 'check.retry' });
  }

  /** Stops any run in flight (queries are aborted) and releases the actor. */
  stop(): void {
    this.#actor.stop();
    this.#guardWhile(false, '');
  }

  #guardWhile(running: boolean, assessmentId: string): void {
    if (running === this.#guarding) return;
    this.#guarding = running;
    this.#guard?.running(
      running ? { assessmentId, startedAt: this.#now().toISOString() } : undefined,
    );
  }
}

export function createCheckController(options: {
  host: CheckHost;
  now: () => Date;
  newId: () => string;
  machine?: typeof checkMachine;
  guard?: RunGuard | undefined;
}): CheckController {
  return new CheckController({
    ...options,
    machine:
      options.machine ?? checkMachine.provide({ actors: createCheckActors(createDohClient()) }),
  });
}
