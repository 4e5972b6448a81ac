import { assign, setup } from 'xstate';
import type {
  Answer,
  Assessment,
  LookupConsent,
  LookupSettings,
  Profile,
  SignOff,
} from '../model/assessment';
import type { LookupRun } from '../model/blocklist-run';
import { recordSignOff } from '../assessment/sign-off';
import type { Catalogue } from '../model/catalogue';

/**
 * The wizard flow: profile, one step per catalogue section, review, results.
 * The machine owns the assessment while it is open; persistence observes it from outside
 * (see src/lib/session/session.svelte.ts), so the flow itself stays free of I/O.
 */

export const PROFILE_STEP = 'profile';
export const BLOCKLISTS_STEP = 'blocklists';
export const REVIEW_STEP = 'review';
export const RESULTS_STEP = 'results';

export interface WizardContext {
  catalogue: Catalogue;
  assessment: Assessment;
  /** Index into catalogue.sections while in the `section` state. */
  sectionIndex: number;
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
  | { type: 'answer.change'; controlId: string; answer: Answer }
  | { type: 'answer.clear'; controlId: string }
  | { type: 'assessment.load'; assessment: Assessment }
  | { type: 'lookup.settings.change'; patch: Partial<LookupSettings> }
  | { type: 'lookup.consent.record'; consent: LookupConsent }
  | { type: 'lookup.consent.withdraw' }
  | { type: 'lookup.run.store'; run: LookupRun };

/** The ordered step ids of a catalogue: what "next", "back" and the step list follow. */
export function stepIds(catalogue: Catalogue): string[] {
  return [
    PROFILE_STEP,
    ...catalogue.sections.map((s) => s.id),
    BLOCKLISTS_STEP,
    REVIEW_STEP,
    RESULTS_STEP,
  ];
}

function sectionIndexOf(catalogue: Catalogue, step: string): number {
  return catalogue.sections.findIndex((s) => s.id === step);
}

function touch(
  context: WizardContext,
  change: Partial<Assessment>,
  now: Date = context.now(),
): Assessment {
  return { ...context.assessment, ...change, updatedAt: now.toISOString() };
}

export const wizardMachine = setup({
  types: {} as {
    context: WizardContext;
    events: WizardEvent;
    input: WizardInput;
  },
  guards: {
    resumeAtProfile: ({ context }) => context.assessment.step === PROFILE_STEP,
    resumeAtSection: ({ context }) =>
      sectionIndexOf(context.catalogue, context.assessment.step) >= 0,
    resumeAtBlocklists: ({ context }) => context.assessment.step === BLOCKLISTS_STEP,
    resumeAtReview: ({ context }) => context.assessment.step === REVIEW_STEP,
    resumeAtResults: ({ context }) => context.assessment.step === RESULTS_STEP,
    targetIsProfile: ({ event }) => event.type === 'wizard.goto' && event.step === PROFILE_STEP,
    targetIsSection: ({ context, event }) =>
      event.type === 'wizard.goto' && sectionIndexOf(context.catalogue, event.step) >= 0,
    targetIsBlocklists: ({ event }) =>
      event.type === 'wizard.goto' && event.step === BLOCKLISTS_STEP,
    targetIsReview: ({ event }) => event.type === 'wizard.goto' && event.step === REVIEW_STEP,
    targetIsResults: ({ event }) => event.type === 'wizard.goto' && event.step === RESULTS_STEP,
    hasNextSection: ({ context }) => context.sectionIndex < context.catalogue.sections.length - 1,
    hasPreviousSection: ({ context }) => context.sectionIndex > 0,
  },
  actions: {
    recordStep: assign(({ context }, params: { step: string }) =>
      context.assessment.step === params.step
        ? {}
        : { assessment: { ...context.assessment, step: params.step } },
    ),
    recordSectionStep: assign(({ context }) => {
      const step = context.catalogue.sections[context.sectionIndex]?.id ?? PROFILE_STEP;
      return context.assessment.step === step
        ? {}
        : { assessment: { ...context.assessment, step } };
    }),
    enterFirstSection: assign({ sectionIndex: 0 }),
    enterLastSection: assign(({ context }) => ({
      sectionIndex: context.catalogue.sections.length - 1,
    })),
    enterNextSection: assign(({ context }) => ({ sectionIndex: context.sectionIndex + 1 })),
    enterPreviousSection: assign(({ context }) => ({ sectionIndex: context.sectionIndex - 1 })),
    enterResumedSection: assign(({ context }) => ({
      sectionIndex: sectionIndexOf(context.catalogue, context.assessment.step),
    })),
    enterTargetSection: assign(({ context, event }) => ({
      sectionIndex:
        event.type === 'wizard.goto' ? sectionIndexOf(context.catalogue, event.step) : 0,
    })),
    changeProfile: assign(({ context, event }) => {
      if (event.type !== 'profile.change') return {};
      return {
        assessment: touch(context, { profile: { ...context.assessment.profile, ...event.patch } }),
      };
    }),
    // Entering or changing the sign-off records it as given now, for the content as it is now.
    changeSignOff: assign(({ context, event }) => {
      if (event.type !== 'signoff.change') return {};
      const now = context.now();
      const merged = { ...context.assessment.signOff, ...event.patch };
      const signOff = recordSignOff(context.assessment, merged, now);
      return { assessment: touch(context, { signOff }, now) };
    }),
    confirmSignOff: assign(({ context }) => {
      const now = context.now();
      const signOff = recordSignOff(context.assessment, context.assessment.signOff, now);
      return { assessment: touch(context, { signOff }, now) };
    }),
    changeAnswer: assign(({ context, event }) => {
      if (event.type !== 'answer.change') return {};
      const answers = { ...context.assessment.answers, [event.controlId]: event.answer };
      return { assessment: touch(context, { answers }) };
    }),
    clearAnswer: assign(({ context, event }) => {
      if (event.type !== 'answer.clear') return {};
      const answers = { ...context.assessment.answers };
      delete answers[event.controlId];
      return { assessment: touch(context, { answers }) };
    }),
    changeLookupSettings: assign(({ context, event }) => {
      if (event.type !== 'lookup.settings.change') return {};
      const lookup = context.assessment.lookup;
      return {
        assessment: touch(context, {
          lookup: { ...lookup, settings: { ...lookup.settings, ...event.patch } },
        }),
      };
    }),
    recordConsent: assign(({ context, event }) => {
      if (event.type !== 'lookup.consent.record') return {};
      const lookup = { ...context.assessment.lookup, consent: event.consent };
      return { assessment: touch(context, { lookup }) };
    }),
    withdrawConsent: assign(({ context }) => {
      const lookup = { ...context.assessment.lookup };
      delete lookup.consent;
      return { assessment: touch(context, { lookup }) };
    }),
    storeRun: assign(({ context, event }) => {
      if (event.type !== 'lookup.run.store') return {};
      const lookup = { ...context.assessment.lookup, lastRun: event.run };
      return { assessment: touch(context, { lookup }) };
    }),
    loadAssessment: assign(({ event }) => {
      if (event.type !== 'assessment.load') return {};
      return { assessment: event.assessment, sectionIndex: 0 };
    }),
  },
}).createMachine({
  id: 'wizard',
  context: ({ input }) => ({
    catalogue: input.catalogue,
    assessment: input.assessment,
    sectionIndex: 0,
    now: input.now ?? (() => new Date()),
  }),
  initial: 'resuming',
  on: {
    'profile.change': { actions: 'changeProfile' },
    'signoff.change': { actions: 'changeSignOff' },
    'signoff.confirm': { actions: 'confirmSignOff' },
    'answer.change': { actions: 'changeAnswer' },
    'answer.clear': { actions: 'clearAnswer' },
    'assessment.load': { target: '.resuming', actions: 'loadAssessment' },
    'lookup.settings.change': { actions: 'changeLookupSettings' },
    'lookup.consent.record': { actions: 'recordConsent' },
    'lookup.consent.withdraw': { actions: 'withdrawConsent' },
    'lookup.run.store': { actions: 'storeRun' },
    'wizard.goto': [
      { guard: 'targetIsProfile', target: '.profile' },
      {
        guard: 'targetIsSection',
        target: '.section',
        actions: 'enterTargetSection',
        reenter: true,
      },
      { guard: 'targetIsBlocklists', target: '.blocklists' },
      { guard: 'targetIsReview', target: '.review' },
      { guard: 'targetIsResults', target: '.results' },
    ],
  },
  states: {
    /** Picks up where the stored assessment says the user was; unknown steps fall back to the profile. */
    resuming: {
      always: [
        { guard: 'resumeAtSection', target: 'section', actions: 'enterResumedSection' },
        { guard: 'resumeAtBlocklists', target: 'blocklists' },
        { guard: 'resumeAtReview', target: 'review' },
        { guard: 'resumeAtResults', target: 'results' },
        { target: 'profile' },
      ],
    },
    profile: {
      entry: { type: 'recordStep', params: { step: PROFILE_STEP } },
      on: { 'wizard.next': { target: 'section', actions: 'enterFirstSection' } },
    },
    section: {
      entry: 'recordSectionStep',
      on: {
        'wizard.next': [
          {
            guard: 'hasNextSection',
            target: 'section',
            actions: 'enterNextSection',
            reenter: true,
          },
          { target: 'blocklists' },
        ],
        'wizard.back': [
          {
            guard: 'hasPreviousSection',
            target: 'section',
            actions: 'enterPreviousSection',
            reenter: true,
          },
          { target: 'profile' },
        ],
      },
    },
    /** The optional block-list check: its run is evidence for the checklist. */
    blocklists: {
      entry: { type: 'recordStep', params: { step: BLOCKLISTS_STEP } },
      on: {
        'wizard.next': { target: 'review' },
        'wizard.back': { target: 'section', actions: 'enterLastSection' },
      },
    },
    review: {
      entry: { type: 'recordStep', params: { step: REVIEW_STEP } },
      on: {
        'wizard.next': { target: 'results' },
        'wizard.back': { target: 'blocklists' },
      },
    },
    results: {
      entry: { type: 'recordStep', params: { step: RESULTS_STEP } },
      on: { 'wizard.back': { target: 'review' } },
    },
  },
});

/** The step id the snapshot is on, for navigation and highlighting. */
export function currentStep(context: WizardContext, state: string): string {
  if (state === 'section')
    return context.catalogue.sections[context.sectionIndex]?.id ?? PROFILE_STEP;
  return state;
}
