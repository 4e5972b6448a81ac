import { z } from '../shared/zod';

/**
 * Network scans imported as evidence (nmap XML): what nmap reported, kept as nmap said it, with
 * where the scan ran from and the SHA-256 of the raw file. What it means for the controls (open
 * relay, open proxy, unnecessary mail daemon…) is derived by src/lib/scans and never stored.
 */

/** The most hosts one imported scan may list; a file with more is refused, not cut. */
export const MAX_SCAN_HOSTS = 16_384;
/** The most scans one assessment keeps. */
export const MAX_SCANS = 20;
/** The most ports kept per host (nmap lists open ones and any it could not summarise). */
export const MAX_PORTS_PER_HOST = 1024;

const bounded = (max: number) => z.string().check(z.maxLength(max));

/**
 * What a scan can show against the controls. The catalogue names, per control, the kinds that
 * test it (see ControlSchema.scanFindings); src/lib/scans/domain/findings.ts finds them.
 */
export const SCAN_FINDING_KINDS = [
  'open-relay',
  'open-proxy',
  'unnecessary-daemon',
  'reachable-port',
  'out-of-support',
] as const;
export const ScanFindingKindSchema = z.enum(SCAN_FINDING_KINDS);
export type ScanFindingKind = z.infer<typeof ScanFindingKindSchema>;

export const VantageSchema = z.enum(['outside', 'inside']);
export type Vantage = z.infer<typeof VantageSchema>;

export const ScanScriptSchema = z.object({
  id: bounded(100),
  /** nmap's text output, as it gave it (cut at 4,000 characters, which no relevant script reaches). */
  output: bounded(4000),
  /** Keyed values from the script's structured output (socks-open-proxy: status). */
  elems: z._default(z.record(bounded(100), bounded(500)), {}),
});
export type ScanScript = z.infer<typeof ScanScriptSchema>;

export const ScanServiceSchema = z.object({
  name: z._default(bounded(200), ''),
  product: z._default(bounded(200), ''),
  version: z._default(bounded(200), ''),
  extrainfo: z._default(bounded(500), ''),
  /** "probed" (from -sV) or "table" (a guess from the port number). */
  method: z._default(bounded(20), ''),
});
export type ScanService = z.infer<typeof ScanServiceSchema>;

export const ScanPortSchema = z.object({
  protocol: z.enum(['tcp', 'udp', 'sctp', 'ip']),
  port: z.int().check(z.minimum(0), z.maximum(65535)),
  /** nmap's state: open, closed, filtered, unfiltered, open|filtered, closed|filtered. */
  state: bounded(30),
  reason: z._default(bounded(50), ''),
  service: z.optional(ScanServiceSchema),
  scripts: z._default(z.array(ScanScriptSchema).check(z.maxLength(100)), []),
});
export type ScanPort = z.infer<typeof ScanPortSchema>;

export const ScanHostSchema = z.object({
  address: bounded(64),
  addrType: z._default(bounded(10), 'ipv4'),
  /** up, down, unknown, skipped. */
  status: bounded(20),
  hostnames: z._default(z.array(bounded(255)).check(z.maxLength(20)), []),
  ports: z._default(z.array(ScanPortSchema).check(z.maxLength(MAX_PORTS_PER_HOST)), []),
  /** Ports scanned but not listed one by one, per state (nmap's extraports). */
  extraPorts: z._default(
    z
      .array(z.object({ state: bounded(30), count: z.int().check(z.minimum(0)) }))
      .check(z.maxLength(10)),
    [],
  ),
});
export type ScanHost = z.infer<typeof ScanHostSchema>;

export const ScanEvidenceSchema = z.object({
  id: z.string().check(z.minLength(1), z.maxLength(100)),
  fileName: bounded(255),
  /** SHA-256 of the raw file's bytes, lowercase hex. */
  sha256: z.string().check(z.regex(/^[0-9a-f]{64}$/)),
  bytes: z.int().check(z.minimum(0)),
  importedAt: z.iso.datetime(),
  vantage: VantageSchema,
  nmapVersion: bounded(50),
  xmlOutputVersion: z._default(bounded(20), ''),
  commandLine: bounded(4000),
  /** When the scan started and finished, as nmap recorded them (ISO); empty when it did not say. */
  startedAt: z._default(bounded(40), ''),
  finishedAt: z._default(bounded(40), ''),
  /** nmap's exit status ("success" or "error") and its error message, if any. */
  exit: z._default(bounded(20), ''),
  errorMessage: z._default(bounded(1000), ''),
  /** The ports asked for, per protocol, as nmap lists them ("25,465,587" or "1-1024"). */
  scannedPorts: z._default(z.record(bounded(10), bounded(20_000)), {}),
  hosts: z.array(ScanHostSchema).check(z.maxLength(MAX_SCAN_HOSTS)),
});
export type ScanEvidence = z.infer<typeof ScanEvidenceSchema>;

/**
 * Scans known to have passed ScanEvidenceSchema, by identity: the import checks each scan (in
 * its worker) and an imported scan is never edited in place (a change replaces it), so saving the
 * assessment need not check every host of every scan again on every change, which for a
 * 4,096-host scan took half a second of the page's thread each time.
 */
const checkedScans = new WeakSet<ScanEvidence>();

export function rememberCheckedScan(scan: ScanEvidence): void {
  checkedScans.add(scan);
}

export function isCheckedScan(scan: ScanEvidence): boolean {
  return checkedScans.has(scan);
}
