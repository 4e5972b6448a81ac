import type { Answer, Assessment } from '../model/assessment';
import type { Catalogue, Control, Level, Provenance } from '../model/catalogue';
import { LEVEL_ORDER, type AssessmentResults, type Finding } from '../checklist/results';
import { provenanceShort } from '../checklist/provenance';
import { blocklistFindings, type BlocklistFinding } from '../blocklists/domain/summary';
import { scanFindings, type ScanFinding } from '../scans/domain/findings';
import { scanFindingTitle } from '../scans/domain/finding-wording';
import { softwareSupport } from '../content/software-support';

/**
 * A finding is something to fix: a control answered not implemented, partially implemented or
 * "don't know" (the remediation plan), an address listed on a block list that passed its
 * health check, or what an imported network scan found (an open relay on a host and port…). The report, the CSV action plan and the results screen all list the same ones,
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
    }
  | {
      kind: 'scan';
      level: Level;
      section: FindingSection;
      /** "Open relay on 192.0.2.25 port 25/tcp". */
      title: string;
      /** The control the finding is evidence against (see the catalogue's scanFindings). */
      control: Control | undefined;
      scan: ScanFinding;
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

function scanPlace(catalogue: Catalogue, kind: ScanFinding['kind']) {
  for (const section of catalogue.sections) {
    const control = section.controls.find((c) => c.scanFindings.includes(kind));
    if (control) return { level: control.level, section, control };
  }
  return { ...UNFILED_SCANS, control: undefined };
}

const UNFILED_SCANS: { level: Level; section: FindingSection } = {
  level: 'SHOULD',
  section: { id: 'scans', title: 'Network scans' },
};

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
  // Each scan finding ranks with the first control it is evidence against; one no control
  // takes is filed with the relay controls' section at SHOULD.
  const fromScans: ReportFinding[] = scanFindings(
    assessment.scans,
    assessment.profile,
    softwareSupport,
  ).map((scan) => {
    const place = scanPlace(catalogue, scan.kind);
    return {
      kind: 'scan',
      level: place.level,
      section: { id: place.section.id, title: place.section.title },
      title: scanFindingTitle(scan),
      control: place.control,
      scan,
    };
  });
  const sectionRank = new Map(catalogue.sections.map((s, i) => [s.id, i]));
  const rankOf = (finding: ReportFinding) =>
    sectionRank.get(finding.section.id) ?? catalogue.sections.length;
  // Stable sort: within a level and a section, controls keep catalogue order and come before
  // the listings, which keep the run's address order.
  return [...fromAnswers, ...fromRun, ...fromScans].sort(
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
