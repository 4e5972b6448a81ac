import { ANSWER_LABELS } from '../assessment';
import { PLATFORM_LABELS, type Fix } from '../catalogue';
import type { ReportFinding } from './findings';

/**
 * The remediation plan as a CSV file for the people who fix things. It has to open cleanly in a
 * spreadsheet and must never run anything there: UTF-8 with a byte-order mark (so Excel reads
 * Welsh and other non-ASCII text correctly), every field quoted, CRLF line ends (RFC 4180), and
 * any cell that a spreadsheet would read as a formula neutralised.
 */

export const ACTION_PLAN_COLUMNS = [
  'Control',
  'Level',
  'Section',
  'Answer',
  'Owner',
  'Target date',
  'What to do',
] as const;

const BYTE_ORDER_MARK = '\uFEFF';

/**
 * Characters that make a spreadsheet treat a cell as a formula (OWASP "CSV injection"): = + - @,
 * and tab or carriage return, which some spreadsheets skip before looking for one.
 */
const FORMULA_START = /^[=+\-@\t\r]/;

/** A cell that would start a formula gets a leading apostrophe, so it shows as plain text. */
export function neutraliseFormula(value: string): string {
  return FORMULA_START.test(value) ? `'${value}` : value;
}

/** One field: neutralised, then quoted with inner quotes doubled. */
export function csvField(value: string): string {
  return `"${neutraliseFormula(value).replaceAll('"', '""')}"`;
}

export function toCsv(rows: readonly (readonly string[])[]): string {
  return BYTE_ORDER_MARK + rows.map((row) => row.map(csvField).join(',') + '\r\n').join('');
}

/** How to fix each control, by control id (the checklist's guidance texts, loaded with them). */
export type FixesByControl = Readonly<Record<string, { howToFix: readonly Fix[] } | undefined>>;

/** The first step of each platform's fix, labelled with the platform: what to do first, per platform. */
export function firstFixSteps(fixes: readonly Fix[]): string {
  return fixes
    .map((fix) => {
      const first = fix.steps[0];
      return first ? `${PLATFORM_LABELS[fix.platform]}: ${first.text}` : '';
    })
    .filter((line) => line !== '')
    .join('\n');
}

function listingAdvice(
  finding: Extract<ReportFinding, { kind: 'listing' }>,
  guidance: FixesByControl,
): string {
  const { listing, control } = finding;
  const lines: string[] = [];
  const meaning = listing.meanings.length > 0 ? listing.meanings : listing.codes;
  if (meaning.length > 0) lines.push(`The list says: ${meaning.join('; ')}`);
  if (listing.txt) lines.push(`Reason given: ${listing.txt}`);
  if (listing.lookupUrl) lines.push(`Look up and request removal: ${listing.lookupUrl}`);
  const fixes = control && guidance[control.id]?.howToFix;
  if (fixes) lines.push(firstFixSteps(fixes));
  return lines.join('\n');
}

export function actionPlanRows(
  findings: readonly ReportFinding[],
  guidance: FixesByControl,
): string[][] {
  const rows: string[][] = [[...ACTION_PLAN_COLUMNS]];
  for (const finding of findings) {
    if (finding.kind === 'control') {
      rows.push([
        finding.title,
        finding.level,
        finding.section.title,
        ANSWER_LABELS[finding.status],
        finding.answer.owner,
        finding.answer.targetDate,
        firstFixSteps(guidance[finding.control.id]?.howToFix ?? []),
      ]);
    } else {
      rows.push([
        finding.title,
        finding.level,
        finding.section.title,
        'Listed',
        '',
        '',
        listingAdvice(finding, guidance),
      ]);
    }
  }
  return rows;
}

export function actionPlanCsv(
  findings: readonly ReportFinding[],
  guidance: FixesByControl,
): string {
  return toCsv(actionPlanRows(findings, guidance));
}
