import { ANSWER_LABELS, type Assessment } from '../model/assessment';
import type { Catalogue, Level } from '../model/catalogue';
import { pairKey } from '../model/blocklist-run';
import { computeResults, type AssessmentResults, type ControlState } from '../checklist/results';
import { isOverdue, reportFindings, type ReportFinding } from './findings';

/**
 * This year against last year: what changed between a previous assessment and the open one.
 * Pure: both assessments are read against the checklist shipped now, control by control where
 * the ids match. Answers to controls this checklist no longer has, and controls it has that the
 * previous assessment (made against another checklist version) never answered, are listed apart
 * rather than counted as changes. The words are in ./comparison-wording.ts.
 */

/** An answer as compared: the status alone (a changed note or owner is not a changed answer). */
export type ComparedAnswer = string;

export interface ChangedAnswer {
  controlId: string;
  title: string;
  section: string;
  level: Level;
  then: ComparedAnswer;
  now: ComparedAnswer;
}

export interface ComparedFinding {
  key: string;
  title: string;
  level: Level;
  section: string;
}

export interface OverdueAction extends ComparedFinding {
  owner: string;
  /** YYYY-MM-DD. */
  targetDate: string;
  /** Also a finding in the previous assessment: carried over, not new. */
  carried: boolean;
}

export interface SectionChange {
  id: string;
  title: string;
  /** 0–100, or null when nothing in the section applied. */
  then: number | null;
  now: number | null;
}

export interface Comparison {
  previous: {
    organisation: string;
    assessmentDate: string;
    catalogueVersion: string;
    updatedAt: string;
  };
  current: { catalogueVersion: string };
  /** The two checklist versions differ: some controls are compared, the rest listed. */
  versionsDiffer: boolean;
  changed: ChangedAnswer[];
  /** Findings then that are no longer findings now. */
  closed: ComparedFinding[];
  /** Findings now that were not findings then. */
  opened: ComparedFinding[];
  /** Findings open now whose target date has passed (as of `today`). */
  overdue: OverdueAction[];
  sections: SectionChange[];
  scores: {
    guidance: { then: number | null; now: number | null };
    all: { then: number | null; now: number | null };
  };
  /** Controls answered in the previous assessment that this checklist does not have (by id). */
  onlyThen: { controlId: string; then: ComparedAnswer }[];
  /**
   * Controls of this checklist the previous assessment (of another checklist version) has no
   * answer for: most likely added since; not counted as changed.
   */
  onlyNow: { controlId: string; title: string; section: string }[];
}

/** The answer as compared: "Implemented", "Unanswered", "Not applicable (by profile)"… */
export function comparedAnswer(state: ControlState): ComparedAnswer {
  switch (state.kind) {
    case 'answered':
      return ANSWER_LABELS[state.status];
    case 'not-applicable-by-profile':
      return 'Not applicable (by profile)';
    default:
      return 'Unanswered';
  }
}

/** What makes a finding the same one a year later: its control, its listing, or what a scan found where. */
export function findingKey(finding: ReportFinding): string {
  switch (finding.kind) {
    case 'control':
      return `control:${finding.control.id}`;
    case 'listing':
      return `listing:${pairKey(finding.listing.address, finding.listing.list.id)}`;
    case 'scan': {
      const { kind, host, port, protocol } = finding.scan;
      return `scan:${kind}:${host}:${port}/${protocol}`;
    }
  }
}

function compared(finding: ReportFinding): ComparedFinding {
  return {
    key: findingKey(finding),
    title: finding.title,
    level: finding.level,
    section: finding.section.title,
  };
}

export function compareAssessments(options: {
  catalogue: Catalogue;
  current: Assessment;
  previous: Assessment;
  /** Today where the user is (YYYY-MM-DD): decides what is overdue. */
  today: string;
  /** The open assessment's results, when already worked out. */
  currentResults?: AssessmentResults;
}): Comparison {
  const { catalogue, current, previous, today } = options;
  const nowResults = options.currentResults ?? computeResults(catalogue, current);
  const thenResults = computeResults(catalogue, previous);
  const versionsDiffer = previous.catalogueVersion !== current.catalogueVersion;

  const thenById = new Map(thenResults.controls.map((r) => [r.control.id, r]));
  const changed: ChangedAnswer[] = [];
  const onlyNow: Comparison['onlyNow'] = [];
  for (const result of nowResults.controls) {
    const id = result.control.id;
    const before = thenById.get(id);
    if (!before) continue;
    // A control the previous assessment never answered, made against another checklist version:
    // most likely added since, so it is listed, not called a change.
    if (versionsDiffer && !(id in previous.answers)) {
      onlyNow.push({ controlId: id, title: result.control.title, section: result.section.title });
      continue;
    }
    const then = comparedAnswer(before.state);
    const now = comparedAnswer(result.state);
    if (then !== now) {
      changed.push({
        controlId: id,
        title: result.control.title,
        section: result.section.title,
        level: result.control.level,
        then,
        now,
      });
    }
  }
  const known = new Set(nowResults.controls.map((r) => r.control.id));
  const onlyThen = Object.entries(previous.answers)
    .filter(([id]) => !known.has(id))
    .map(([controlId, answer]) => ({ controlId, then: ANSWER_LABELS[answer.status] }))
    .sort((a, b) => a.controlId.localeCompare(b.controlId));

  const skipped = new Set(onlyNow.map((c) => `control:${c.controlId}`));
  const thenFindings = reportFindings(catalogue, previous, thenResults);
  const nowFindings = reportFindings(catalogue, current, nowResults);
  const thenKeys = new Set(thenFindings.map(findingKey));
  const nowKeys = new Set(nowFindings.map(findingKey));
  const closed = thenFindings.filter((f) => !nowKeys.has(findingKey(f))).map(compared);
  const opened = nowFindings
    .filter((f) => !thenKeys.has(findingKey(f)) && !skipped.has(findingKey(f)))
    .map(compared);
  const overdue: OverdueAction[] = nowFindings
    .filter((f) => isOverdue(f, today))
    .flatMap((f) =>
      f.kind === 'control'
        ? [
            {
              ...compared(f),
              owner: f.answer.owner.trim(),
              targetDate: f.answer.targetDate,
              carried: thenKeys.has(findingKey(f)),
            },
          ]
        : [],
    );

  const thenSections = new Map(thenResults.sections.map((s) => [s.section.id, s.score]));
  return {
    previous: {
      organisation: previous.profile.organisation.trim(),
      assessmentDate: previous.profile.assessmentDate,
      catalogueVersion: previous.catalogueVersion,
      updatedAt: previous.updatedAt,
    },
    current: { catalogueVersion: current.catalogueVersion },
    versionsDiffer,
    changed,
    closed,
    opened,
    overdue,
    sections: nowResults.sections.map((s) => ({
      id: s.section.id,
      title: s.section.title,
      then: thenSections.get(s.section.id) ?? null,
      now: s.score,
    })),
    scores: {
      guidance: { then: thenResults.guidanceOverall.score, now: nowResults.guidanceOverall.score },
      all: { then: thenResults.overall.score, now: nowResults.overall.score },
    },
    onlyThen,
    onlyNow,
  };
}
