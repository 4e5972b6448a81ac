import type { Vantage } from '../../model/scan-evidence';
import type { PortClass, TestKind, TestResult } from './classify';
import type { SupportStatus } from './support';

/** Every sentence the scan step and the PDF's scan section share, decided here once. */

export const VANTAGE_LABELS: Record<Vantage, string> = {
  outside: 'Outside view (from outside the organisation’s network)',
  inside: 'Inside view (from inside the organisation’s network)',
};

export const PORT_CLASS_LABELS: Record<PortClass, string> = {
  open: 'open',
  closed: 'closed',
  filtered: 'filtered',
  unclear: 'unclear (nmap could not tell)',
  'not-scanned': 'not scanned',
};

export const TEST_NAMES: Record<TestKind, string> = {
  relay: 'Open relay test',
  'http-proxy': 'HTTP proxy test',
  'socks-proxy': 'SOCKS proxy test',
};

const NOT_RUN: Record<TestKind, string> = {
  relay:
    "not run: nmap's smtp-open-relay script did not run on this port (on a port other than 25, 465 or 587 it runs only with -sV)",
  'http-proxy':
    "no result: nmap's http-open-proxy script did not run on this port, or nothing answered through it",
  'socks-proxy':
    "no result: nmap's socks-open-proxy script did not run on this port, or nothing answered through it",
};

export function testResultText(kind: TestKind, result: TestResult): string {
  switch (result.outcome) {
    case 'positive':
      if (kind === 'relay') {
        return result.passed !== undefined
          ? `OPEN RELAY: ${result.passed} of nmap's ${result.total} relay tests were accepted`
          : 'OPEN RELAY';
      }
      return kind === 'http-proxy'
        ? 'OPEN PROXY: a request for a web page was passed on through it'
        : 'OPEN PROXY: a connection was passed on through it (SOCKS)';
    case 'negative':
      return kind === 'relay'
        ? /authentication needed/.test(result.output)
          ? 'not a relay: the server asks for authentication before relaying'
          : 'not a relay: every one of nmap’s relay tests was refused'
        : 'not an open proxy: every request through it failed';
    case 'not-run':
      return result.why === 'port-not-open' ? 'not tested: the port is not open' : NOT_RUN[kind];
    case 'inconclusive':
      return `inconclusive: nmap said “${result.output.slice(0, 200) || 'nothing'}”`;
  }
}

export function hostStatusText(status: string | undefined): string {
  if (status === undefined) return 'not in the scan: no evidence either way';
  if (status === 'up') return 'up';
  return `${status}: no evidence either way`;
}

export function supportText(support: SupportStatus): string {
  if (support.status === 'out-of-support') {
    return `${support.entry.name}: out of support since ${support.entry.endOfSupport} (as of ${support.asOf}; source ${support.entry.source})`;
  }
  return support.why === 'no-version'
    ? `support status not known: nmap gave no version (as of ${support.asOf})`
    : `support status not known from this app's table (as of ${support.asOf})`;
}

export const SCAN_NEVER =
  'This app never scans anything itself: it writes the nmap commands, you run them on networks you are responsible for, and it reads the XML files you import.';

export const IMPORT_WORDS = {
  vantageUnknown:
    'Say where this scan ran from (outside or inside the network): its file name does not say, and the XML cannot tell.',
  duplicate: (name: string) =>
    `This file is already imported (as “${name}”): the same bytes, so it adds no evidence.`,
  responsible:
    'Scan only networks you are responsible for, with the permission of whoever runs them.',
} as const;
