import { ANSWER_LABELS, type AnswerStatus } from '../model/assessment';
import type { Control, Section } from '../model/catalogue';
import { formatDateTime } from '../shared/dates';
import type { BlocklistRun } from '../model/blocklist-run';
import { formatNumber, plural } from '../shared/format';
import { judgeEachPair, runCoverage } from '../blocklists/domain/coverage';
import type { ControlResult } from './control-state';
import type { ScanFinding } from '../scans/domain/findings';
import { scanFindingsClause } from '../scans/domain/conflict-wording';

/**
 * Where an answer and the recorded block-list evidence disagree. The answer is the assessor's and
 * is never changed here, nor is the score: the disagreement is stated beside it, so that a reader
 * of the results or the report sees both and whoever signs off has to resolve it.
 *
 * Two strengths:
 * - `listed`: the control that block-list evidence answers ("none of our addresses is on a block
 *   list") is answered Implemented or Not applicable, while the latest run found addresses listed
 *   on lists that passed their test points. A "listed" from a list that failed them proves nothing
 *   (such lists may answer "listed" for everything), so it never makes a conflict.
 * - `gaps`: answered Implemented, no trusted listing, but the run left address/list pairs without
 *   a verdict (or ranges unchecked for being over the limit): the evidence does not cover
 *   everything the answer claims. A weaker note, not a contradiction.
 * "Not implemented", "Partially implemented" and "Don't know" agree with any listing: no conflict.
 *
 * And from the imported network scans (src/lib/scans/domain/findings.ts):
 * - `scan`: a control the catalogue says a scan can test (its `scanFindings`) is answered
 *   Implemented or Not applicable, while a scan found what the control forbids (an open relay, an
 *   open proxy, a mail daemon on an undeclared host, a mail port reachable from outside, mail
 *   software out of support). A test that did not run or was inconclusive finds nothing, so it
 *   never makes a conflict; the scan section of the report lists what was not tested.
 */

export interface ListedConflict {
  kind: 'listed';
  status: Extract<AnswerStatus, 'implemented' | 'not-applicable'>;
  /** Each address listed on at least one trusted list, once, in the run's order. */
  addresses: string[];
  /** The trusted lists that list at least one address, in the run's order. */
  lists: { id: string; name: string }[];
  /** Address/list pairs listed (an address on two lists counts twice). */
  listings: number;
  runStartedAt: string;
}

export interface GapsConflict {
  kind: 'gaps';
  status: Extract<AnswerStatus, 'implemented'>;
  /** Address/list pairs that could be asked, and how many of them gave no trusted verdict. */
  pairs: number;
  noVerdict: number;
  /** Ranges the user listed that were never asked about because they exceed the run's limit. */
  overLimit: number;
  runStartedAt: string;
}

export interface ScanConflict {
  kind: 'scan';
  status: Extract<AnswerStatus, 'implemented' | 'not-applicable'>;
  /** What the scans found against this control, in the findings' order. */
  findings: ScanFinding[];
}

export type AnswerConflict = ListedConflict | GapsConflict | ScanConflict;

/** The kinds in the order the results and the report list them: contradictions first. */
export const CONFLICT_KINDS = [
  'listed',
  'scan',
  'gaps',
] as const satisfies readonly AnswerConflict['kind'][];

/** A conflict with the control it concerns, as the results and the report list them. */
export type EvidenceConflict = AnswerConflict & { section: Section; control: Control };

/**
 * The conflict, if any, between an answer to the block-list control and the stored run. Takes the
 * bare status so the question card can warn as soon as an answer is chosen.
 */
export function answerConflict(
  status: AnswerStatus | undefined,
  run: BlocklistRun | undefined,
): AnswerConflict | undefined {
  if (!run || (status !== 'implemented' && status !== 'not-applicable')) return undefined;
  const addresses = new Set<string>();
  const lists = new Map<string, { id: string; name: string }>();
  let listings = 0;
  judgeEachPair(run, (judged, list, address) => {
    // A pair is judged "listed" only when its list passed its test points for this address.
    if (judged.status !== 'listed') return;
    listings += 1;
    addresses.add(address);
    lists.set(list.id, { id: list.id, name: list.name });
  });
  if (listings > 0) {
    return {
      kind: 'listed',
      status,
      // In the run's order, whichever list found them first.
      addresses: run.addresses.filter((a) => addresses.has(a)),
      lists: [...lists.values()],
      listings,
      runStartedAt: run.startedAt,
    };
  }
  // "Not applicable" is not a claim about coverage, so only "Implemented" gets the weaker note.
  if (status !== 'implemented') return undefined;
  const coverage = runCoverage(run).total;
  const overLimit = (run.notChecked ?? []).filter((n) => n.why === 'over-limit').length;
  if (coverage.complete && coverage.pairs > 0 && overLimit === 0) return undefined;
  return {
    kind: 'gaps',
    status,
    pairs: coverage.pairs,
    noVerdict: coverage.noVerdict,
    overLimit,
    runStartedAt: run.startedAt,
  };
}

/**
 * The conflict, if any, between an answer to a control a scan can test and what the scans found.
 * Takes the bare status so the question card can warn as soon as an answer is chosen.
 */
