import { createActor, type SnapshotFrom } from 'xstate';
import type { Assessment } from '../model/assessment';
import type { Catalogue } from '../model/catalogue';
import { computeResults } from '../checklist/results';
import { currentStep, wizardMachine, type WizardEvent } from '../checklist/wizard.machine';

/** What a read-only tab may still do: look around. */
const NAVIGATION: ReadonlySet<WizardEvent['type']> = new Set([
  'wizard.next',
  'wizard.back',
  'wizard.goto',
]);

/**
 * The wizard machine as runes: the open assessment, the step and the results, mirrored from the
 * actor's snapshot. Every change the machine makes is handed to `onchange` (autosave, the library).
 */
export class WizardBridge {
  readonly catalogue: Catalogue;
  /** The clock the wizard stamps changes with; views read "today" from it too. */
  readonly now: () => Date;
  snapshot: SnapshotFrom<typeof wizardMachine> = $state.raw() as SnapshotFrom<typeof wizardMachine>;
  assessment = $derived(this.snapshot.context.assessment);
  step = $derived(currentStep(this.snapshot.context));
  results = $derived(
    computeResults(this.snapshot.context.catalogue, this.snapshot.context.assessment),
  );

  #actor;
  #readOnly: () => boolean;

  constructor(options: {
    catalogue: Catalogue;
    assessment: Assessment;
    now: () => Date;
    onchange: (assessment: Assessment) => void;
    /** True while another tab edits this assessment: then only moving between steps is allowed. */
    readOnly?: () => boolean;
  }) {
    this.#readOnly = options.readOnly ?? (() => false);
    this.catalogue = options.catalogue;
    this.now = options.now;
    this.#actor = createActor(wizardMachine, {
      input: { catalogue: options.catalogue, assessment: options.assessment, now: options.now },
    });
    this.snapshot = this.#actor.getSnapshot();
    let last = this.snapshot.context.assessment;
    this.#actor.subscribe((snapshot) => {
      this.snapshot = snapshot;
      if (snapshot.context.assessment !== last) {
        last = snapshot.context.assessment;
        options.onchange(last);
      }
    });
    this.#actor.start();
  }

  /** Moves between steps, or changes the assessment unless it is read-only here. */
  send(event: WizardEvent): void {
    if (this.#readOnly() && !NAVIGATION.has(event.type)) return;
    this.#actor.send(event);
  }

  /** Opens another assessment where it was left. */
  load(assessment: Assessment): void {
    this.#actor.send({ type: 'assessment.load', assessment });
  }
}
