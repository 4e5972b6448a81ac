import type { ScanFindingKind } from '../../model/scan-evidence';
import { formatDateTime } from '../../shared/dates';
import { formatNumber, plural } from '../../shared/format';
import type { AddressFlags } from './address-flags';
import type { ScanFinding } from './findings';
import { where } from './conflict-wording';

export { where, scanFindingsClause } from './conflict-wording';

/**
 * Every sentence about what the scans found, decided here once: the question card, the results,
 * the remediation plan on the screen, the PDF and the CSV all use these words.
 */

/** The heading of a finding in the remediation plan. */
export const SCAN_FINDING_TITLES: Record<ScanFindingKind, string> = {
  'open-relay': 'Open relay',
  'open-proxy': 'Open proxy',
  'unnecessary-daemon': 'Unnecessary mail daemon',
  'reachable-port': 'Mail port reachable from outside',
  'out-of-support': 'Mail software out of support',
};

/** What the plan's answer column says for a scan finding. */
export const SCAN_FOUND = 'Found by a scan';

/** "Open relay on 192.0.2.25 port 25/tcp": the finding's title in the plan. */
export function scanFindingTitle(finding: ScanFinding): string {
  return `${SCAN_FINDING_TITLES[finding.kind]} on ${where(finding)}`;
}

function when(finding: ScanFinding): string {
  return finding.scannedAt ? `, ${formatDateTime(finding.scannedAt)}` : '';
}

/** The scan a finding comes from: "nmap scan mail-outside-view.xml (outside view, 30 November…)". */
export function scanSource(finding: ScanFinding): string {
  return `nmap scan “${finding.fileName}” (${finding.vantage} view${when(finding)})`;
}

/** What nmap reported, in a sentence. */
export function scanFindingEvidence(finding: ScanFinding): string {
  switch (finding.kind) {
    case 'open-relay':
      return finding.relayTests
        ? `nmap's smtp-open-relay script reports an open relay: ${finding.relayTests.passed} of its ${finding.relayTests.total} relay tests were accepted.`
        : "nmap's smtp-open-relay script reports an open relay.";
    case 'open-proxy':
      return finding.proxy === 'socks-proxy'
        ? "nmap's socks-open-proxy script passed a connection on through it."
        : "nmap's http-open-proxy script had a request for a web page passed on through it.";
    case 'unnecessary-daemon':
      return `An SMTP server answers${finding.software ? ` (${finding.software})` : ''}, and the profile does not list this host as a mail server.`;
    case 'reachable-port':
      return 'From outside the network, this mail port is open on a host the profile does not list as a mail server: the border lets connections through to it.';
    case 'out-of-support':
      return finding.support
        ? `nmap identifies ${finding.software || 'the software'} as ${finding.support.name}, out of support since ${finding.support.endOfSupport} (as of ${finding.support.asOf}; source ${finding.support.source}).`
        : `nmap identifies ${finding.software || 'the software'} as out of support.`;
  }
}

/** What to do about a finding, in words an administrator can act on. */
export const SCAN_FINDING_ADVICE: Record<ScanFindingKind, string> = {
  'open-relay':
    'Stop the host relaying today: accept mail for outside recipients only from your own networks or after authentication (Postfix: smtpd_relay_restrictions and mynetworks; Exchange: the receive connector’s permissions). Then run the outside-view scan again and import it to show the relay closed.',
  'open-proxy':
    'Close the proxy to the internet: allow only your own networks (tinyproxy: Allow; Squid: http_access; SOCKS servers: client and socks rules) or switch it off, and filter the port at the border. Then scan again and import the result.',
  'unnecessary-daemon':
    'If this host does not store mailboxes and is not a designated gateway, turn its mail server off or bind it to loopback only. If it is a mail server, add it to the profile’s mail servers.',
  'reachable-port':
    'Filter the port at the border, so that only the designated mail hosts accept mail connections from outside; or, if the host is a mail server, add it to the profile’s mail servers.',
  'out-of-support':
    'Upgrade to a version its vendor still supports, or replace it; until then, record the risk and who accepted it.',
};

