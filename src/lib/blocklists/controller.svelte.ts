import { createActor, type SnapshotFrom } from 'xstate';
import type { Assessment } from '../model/assessment';
import {
  consentCovers,
  consentFor,
  planRun,
  type AccessKeys,
  type RunPlan,
} from './domain/request';
import { createDohClient } from './io/doh';
import { createLookupActors } from './io/actors';
import type { RunGuard } from './io/run-guard';
import { lookupMachine, toLookupRun } from './check.machine';
import type { WizardEvent } from '../checklist/wizard.machine';

/**
 * The block-list check for one open assessment: plans a run from the assessment's settings,
 * drives the lookup machine, records consent, and stores a finished run as evidence through the
 * wizard. Loaded on first use (see Session.openLookup).
 */

/** What the controller needs from the session. */
export interface LookupHost {
  readonly assessment: Assessment;
  readonly keys: AccessKeys;
  send(event: WizardEvent): void;
}

type LookupSnapshot = SnapshotFrom<typeof lookupMachine>;

export class LookupController {
  /** The run in progress, or just finished. */
  snapshot: LookupSnapshot = $state.raw() as LookupSnapshot;
  /** The plan the consent screen describes: exactly what will be sent, and to whom. */
  pendingPlan: RunPlan | undefined = $state.raw();

  #host: LookupHost;
  #now: () => Date;
  #actor;
  #stored: unknown;
  #guard: RunGuard | undefined;
  #guarding = false;

  constructor(options: {
    host: LookupHost;
    machine: typeof lookupMachine;
    now: () => Date;
    newId: () => string;
    /** Asks before the page is left while a run is in progress (see io/run-guard.ts). */
    guard?: RunGuard | undefined;
  }) {
    this.#host = options.host;
    this.#now = options.now;
    this.#guard = options.guard;
    const assessmentId = options.host.assessment.id;
    this.#actor = createActor(options.machine, {
      input: { now: options.now, newId: options.newId },
    });
    this.#actor.subscribe((snapshot) => {
      this.snapshot = snapshot;
      // A reload or a closed tab would end the run unsaved: guarded while it runs.
      this.#guardWhile(snapshot.matches('checking') || snapshot.matches('querying'), assessmentId);
      // A finished run (or a finished retry) becomes the assessment's evidence; a cancelled or
      // failed one never replaces the evidence already stored.
      if (
        snapshot.matches('done') &&
        snapshot.context.results !== this.#stored &&
        this.#host.assessment.id === assessmentId
      ) {
        this.#stored = snapshot.context.results;
        const run = toLookupRun(snapshot.context);
        if (run) this.#host.send({ type: 'lookup.run.store', run });
      }
    });
    this.#actor.start();
    this.snapshot = this.#actor.getSnapshot();
  }

  /** What a run would be with the current settings, or why it cannot start. */
  plan() {
    const { lookup, profile } = this.#host.assessment;
    return planRun(lookup.settings, profile, this.#host.keys);
  }

  /** Starts a run; the machine asks for consent unless it was given for exactly this. */
  start(): { ok: true } | { ok: false; problems: string[] } {
    const planned = this.plan();
    if (!planned.ok) return planned;
    const { plan } = planned;
    const { settings, consent } = this.#host.assessment.lookup;
    this.pendingPlan = plan;
    this.#actor.send({
      type: 'lookup.start',
      request: {
        resolver: plan.resolver,
        lists: plan.lists,
        targets: plan.targets,
        concurrency: settings.concurrency,
        timeoutMs: settings.timeoutMs,
        consented: consentCovers(consent, plan),
        notChecked: plan.notChecked,
      },
    });
    return { ok: true };
  }

  giveConsent(): void {
    if (!this.pendingPlan) return;
    this.#host.send({
      type: 'lookup.consent.record',
      consent: consentFor(this.pendingPlan, this.#now()),
    });
    this.#actor.send({ type: 'lookup.consent.give' });
  }

  declineConsent(): void {
    this.#actor.send({ type: 'lookup.consent.decline' });
  }

  withdrawConsent(): void {
    this.#host.send({ type: 'lookup.consent.withdraw' });
  }

  cancel(): void {
    this.#actor.send({ type: 'lookup.cancel' });
  }

  retry(): void {
    this.#actor.send({ type: 'lookup.retry' });
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

export function createLookupController(options: {
  host: LookupHost;
  now: () => Date;
  newId: () => string;
  machine?: typeof lookupMachine;
  guard?: RunGuard | undefined;
}): LookupController {
  return new LookupController({
    ...options,
    machine:
      options.machine ?? lookupMachine.provide({ actors: createLookupActors(createDohClient()) }),
  });
}
