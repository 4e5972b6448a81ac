import { createActor } from 'xstate';
import type { Assessment, BlocklistConsent } from '../model/assessment';
import type { BlocklistRun, InterruptedCheck, RunOnScreen } from '../model/blocklist-run';
import { runCoverage, type Coverage } from './domain/coverage';
import { isRetryable } from './domain/plan';
import {
  healthOfRun,
  interruptedSummary,
  resumeProblem,
  type InterruptedSummary,
} from './domain/resume';
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
  type CheckRequest,
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
  /** The progress kept from a check of this assessment that was cut short, if any. */
  interrupted(): Promise<InterruptedCheck | undefined>;
  /** Keep this progress of the run in flight (undefined: the run ended, keep none). */
  onProgress(check: InterruptedCheck | undefined): void;
}

/** How often the answers of a run in flight are kept, at most (each keeps the whole run). */
const PROGRESS_EVERY_MS = 1000;

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
  /** A check cut short that can be resumed (shown while no run is in flight). */
  interrupted: InterruptedSummary | undefined;
}

function viewOf(
  snapshot: CheckSnapshot,
  pendingPlan: RunPlan | undefined,
  interrupted: InterruptedCheck | undefined,
): CheckView {
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
    interrupted: interrupted ? interruptedSummary(interrupted) : undefined,
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
  #assessmentId: string;
  /** The check cut short that this one may resume; cleared once a run is under way. */
  #interrupted: InterruptedCheck | undefined;
  /** The results last kept as progress, when, and the timer that keeps the next. */
  #progressKept: unknown;
  #progressAt = 0;
  #progressTimer: ReturnType<typeof setTimeout> | undefined;

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
    this.#assessmentId = assessmentId;
    this.#actor = createActor(options.machine, {
      input: { now: options.now, newId: options.newId },
    });
    this.#actor.subscribe((snapshot) => {
      if (snapshot.value === 'querying') this.#interrupted = undefined;
      this.view = viewOf(snapshot, this.#pendingPlan, this.#interrupted);
      // A reload or a closed tab would end the run: guarded while it runs.
      this.#guardWhile(this.view.running, assessmentId);
      this.#keepProgress(snapshot);
      // A finished run (or a finished retry) becomes the assessment's evidence, once. Only a
      // run that is done can be one: while queries stream in, the run is not put together twice.
      const run = snapshot.value === 'done' ? finishedRun(snapshot) : undefined;
      if (run && snapshot.context.results !== this.#stored) {
        this.#stored = snapshot.context.results;
        this.#host.onFinished(run);
      }
    });
    this.#actor.start();
    this.view = viewOf(this.#actor.getSnapshot(), undefined, undefined);
    void options.host.interrupted().then((check) => {
      const snapshot = this.#actor.getSnapshot();
      // Only offered while nothing else has started meanwhile.
      if (!check || snapshot.value !== 'idle') return;
      this.#interrupted = check;
      this.view = viewOf(snapshot, this.#pendingPlan, check);
    });
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
    this.#pendingPlan = planned.plan;
    this.#actor.send({ type: 'check.start', request: this.#requestFor(planned.plan) });
    return { ok: true };
  }

  /**
   * Carries on the check that was cut short, with the same resolver, lists and addresses (and the
   * same consent: without it, the user is asked first), asking only the pairs without an answer.
   */
  resume(): { ok: true } | { ok: false; problems: string[] } {
    const check = this.#interrupted;
    if (!check) return { ok: false, problems: ['There is no interrupted check to resume.'] };
    const planned = this.plan();
    if (!planned.ok) return planned;
    const problem = resumeProblem(check.run, planned.plan);
    if (problem) return { ok: false, problems: [problem] };
    this.#pendingPlan = planned.plan;
    this.#actor.send({
      type: 'check.resume',
      request: this.#requestFor(planned.plan),
      progress: {
        runId: check.run.id,
        startedAt: check.run.startedAt,
        health: healthOfRun(check.run),
        results: check.run.results,
      },
    });
    return { ok: true };
  }

  /** Forgets the check that was cut short: its answers are not kept any longer. */
  discardInterrupted(): void {
    if (!this.#interrupted) return;
    this.#interrupted = undefined;
    this.#host.onProgress(undefined);
    this.view = viewOf(this.#actor.getSnapshot(), this.#pendingPlan, undefined);
  }

  #requestFor(plan: RunPlan): CheckRequest {
    const { settings } = this.#host.assessment().lookup;
    return {
      resolver: plan.resolver,
      lists: plan.lists,
      targets: plan.targets,
      concurrency: settings.concurrency,
      ownResolver: settings.resolver === 'custom',
      timeoutMs: settings.timeoutMs,
      consented: consentCovers(this.#host.consent(), plan),
      notChecked: plan.notChecked,
    };
  }

  /**
   * While queries are sent, the run's answers are kept (at most every PROGRESS_EVERY_MS) so a
   * reload can resume it; once it ends, however it ends, they are not kept any longer.
   */
  #keepProgress(snapshot: CheckSnapshot): void {
    if (snapshot.value === 'querying') {
      if (snapshot.context.results === this.#progressKept || this.#progressTimer) return;
      const wait = Math.max(0, this.#progressAt + PROGRESS_EVERY_MS - Date.now());
      this.#progressTimer = setTimeout(() => {
        this.#progressTimer = undefined;
        this.#saveProgress();
      }, wait);
      return;
    }
    const ended =
      snapshot.value === 'done' || snapshot.value === 'cancelled' || snapshot.value === 'failed';
    if (ended && this.#progressKept !== undefined) {
      clearTimeout(this.#progressTimer);
      this.#progressTimer = undefined;
      this.#progressKept = undefined;
      this.#host.onProgress(undefined);
    }
  }

  #saveProgress(): void {
    const snapshot = this.#actor.getSnapshot();
    const run = runSoFar(snapshot);
    if (snapshot.value !== 'querying' || run?.state !== 'running') return;
    this.#progressKept = snapshot.context.results;
    this.#progressAt = Date.now();
    this.#host.onProgress({
      assessmentId: this.#assessmentId,
      savedAt: this.#now().toISOString(),
      run: { ...run, state: 'running' },
    });
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

  /**
   * Stops any run in flight (queries are aborted) and releases the actor. A run stopped this way
   * (another assessment opened) keeps its latest answers, to be resumed later.
   */
  stop(): void {
    if (this.#progressTimer) {
      clearTimeout(this.#progressTimer);
      this.#progressTimer = undefined;
      this.#saveProgress();
    }
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
