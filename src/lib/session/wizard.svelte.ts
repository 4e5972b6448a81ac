import { createActor, type SnapshotFrom } from 'xstate';
import type { Assessment } from '../model/assessment';
import type { Catalogue } from '../model/catalogue';
import { computeResults } from '../checklist/results';
import type { ScanFinding } from '../scans/domain/findings';
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
  /**
   * What the imported scans found, worked out once the scan code has loaded (it loads only when
   * the assessment has scans, and is already loaded on the scan step that imports them).
   */
  scanFindings: readonly ScanFinding[] = $state.raw([]);
  results = $derived(
    computeResults(
      this.snapshot.context.catalogue,
      this.snapshot.context.assessment,
      this.scanFindings,
    ),
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
    this.#refreshFindings(last);
    this.#actor.subscribe((snapshot) => {
      this.snapshot = snapshot;
      if (snapshot.context.assessment !== last) {
        const before = last;
        last = snapshot.context.assessment;
        if (last.scans !== before.scans || last.profile !== before.profile) {
          this.#refreshFindings(last);
        }
        options.onchange(last);
      }
    });
    this.#actor.start();
  }

  #findingsFor: Assessment | undefined;

  #refreshFindings(assessment: Assessment): void {
    this.#findingsFor = assessment;
    if (assessment.scans.length === 0) {
      this.scanFindings = [];
      return;
    }
    void Promise.all([
      import('../scans/domain/findings'),
      import('../content/software-support'),
    ]).then(([{ scanFindings }, { softwareSupport }]) => {
      // A later change of the scans or the profile has its own refresh under way.
      if (this.#findingsFor !== assessment) return;
      this.scanFindings = scanFindings(assessment.scans, assessment.profile, softwareSupport);
    });
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