/** The flags on a scan's addresses, as sentences (empty when nothing is flagged). */
export function addressFlagLines(flags: AddressFlags): string[] {
  const lines: string[] = [];
  if (flags.outsideProfile.length > 0) {
    const shown = flags.outsideProfile.slice(0, 10).join(', ');
    const more =
      flags.outsideProfile.length > 10 ? ` and ${flags.outsideProfile.length - 10} more` : '';
    lines.push(
      `${plural(flags.outsideProfile.length, 'host', 'hosts')} scanned ${flags.outsideProfile.length === 1 ? 'is' : 'are'} outside the profile’s mail servers and ranges (${shown}${more}): check they are yours to scan, or add them to the profile.`,
    );
  }
  if (flags.notPublic.length > 0) {
    const shown = flags.notPublic
      .slice(0, 10)
      .map((n) => `${n.address}: ${n.why}`)
      .join('; ');
    const more = flags.notPublic.length > 10 ? `; and ${flags.notPublic.length - 10} more` : '';
    lines.push(
      `This scan is marked as the outside view, but ${plural(flags.notPublic.length, 'host is at a private or other non-public address', 'hosts are at private or other non-public addresses')} (${shown}${more}), which the internet cannot reach: what it shows of ${flags.notPublic.length === 1 ? 'that host' : 'those hosts'} is not what the internet sees.`,
    );
  }
  return lines;
}

/** What a control card that a scan can test says about the scans. */
export const SCAN_CARD = {
  noneHeading: 'No network scan imported yet.',
  none: 'A network scan can test this control: the scan step writes the nmap command for your addresses; run it, then import the result.',
  someHeading: 'Evidence from network scans:',
  some: (scans: number, findings: number) =>
    `${plural(scans, 'scan', 'scans')} imported; ${
      findings === 0
        ? 'nothing in them contradicts this control (a test that did not run, or was inconclusive, proves nothing: see the scan step).'
        : `${plural(findings, 'finding', 'findings')} against this control, each in the remediation plan with the host and port.`
    }`,
  goImport: 'Go to the network scans',
  goSee: 'See the network scans',
  conflictHeading: 'This answer contradicts the network scans.',
} as const;

/** The words of the report's scan-evidence section (PDF and Word copy). */
export const REPORT_WORDS = {
  heading: 'Network scan evidence',
  honesty:
    'Each port and test is given as nmap reported it: a test that did not run, or whose answer was unclear, is listed under "What was not tested" and proves nothing either way; a host that was not up, or not in a scan, is no evidence, never "clean".',
  vantage: 'Vantage point',
  started: 'Scan started',
  finished: 'Finished',
  nmapVersion: 'nmap version',
  command: 'Command line',
  portsScanned: 'Ports scanned',
  hosts: 'Hosts',
  sha256: 'SHA-256 of the file',
  notRecorded: 'not recorded',
  hostCounts: (up: number, notUp: number) =>
    `${formatNumber(up)} up; ${formatNumber(notUp)} listed but not up (no evidence either way)`,
  flags: (flags: AddressFlags) => addressFlagLines(flags),
  tableHead: ['Host', 'Port', 'State', 'Service and version', 'Relay and proxy tests, support'],
  rowsLeftOut: (n: string) =>
    `${n} more rows are not printed here; the JSON export of the assessment holds them all.`,
  notTestedHeading: 'What was not tested',
  noPortsListed:
    'up, but nmap listed no port (every port scanned was closed or filtered, or it summarised them): no test ran on it.',
  moreNotTested: (n: string) => `… and ${n} more (see the scan step).`,
  everythingTested:
    'Every test asked for ran on every open port nmap listed, and every host listed was up.',
  noOutside:
    'No outside-view scan was imported: nothing here shows what the internet can reach, so the relay, proxy and filtering controls are tested only as seen from inside.',
  noInside:
    'No inside-view scan was imported: mail daemons that the border filters hide are not inventoried, so "only designated hosts run a mail service" is tested only as far as the outside view reaches.',
} as const;
