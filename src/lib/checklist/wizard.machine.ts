import { assertEvent, assign, setup } from 'xstate';
import type { Answer, Assessment, BlocklistSettings, Profile, SignOff } from '../model/assessment';
import type { BlocklistRun } from '../model/blocklist-run';
import type { ScanEvidence, Vantage } from '../model/scan-evidence';
import type { Catalogue } from '../model/catalogue';
import { recordApproval, recordSignOff } from '../assessment/sign-off';
import { stepId, stepIndexOf, wizardSteps, type WizardStep } from './steps';

/**
 * The wizard: which step the user is on (in the order of ./steps.ts) and every change to the
 * open assessment. The machine owns the assessment while it is open; persistence observes it from
 * outside (see ../session/session.svelte.ts), so the flow itself stays free of I/O.
 */

export interface WizardContext {
  catalogue: Catalogue;
  /** The catalogue's steps, in order. */
  steps: WizardStep[];
  assessment: Assessment;
  /** Index into `steps`. */
  stepIndex: number;
  now: () => Date;
}

export interface WizardInput {
  catalogue: Catalogue;
  assessment: Assessment;
  now?: () => Date;
}

export type WizardEvent =
  | { type: 'wizard.next' }
  | { type: 'wizard.back' }
  | { type: 'wizard.goto'; step: string }
  | { type: 'profile.change'; patch: Partial<Profile> }
  | { type: 'signoff.change'; patch: Partial<Omit<SignOff, 'signed'>> }
  /** The signatory confirmed the sign-off again for the answers as they are now. */
  | { type: 'signoff.confirm' }
  /** The approver's sign-off, entered and confirmed again the same way (schema 4). */
  | { type: 'approval.change'; patch: Partial<Omit<SignOff, 'signed'>> }
  | { type: 'approval.confirm' }
  | { type: 'answer.change'; controlId: string; answer: Answer }
  | { type: 'answer.clear'; controlId: string }
  | { type: 'assessment.load'; assessment: Assessment }
  | { type: 'blocklists.settings.change'; patch: Partial<BlocklistSettings> }
  | { type: 'blocklists.run.store'; run: BlocklistRun }
  | { type: 'scans.add'; scan: ScanEvidence }
  | { type: 'scans.remove'; id: string }
  | { type: 'scans.vantage'; id: string; vantage: Vantage };

/** The step ids of a catalogue in order (what "next", "back" and the step list follow). */
export function stepIds(catalogue: Catalogue): string[] {
  return wizardSteps(catalogue).map(stepId);
}

/**
 * Where an assessment resumes: the step it records, or the profile when it records a step this
 * catalogue does not have (a section removed since, or a damaged value); the step is then written
 * back, so what is stored says where the user is.
 */
function resume(steps: readonly WizardStep[], assessment: Assessment) {
  const index = Math.max(0, stepIndexOf(steps, assessment.step));
  return { stepIndex: index, assessment: atStep(assessment, steps, index) };
}

/** The assessment recording that the user is on step `index` (unchanged when it already does). */
function atStep(assessment: Assessment, steps: readonly WizardStep[], index: number): Assessment {
  const step = steps[index];
  const id = step ? stepId(step) : 'profile';
  return assessment.step === id ? assessment : { ...assessment, step: id };
}

/** The assessment after an edit: `updatedAt` says when its content last changed. */
function edited(
  context: WizardContext,
  change: Partial<Assessment>,
  now: Date = context.now(),
): Assessment {
  return { ...context.assessment, ...change, updatedAt: now.toISOString() };
}

/** The assessment with the approver's sign-off set, or without the key when it was emptied. */
function withApproval(
  context: WizardContext,
  approval: SignOff | undefined,
  now: Date,
): Assessment {
  const assessment = edited(context, approval ? { approval } : {}, now);
  if (!approval) delete assessment.approval;
  return assessment;
}

