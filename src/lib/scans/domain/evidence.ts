import { z } from '../../shared/zod';
import { describeIssues } from '../../shared/zod-issues';
import { formatNumber } from '../../shared/format';
import {
  ScanEvidenceSchema,
  ScanHostSchema,
  type ScanEvidence,
  type Vantage,
} from '../../model/scan-evidence';

/**
 * Turns what the XML reader extracted (plain data, not yet trusted) into stored scan evidence,
 * validated by the schema, with the notices the user should read before relying on it.
 */

const RawScanSchema = z.object({
  scanner: z.string(),
  nmapVersion: z.string(),
  xmlOutputVersion: z.string(),
  commandLine: z.string(),
  startedAt: z.string(),
  finishedAt: z.string(),
  exit: z.string(),
  errorMessage: z.string(),
  scannedPorts: z.record(z.string(), z.string()),
  hosts: z.array(ScanHostSchema),
});

export interface EvidenceMeta {
  id: string;
  fileName: string;
  sha256: string;
  bytes: number;
  importedAt: string;
  vantage: Vantage;
}

export type EvidenceResult =
  | { ok: true; evidence: ScanEvidence; notices: string[] }
  | { ok: false; reason: string; detail?: string };

/** nmap's scripts and XML have been stable since 7.00 (2015); older output is read with a warning. */
export const OLDEST_CHECKED_NMAP = 7;

export function nmapMajor(version: string): number | undefined {
  const match = /^(\d+)\./.exec(version);
  return match ? Number(match[1]) : undefined;
}

export function toEvidence(raw: unknown, meta: EvidenceMeta): EvidenceResult {
  const parsed = RawScanSchema.safeParse(raw);
  if (!parsed.success) {
    return {
      ok: false,
      reason:
        'The file is nmap XML, but parts of it do not hold what nmap writes (changed by hand or by another program).',
      detail: describeIssues(parsed.error),
    };
  }
  const scan = parsed.data;
  if (scan.scanner !== 'nmap') {
    return {
      ok: false,
      reason: `This file was written by "${scan.scanner || 'an unnamed scanner'}", not nmap. This app reads nmap's XML output (-oX) only.`,
    };
  }
  const up = scan.hosts.filter((h) => h.status === 'up');
  if (up.length === 0) {
    return {
      ok: false,
      reason:
        scan.hosts.length === 0
          ? 'The scan lists no hosts at all, so it is no evidence about any host. Check the addresses scanned, or scan with -Pn if the hosts do not answer ping.'
          : `No host in this scan was up (${formatNumber(scan.hosts.length)} listed as down), so it is no evidence about any host. If the hosts do not answer ping, scan with -Pn.`,
    };
  }
  const candidate = {
    ...meta,
    nmapVersion: scan.nmapVersion,
    xmlOutputVersion: scan.xmlOutputVersion,
    commandLine: scan.commandLine,
    startedAt: scan.startedAt,
    finishedAt: scan.finishedAt,
    exit: scan.exit,
    errorMessage: scan.errorMessage,
    scannedPorts: scan.scannedPorts,
    hosts: scan.hosts,
  };
  const valid = ScanEvidenceSchema.safeParse(candidate);
  if (!valid.success) {
    return {
      ok: false,
      reason:
        'The scan holds values beyond what this app keeps (too many ports on a host, or text far longer than nmap writes).',
      detail: describeIssues(valid.error),
    };
  }
  const notices: string[] = [];
  const major = nmapMajor(scan.nmapVersion);
  if (major === undefined || major < OLDEST_CHECKED_NMAP) {
    notices.push(
      `Scanned with nmap ${scan.nmapVersion || '(version not given)'}, older than ${OLDEST_CHECKED_NMAP}.00 (2015). Its scripts may word results differently; results this app cannot read are shown as inconclusive. Use a current nmap.`,
    );
  }
  if (scan.exit && scan.exit !== 'success') {
    notices.push(
      `nmap reported that the scan ended with an error${scan.errorMessage ? ` ("${scan.errorMessage}")` : ''}: what it did not reach is no evidence.`,
    );
  }
  if (!scan.finishedAt)
    notices.push('The scan records no finishing time: it may not have completed.');
  return { ok: true, evidence: valid.data, notices };
}

/** The scan already imported with the same bytes, if any. */
export function duplicateOf(
  scans: readonly ScanEvidence[],
  sha256: string,
): ScanEvidence | undefined {
  return scans.find((s) => s.sha256 === sha256);
}

/** Where the file name says the scan ran from (the commands this app writes name their files so). */
export function vantageFromFileName(fileName: string): Vantage | undefined {
  const name = fileName.toLowerCase();
  if (/outside/.test(name) && !/inside/.test(name)) return 'outside';
  if (/inside/.test(name) && !/outside/.test(name)) return 'inside';
  return undefined;
}
