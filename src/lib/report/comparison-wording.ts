import { formatCalendarDate, formatDateTime } from '../shared/dates';
import { plural } from '../shared/format';
import { UNTITLED } from '../assessment/label';
import type { Comparison } from './comparison';
import { NOT_ASSIGNED, scoreText } from './wording';

/**
 * "Since the last assessment" in words, once for the screen, the PDF and the Word copy: each
 * lays out these strings and adds none of its own beyond headings and column names.
 */

export const SINCE_HEADING = 'Since the last assessment';

export interface ComparisonReport {
  /** Which assessment this one is compared with. */
  intro: string;
  /** Said when the two were made against different checklist versions. */
  versionNote: string | undefined;
  /** One sentence for the board summary. */
  trend: string;
  scores: { title: string; then: string; now: string; change: string }[];
  changed: { title: string; section: string; then: string; now: string }[];
  closed: { title: string; detail: string }[];
  opened: { title: string; detail: string }[];
  overdue: { title: string; detail: string }[];
  onlyThen: { title: string; detail: string }[];
  onlyNow: { title: string; detail: string }[];
  /** Said under a heading whose list is empty. */
  none: {
    changed: string;
    closed: string;
    opened: string;
    overdue: string;
  };
}

function change(then: number | null, now: number | null): string {
  if (then === null || now === null) return '';
  const delta = now - then;
  if (delta === 0) return 'No change';
  return delta > 0 ? `Up ${delta} points` : `Down ${-delta} points`;
}

/** "the assessment of Coleg Gŵyr dated 20 November 2025 (checklist 2026.1)". */
function previousName(comparison: Comparison): string {
  const p = comparison.previous;
  const date = p.assessmentDate
    ? `dated ${formatCalendarDate(p.assessmentDate)}`
    : `last changed ${formatDateTime(p.updatedAt)}`;
  return `the assessment of ${p.organisation || UNTITLED} ${date} (checklist ${p.catalogueVersion})`;
}

export function comparisonReport(comparison: Comparison): ComparisonReport {
  const { scores } = comparison;
  const guidance = `${scoreText(scores.guidance.then)} then, ${scoreText(scores.guidance.now)} now`;
  return {
    intro: `Compared with ${previousName(comparison)}. Answers are compared control by control, by the status given (a changed note or owner is not a changed answer).`,
    versionNote: comparison.versionsDiffer
      ? `That assessment was made against checklist ${comparison.previous.catalogueVersion}, this one against ${comparison.current.catalogueVersion}: controls are compared where their ids match; the others are listed below and not counted as changes.`
      : undefined,
    trend:
      `Since ${previousName(comparison)}: score against the guidance ${guidance}; ` +
      `${plural(comparison.closed.length, 'finding', 'findings')} closed, ${plural(comparison.opened.length, 'finding', 'findings')} opened, ` +
      `${plural(comparison.overdue.length, 'action', 'actions')} now overdue.`,
    scores: [
      ...comparison.sections.map((s) => ({
        title: s.title,
        then: scoreText(s.then),
        now: scoreText(s.now),
        change: change(s.then, s.now),
      })),
      {
        title: 'Against the guidance',
        then: scoreText(scores.guidance.then),
        now: scoreText(scores.guidance.now),
        change: change(scores.guidance.then, scores.guidance.now),
      },
      {
        title: 'With good practice beyond it',
        then: scoreText(scores.all.then),
        now: scoreText(scores.all.now),
        change: change(scores.all.then, scores.all.now),
      },
    ],
    changed: comparison.changed.map((c) => ({
      title: c.title,
      section: c.section,
      then: c.then,
      now: c.now,
    })),
    closed: comparison.closed.map((f) => ({
      title: f.title,
      detail: `${f.level} · ${f.section}`,
    })),
    opened: comparison.opened.map((f) => ({
      title: f.title,
      detail: `${f.level} · ${f.section}`,
    })),
    overdue: comparison.overdue.map((f) => ({
      title: f.title,
      detail:
        `Due ${formatCalendarDate(f.targetDate)} · Owner: ${f.owner || NOT_ASSIGNED}` +
        (f.carried ? ' · Also a finding in the previous assessment' : ''),
    })),
    onlyThen: comparison.onlyThen.map((c) => ({
      title: c.controlId,
      detail: `Answered ${c.then} then; not in checklist ${comparison.current.catalogueVersion}`,
    })),
    onlyNow: comparison.onlyNow.map((c) => ({
      title: c.title,
      detail: `${c.section} · no answer in the previous assessment (checklist ${comparison.previous.catalogueVersion})`,
    })),
    none: {
      changed: 'No answer changed.',
      closed: 'No finding was closed.',
      opened: 'No new finding.',
      overdue: 'No action is overdue.',
    },
  };
}