export const wizardMachine = setup({
  types: {} as {
    context: WizardContext;
    events: WizardEvent;
    input: WizardInput;
  },
  guards: {
    /** True when moving `by` steps from the current one stays within the steps. */
    canMove: ({ context }, params: { by: number }) => {
      const index = context.stepIndex + params.by;
      return index >= 0 && index < context.steps.length;
    },
    isStep: ({ context }, params: { step: string }) => stepIndexOf(context.steps, params.step) >= 0,
  },
  actions: {
    moveBy: assign(({ context }, params: { by: number }) => {
      const stepIndex = context.stepIndex + params.by;
      return { stepIndex, assessment: atStep(context.assessment, context.steps, stepIndex) };
    }),
    goTo: assign(({ context }, params: { step: string }) => {
      const stepIndex = stepIndexOf(context.steps, params.step);
      return { stepIndex, assessment: atStep(context.assessment, context.steps, stepIndex) };
    }),
    loadAssessment: assign(({ context, event }) => {
      assertEvent(event, 'assessment.load');
      return resume(context.steps, event.assessment);
    }),
    changeProfile: assign(({ context, event }) => {
      assertEvent(event, 'profile.change');
      return {
        assessment: edited(context, { profile: { ...context.assessment.profile, ...event.patch } }),
      };
    }),
    // Entering or changing the sign-off records it as given now, for the content as it is now.
    changeSignOff: assign(({ context, event }) => {
      assertEvent(event, 'signoff.change');
      const now = context.now();
      const merged = { ...context.assessment.signOff, ...event.patch };
      const signOff = recordSignOff(context.assessment, merged, now);
      return { assessment: edited(context, { signOff }, now) };
    }),
    confirmSignOff: assign(({ context }) => {
      const now = context.now();
      const signOff = recordSignOff(context.assessment, context.assessment.signOff, now);
      return { assessment: edited(context, { signOff }, now) };
    }),
    changeApproval: assign(({ context, event }) => {
      assertEvent(event, 'approval.change');
      const now = context.now();
      const merged = {
        name: '',
        role: '',
        date: '',
        ...context.assessment.approval,
        ...event.patch,
      };
      return {
        assessment: withApproval(context, recordApproval(context.assessment, merged, now), now),
      };
    }),
    confirmApproval: assign(({ context }) => {
      const now = context.now();
      const current = context.assessment.approval;
      if (!current) return {};
      return {
        assessment: withApproval(context, recordApproval(context.assessment, current, now), now),
      };
    }),
    changeAnswer: assign(({ context, event }) => {
      assertEvent(event, 'answer.change');
      const answers = { ...context.assessment.answers, [event.controlId]: event.answer };
      return { assessment: edited(context, { answers }) };
    }),
    clearAnswer: assign(({ context, event }) => {
      assertEvent(event, 'answer.clear');
      const answers = { ...context.assessment.answers };
      delete answers[event.controlId];
      return { assessment: edited(context, { answers }) };
    }),
    changeLookupSettings: assign(({ context, event }) => {
      assertEvent(event, 'blocklists.settings.change');
      const lookup = context.assessment.lookup;
      return {
        assessment: edited(context, {
          lookup: { ...lookup, settings: { ...lookup.settings, ...event.patch } },
        }),
      };
    }),
    addScan: assign(({ context, event }) => {
      assertEvent(event, 'scans.add');
      return { assessment: edited(context, { scans: [...context.assessment.scans, event.scan] }) };
    }),
    removeScan: assign(({ context, event }) => {
      assertEvent(event, 'scans.remove');
      const scans = context.assessment.scans.filter((s) => s.id !== event.id);
      return { assessment: edited(context, { scans }) };
    }),
    changeScanVantage: assign(({ context, event }) => {
      assertEvent(event, 'scans.vantage');
      const scans = context.assessment.scans.map((s) =>
        s.id === event.id ? { ...s, vantage: event.vantage } : s,
      );
      return { assessment: edited(context, { scans }) };
    }),
    storeRun: assign(({ context, event }) => {
      assertEvent(event, 'blocklists.run.store');
      const lookup = { ...context.assessment.lookup, lastRun: event.run };
      return { assessment: edited(context, { lookup }) };
    }),
  },
}).createMachine({
  id: 'wizard',
  context: ({ input }) => {
    const steps = wizardSteps(input.catalogue);
    return {
      catalogue: input.catalogue,
      steps,
      ...resume(steps, input.assessment),
      now: input.now ?? (() => new Date()),
    };
  },
  on: {
    'wizard.next': {
      guard: { type: 'canMove', params: { by: 1 } },
      actions: { type: 'moveBy', params: { by: 1 } },
    },
    'wizard.back': {
      guard: { type: 'canMove', params: { by: -1 } },
      actions: { type: 'moveBy', params: { by: -1 } },
    },
    'wizard.goto': {
      guard: { type: 'isStep', params: ({ event }) => ({ step: event.step }) },
      actions: { type: 'goTo', params: ({ event }) => ({ step: event.step }) },
    },
    'assessment.load': { actions: 'loadAssessment' },
    'profile.change': { actions: 'changeProfile' },
    'signoff.change': { actions: 'changeSignOff' },
    'signoff.confirm': { actions: 'confirmSignOff' },
    'approval.change': { actions: 'changeApproval' },
    'approval.confirm': { actions: 'confirmApproval' },
    'answer.change': { actions: 'changeAnswer' },
    'answer.clear': { actions: 'clearAnswer' },
    'blocklists.settings.change': { actions: 'changeLookupSettings' },
    'blocklists.run.store': { actions: 'storeRun' },
    'scans.add': { actions: 'addScan' },
    'scans.remove': { actions: 'removeScan' },
    'scans.vantage': { actions: 'changeScanVantage' },
  },
});

/** The step the wizard is on. */
export function currentStep(context: WizardContext): WizardStep {
  return context.steps[context.stepIndex] ?? { kind: 'profile' };
}