export function scanConflict(
  status: AnswerStatus | undefined,
  control: Pick<Control, 'scanFindings'>,
  findings: readonly ScanFinding[],
): ScanConflict | undefined {
  if (status !== 'implemented' && status !== 'not-applicable') return undefined;
  const against = findings.filter((f) => control.scanFindings.includes(f.kind));
  return against.length > 0 ? { kind: 'scan', status, findings: against } : undefined;
}

/**
 * Every conflict between the answers and the stored evidence (the block-list run, the scans'
 * findings), in catalogue order. Only controls that take that evidence, and only answers that
 * count: a control the profile rules out, or a "not applicable" still missing its reason, is not
 * an answer to contradict.
 */
export function evidenceConflicts(
  controls: readonly ControlResult[],
  run: BlocklistRun | undefined,
  findings: readonly ScanFinding[] = [],
): EvidenceConflict[] {
  if (!run && findings.length === 0) return [];
  return controls.flatMap(({ section, control, state }) => {
    if (state.kind !== 'answered') return [];
    const conflicts: AnswerConflict[] = [];
    if (run && control.evidenceFromLookup) {
      const conflict = answerConflict(state.status, run);
      if (conflict) conflicts.push(conflict);
    }
    if (control.scanFindings.length > 0) {
      const conflict = scanConflict(state.status, control, findings);
      if (conflict) conflicts.push(conflict);
    }
    return conflicts.map((conflict) => ({ ...conflict, section, control }));
  });
}

/** What the run found, as a clause: "the block-list check of 28 November 2026 at 10:00 GMT found …". */
export function conflictEvidence(conflict: AnswerConflict): string {
  if (conflict.kind === 'scan') return scanFindingsClause(conflict.findings);
  const check = `the block-list check of ${formatDateTime(conflict.runStartedAt)}`;
  if (conflict.kind === 'listed') {
    return (
      `${check} found ${plural(conflict.addresses.length, 'address', 'addresses')} listed on ` +
      `${plural(conflict.lists.length, 'list', 'lists')} (${conflict.lists.map((l) => l.name).join(', ')})`
    );
  }
  const parts: string[] = [];
  if (conflict.pairs === 0) parts.push(`${check} could not check any address on any list`);
  else if (conflict.noVerdict > 0) {
    parts.push(
      `${check} gave no verdict for ${formatNumber(conflict.noVerdict)} of ` +
        `${plural(conflict.pairs, 'address/list pair', 'address/list pairs')}`,
    );
  }
  if (conflict.overLimit > 0) {
    const ranges = `${plural(conflict.overLimit, 'range', 'ranges')} over the per-run limit`;
    parts.push(parts.length > 0 ? `${ranges} went unchecked` : `${check} left ${ranges} unchecked`);
  }
  return parts.join(', and ');
}

/** What to do about it, in words an administrator can act on. */
export const CONFLICT_ADVICE: Record<AnswerConflict['kind'], string> = {
  listed:
    'Change the answer to Partially implemented or Not implemented, or get the addresses delisted and run the block-list check again.',
  gaps: 'Run the block-list check again, or record in the evidence notes how you know the rest is not listed.',
  scan: 'Change the answer to Partially implemented or Not implemented, or fix what the scan found (each finding is in the remediation plan) and import a new scan that shows it fixed.',
};

/** Capitalises the first letter of a clause that starts a sentence. */
function sentence(text: string): string {
  return text.charAt(0).toUpperCase() + text.slice(1);
}

/** The conflict after the control's name: "is answered Implemented, but the block-list check …". */
export function conflictDetail(conflict: EvidenceConflict): string {
  const answered = `is answered ${ANSWER_LABELS[conflict.status]}`;
  return conflict.kind !== 'gaps'
    ? `${answered}, but ${conflictEvidence(conflict)}.`
    : `${answered}; ${conflictEvidence(conflict)}, so the evidence does not cover everything.`;
}

/** The conflict in one sentence naming the control, for the report. */
export function conflictSentence(conflict: EvidenceConflict): string {
  return `“${conflict.control.title}” ${conflictDetail(conflict)}`;
}

/** How the results and the report head each kind of conflict. */
export const CONFLICT_HEADINGS: Record<AnswerConflict['kind'], string> = {
  listed: 'Answers contradict the evidence',
  gaps: 'The evidence does not cover everything',
  scan: 'Answers contradict the network scans',
};

/**
 * What the results and the report say under the conflicts: the score and verdict are the
 * answers' own (the app never overrides an answer), and what to do.
 */
export const CONFLICT_NOTES: Record<AnswerConflict['kind'], string> = {
  listed: `The score and the verdict count these answers as given. ${CONFLICT_ADVICE.listed}`,
  gaps: `The score and the verdict count these answers as given. ${CONFLICT_ADVICE.gaps}`,
  scan: `The score and the verdict count these answers as given. ${CONFLICT_ADVICE.scan}`,
};

/** The conflict as the question card says it, where the control is already named. */
export function cardConflictText(conflict: AnswerConflict): string {
  return conflict.kind !== 'gaps'
    ? `You answered ${ANSWER_LABELS[conflict.status]}, but ${conflictEvidence(conflict)}.`
    : `${sentence(conflictEvidence(conflict))}, so it does not confirm this answer for those.`;
}
