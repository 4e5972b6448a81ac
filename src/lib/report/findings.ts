import type { Answer, Assessment } from '../model/assessment';
import type { Catalogue, Control, Level, Provenance } from '../model/catalogue';
import { LEVEL_ORDER, type AssessmentResults, type Finding } from '../checklist/results';
import { provenanceShort } from '../checklist/provenance';
import { blocklistFindings, type BlocklistFinding } from '../blocklists/domain/summary';

/**
 * A finding is something to fix: a control answered not implemented, partially implemented or
 * "don't know" (the remediation plan), or an address listed on a block list that passed its
 * health check. The report, the CSV action plan and the results screen all list the same ones,
 * in the same order: MUST first, then by section in catalogue order.
 */

export interface FindingSection {
  id: string;
  title: string;
}

export type ReportFinding =
  | {
      kind: 'control';
      level: Level;
      section: FindingSection;
      title: string;
      control: Control;
      status: Finding['status'];
      answer: Answer;
    }
  | {
      kind: 'listing';
      level: Level;
      section: FindingSection;
      title: string;
      /** The checklist control a listing is evidence against, when the catalogue has one. */
      control: Control | undefined;
      listing: BlocklistFinding;
    };

/** Where listings rank when the catalogue has no control for block-list evidence. */
const UNFILED_LISTINGS: { level: Level; section: FindingSection } = {
  level: 'SHOULD',
  section: { id: 'blocklists', title: 'DNS block lists' },
};

/**
 * Listings rank with the control that block-list evidence answers ("none of our addresses is on
 * a DNS block list", a SHOULD under open relays and proxies in the shipped checklist).
 */
function listingPlace(catalogue: Catalogue) {
  for (const section of catalogue.sections) {
    const control = section.controls.find((c) => c.evidenceFromLookup);
    if (control) return { level: control.level, section, control };
  }
  return { ...UNFILED_LISTINGS, control: undefined };
}

export function reportFindings(
  catalogue: Catalogue,
  assessment: Assessment,
  results: AssessmentResults,
): ReportFinding[] {
  const fromAnswers: ReportFinding[] = results.plan.map((finding) => ({
    kind: 'control',
    level: finding.control.level,
    section: finding.section,
    title: finding.control.title,
    control: finding.control,
    status: finding.status,
    answer: finding.answer,
  }));
  const run = assessment.lookup.lastRun;
  const place = listingPlace(catalogue);
  const fromRun: ReportFinding[] = run
    ? blocklistFindings(run).map((listing) => ({
        kind: 'listing',
        level: place.level,
        section: { id: place.section.id, title: place.section.title },
        title: listing.title,
        control: place.control,
        listing,
      }))
    : [];
  const sectionRank = new Map(catalogue.sections.map((s, i) => [s.id, i]));
  const rankOf = (finding: ReportFinding) =>
    sectionRank.get(finding.section.id) ?? catalogue.sections.length;
  // Stable sort: within a level and a section, controls keep catalogue order and come before
  // the listings, which keep the run's address order.
  return [...fromAnswers, ...fromRun].sort(
    (a, b) => LEVEL_ORDER.indexOf(a.level) - LEVEL_ORDER.indexOf(b.level) || rankOf(a) - rankOf(b),
  );
}

/** Where a finding's control comes from (a listing: the control it is evidence against). */
export function findingProvenance(finding: ReportFinding): Provenance | undefined {
  return finding.control?.provenance;
}

/** "From the guidance", or "Beyond the guidance (…)"; '' for a listing no control covers. */
export function findingBasis(finding: ReportFinding): string {
  const provenance = findingProvenance(finding);
  return provenance ? provenanceShort(provenance) : '';
}

/**
 * A control finding whose target date has passed while it is still not (fully) implemented.
 * `today` is the calendar date where the user is (YYYY-MM-DD, see localIsoDate): a fix due today
 * is not yet overdue. Apart from reportFindings, which needs no clock.
 */
export function isOverdue(finding: ReportFinding, today: string): boolean {
  if (finding.kind !== 'control') return false;
  const target = finding.answer.targetDate;
  // ISO calendar dates compare correctly as strings.
  return target !== '' && target < today;
}
