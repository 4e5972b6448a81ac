import type { Profile } from '../../model/assessment';
import type { ScanEvidence } from '../../model/scan-evidence';
import type { SupportTable } from '../../content/software-support';
import { formatDateTime } from '../../shared/dates';
import { formatNumber, plural } from '../../shared/format';
import { addressFlags } from './address-flags';
import { profileAddresses } from './findings';
import { summariseScan, type PortRow } from './summary';
import { TEST_NAMES, VANTAGE_LABELS, SCAN_NEVER } from './wording';
import { REPORT_WORDS } from './finding-wording';

/**
 * The report's scan-evidence section as plain data: for each imported scan, where it ran from,
 * when, with which nmap and command, the per-host table, the addresses flagged, and what was not
 * tested. The PDF (and the Word copy) only lay it out; the table rows are the scan step's own.
 */

export interface ScanReportEntry {
  fileName: string;
  fields: { label: string; value: string }[];
  flags: string[];
  rows: PortRow[];
  /** Rows left out of the printed table (the JSON export keeps them all). */
  rowsLeftOut: number;
  notTested: string[];
}

export interface ScanReportSection {
  heading: string;
  intro: string[];
  scans: ScanReportEntry[];
  /** What the scans as a whole leave untested (no inside view, no outside view…). */
  overall: string[];
}

/** The most table rows printed per scan: a 4,096-host scan would otherwise run to hundreds of pages. */
export const MAX_PRINTED_ROWS = 1000;

const MAX_NOT_TESTED_LINES = 200;

function when(iso: string): string {
  return iso ? formatDateTime(iso) : REPORT_WORDS.notRecorded;
}

function entry(scan: ScanEvidence, profile: Profile, table: SupportTable): ScanReportEntry {
  const summary = summariseScan(scan, table);
  const notTested: string[] = [];
  for (const host of summary.hostsNotUp) {
    notTested.push(`${host.address}: ${host.status}.`);
  }
  for (const address of summary.hostsWithoutListedPorts) {
    notTested.push(`${address}: ${REPORT_WORDS.noPortsListed}`);
  }
  for (const row of summary.rows) {
    row.outcomes.forEach(({ kind, outcome }, i) => {
      if (outcome === 'not-run' || outcome === 'inconclusive') {
        notTested.push(`${row.host} port ${row.port}: ${row.tests[i] ?? TEST_NAMES[kind]}`);
      }
    });
  }
  const cut = notTested.length - MAX_NOT_TESTED_LINES;
  const scannedPorts = Object.entries(scan.scannedPorts)
    .map(([protocol, ports]) => `${protocol.toUpperCase()} ${ports}`)
    .join('; ');
  return {
    fileName: scan.fileName,
    fields: [
      { label: REPORT_WORDS.vantage, value: VANTAGE_LABELS[scan.vantage] },
      { label: REPORT_WORDS.started, value: when(scan.startedAt) },
      { label: REPORT_WORDS.finished, value: when(scan.finishedAt) },
      { label: REPORT_WORDS.nmapVersion, value: scan.nmapVersion || REPORT_WORDS.notRecorded },
      { label: REPORT_WORDS.command, value: scan.commandLine || REPORT_WORDS.notRecorded },
      { label: REPORT_WORDS.portsScanned, value: scannedPorts || REPORT_WORDS.notRecorded },
      {
        label: REPORT_WORDS.hosts,
        value: REPORT_WORDS.hostCounts(summary.hostsUp, summary.hostsNotUp.length),
      },
      { label: REPORT_WORDS.sha256, value: scan.sha256 },
    ],
    flags: REPORT_WORDS.flags(addressFlags(scan, profileAddresses(profile))),
    rows: summary.rows.slice(0, MAX_PRINTED_ROWS),
    rowsLeftOut: Math.max(0, summary.rows.length - MAX_PRINTED_ROWS),
    notTested:
      cut > 0
        ? [
            ...notTested.slice(0, MAX_NOT_TESTED_LINES),
            REPORT_WORDS.moreNotTested(formatNumber(cut)),
          ]
        : notTested.length > 0
          ? notTested
          : [REPORT_WORDS.everythingTested],
  };
}

/** The section, or undefined when no scan was imported (the report then says nothing of scans). */
export function scanReportSection(
  scans: readonly ScanEvidence[],
  profile: Profile,
  table: SupportTable,
): ScanReportSection | undefined {
  if (scans.length === 0) return undefined;
  const overall: string[] = [];
  if (!scans.some((s) => s.vantage === 'outside')) overall.push(REPORT_WORDS.noOutside);
  if (!scans.some((s) => s.vantage === 'inside')) overall.push(REPORT_WORDS.noInside);
  return {
    heading: REPORT_WORDS.heading,
    intro: [
      SCAN_NEVER,
      `${plural(scans.length, 'scan', 'scans')} imported. ${REPORT_WORDS.honesty}`,
    ],
    scans: scans.map((scan) => entry(scan, profile, table)),
    overall,
  };
}
