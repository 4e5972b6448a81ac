import ipaddr from 'ipaddr.js';
import type { Profile } from '../../model/assessment';
import type { ScanEvidence, ScanFindingKind, Vantage } from '../../model/scan-evidence';
import type { SupportTable } from '../../content/software-support';
import { parseAddressLines } from '../../net/address-lines';
import { isSmtp, testOnPort, type TestKind } from './classify';
import { supportOf } from './support';

/**
 * What the imported scans show against the controls: each finding names the scan, the host and
 * the port, so it can go into the remediation plan as something to fix. Only what nmap actually
 * reported makes a finding; a test that did not run, or was inconclusive, makes none (and the
 * scan section says so). Whether a finding contradicts an answer is decided in
 * src/lib/checklist/evidence-conflicts.ts, which never changes the answer.
 *
 * - open-relay: nmap's smtp-open-relay accepted at least one of its relay tests, on any host.
 * - open-proxy: http-open-proxy or socks-open-proxy passed a request on, on any host.
 * - unnecessary-daemon: SMTP answers on a host that the profile does not list as a mail server.
 * - reachable-port: from an outside-view scan, SMTP answers (on any port) on a host that
 *   the profile does not list as a mail server: the border lets connections through to it.
 * - out-of-support: the mail software nmap identified is in the dated table of software out of
 *   support.
 */

export interface ScanFinding {
  kind: ScanFindingKind;
  scanId: string;
  fileName: string;
  vantage: Vantage;
  /** When nmap started the scan (ISO), or '' when it did not say. */
  scannedAt: string;
  host: string;
  port: number;
  protocol: string;
  /** For open-relay: how many of nmap's relay tests passed, of how many. */
  relayTests?: { passed: number; total: number };
  /** For open-proxy: which test found it. */
  proxy?: Extract<TestKind, 'http-proxy' | 'socks-proxy'>;
  /** For out-of-support and unnecessary-daemon: the software as nmap reported it. */
  software?: string;
  /** For out-of-support: the table's name and end of support, and its date. */
  support?: { name: string; endOfSupport: string; asOf: string; source: string };
}

/** The order findings are listed in: the MUSTs' evidence first. */
export const FINDING_ORDER: readonly ScanFindingKind[] = [
  'open-relay',
  'open-proxy',
  'unnecessary-daemon',
  'reachable-port',
  'out-of-support',
];

export type Parsed = ipaddr.IPv4 | ipaddr.IPv6;

export function parseIp(address: string): Parsed | undefined {
  try {
    const parsed = ipaddr.parse(address);
    // An IPv4-mapped IPv6 address is the IPv4 host it carries.
    return parsed.kind() === 'ipv6' && (parsed as ipaddr.IPv6).isIPv4MappedAddress()
      ? (parsed as ipaddr.IPv6).toIPv4Address()
      : parsed;
  } catch {
    return undefined;
  }
}

/** The profile's addresses, ready to match a scanned host against. */
export interface ProfileAddresses {
  mailServers: Parsed[];
  ranges: [Parsed, number][];
}

export function profileAddresses(profile: Profile): ProfileAddresses {
  const mailServers = parseAddressLines(profile.mailServers)
    .entries.map((e) => parseIp(e.normalised))
    .filter((a): a is Parsed => a !== undefined);
  const ranges: [Parsed, number][] = [];
  for (const entry of parseAddressLines(profile.networkRanges, { allowRanges: true }).entries) {
    const network = parseIp(entry.normalised.split('/')[0] ?? '');
    if (network) ranges.push([network, entry.prefixLength]);
  }
  return { mailServers, ranges };
}

function same(a: Parsed, b: Parsed): boolean {
  return a.kind() === b.kind() && a.toNormalizedString() === b.toNormalizedString();
}

export function isDeclaredMailServer(address: string, profile: ProfileAddresses): boolean {
  const ip = parseIp(address);
  return ip !== undefined && profile.mailServers.some((s) => same(s, ip));
}

/** Whether the profile lists the host: as a mail server, or inside one of its ranges. */
export function inProfile(address: string, profile: ProfileAddresses): boolean {
  const ip = parseIp(address);
  if (!ip) return false;
  if (profile.mailServers.some((s) => same(s, ip))) return true;
  return profile.ranges.some(
    ([network, prefix]) => network.kind() === ip.kind() && ip.match(network, prefix),
  );
}

function softwareOf(service: { product: string; version: string } | undefined): string {
  return [service?.product, service?.version].filter(Boolean).join(' ');
}

/** Every finding in one scan, host by host in the scan's order, then by kind. */
export function findingsInScan(
  scan: ScanEvidence,
  profile: ProfileAddresses,
  table: SupportTable,
): ScanFinding[] {
  const found: ScanFinding[] = [];
  for (const host of scan.hosts) {
    if (host.status !== 'up') continue;
    const declared = isDeclaredMailServer(host.address, profile);
    for (const port of host.ports) {
      const at = {
        scanId: scan.id,
        fileName: scan.fileName,
        vantage: scan.vantage,
        scannedAt: scan.startedAt,
        host: host.address,
        port: port.port,
        protocol: port.protocol,
      };
      const relay = testOnPort(port, 'relay');
      if (relay.outcome === 'positive') {
        found.push({
          kind: 'open-relay',
          ...at,
          ...(relay.passed !== undefined && relay.total !== undefined
            ? { relayTests: { passed: relay.passed, total: relay.total } }
            : {}),
        });
      }
      for (const proxy of ['http-proxy', 'socks-proxy'] as const) {
        if (testOnPort(port, proxy).outcome === 'positive') {
          found.push({ kind: 'open-proxy', ...at, proxy });
        }
      }
      if (!isSmtp(port)) continue;
      const software = softwareOf(port.service);
      if (!declared) {
        found.push({ kind: 'unnecessary-daemon', ...at, ...(software ? { software } : {}) });
        if (scan.vantage === 'outside') {
          found.push({ kind: 'reachable-port', ...at });
        }
      }
      const support = supportOf(port.service, table);
      if (support.status === 'out-of-support') {
        found.push({
          kind: 'out-of-support',
          ...at,
          software,
          support: {
            name: support.entry.name,
            endOfSupport: support.entry.endOfSupport,
            asOf: support.asOf,
            source: support.entry.source,
          },
        });
      }
    }
  }
  return found;
}

/**
 * Every finding in every scan, ordered by kind (relays first), then scan and host order. The same
 * host and port found by two scans is listed once per scan: each is its own evidence.
 */
export function scanFindings(
  scans: readonly ScanEvidence[],
  profile: Profile,
  table: SupportTable,
): ScanFinding[] {
  if (scans.length === 0) return [];
  const addresses = profileAddresses(profile);
  const all = scans.flatMap((scan) => findingsInScan(scan, addresses, table));
  return all.sort((a, b) => FINDING_ORDER.indexOf(a.kind) - FINDING_ORDER.indexOf(b.kind));
}
