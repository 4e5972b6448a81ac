import type { Catalogue, Section } from '../model/catalogue';

/**
 * The wizard's steps: the profile, one per checklist section, the optional block-list check, the
 * optional network-scan import, the review and the results. `wizardSteps` is the one place their order is written: "next",
 * "back", the step list and resuming all follow it.
 */

export type FixedStepKind = 'profile' | 'blocklists' | 'scans' | 'review' | 'results';

export type WizardStep =
  | { kind: FixedStepKind }
  | { kind: 'section'; section: Section; /** 0-based, in catalogue order. */ index: number };

export const FIXED_STEP_LABELS: Record<FixedStepKind, string> = {
  profile: 'Organisation profile',
  blocklists: 'Block-list check (optional)',
  scans: 'Network scans (optional)',
  review: 'Review',
  results: 'Results and report',
};

/** Every step of a catalogue, in order. */
export function wizardSteps(catalogue: Catalogue): WizardStep[] {
  return [
    { kind: 'profile' },
    ...catalogue.sections.map((section, index) => ({ kind: 'section' as const, section, index })),
    { kind: 'blocklists' },
    { kind: 'scans' },
    { kind: 'review' },
    { kind: 'results' },
  ];
}

/** The id a step is stored and addressed by: the section's id, or the fixed step's kind. */
export function stepId(step: WizardStep): string {
  return step.kind === 'section' ? step.section.id : step.kind;
}

/** The step as the step list names it: "2. Mail services inventory", "Review". */
export function stepLabel(step: WizardStep): string {
  return step.kind === 'section'
    ? `${step.index + 1}. ${step.section.title}`
    : FIXED_STEP_LABELS[step.kind];
}

/** Where a step id is in the order, or -1 for an id this catalogue does not have. */
export function stepIndexOf(steps: readonly WizardStep[], id: string): number {
  return steps.findIndex((step) => stepId(step) === id);
}
