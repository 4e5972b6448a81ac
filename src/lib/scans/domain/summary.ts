import type { ScanEvidence, ScanPort } from '../../model/scan-evidence';
import type { SupportTable } from '../../content/software-support';
import {
  PROXY_PORTS,
  isSmtp,
  portClassOf,
  testOnPort,
  TEST_SCRIPTS,
  type TestKind,
  type TestResult,
} from './classify';
import { supportOf } from './support';
import {
  PORT_CLASS_LABELS,
  TEST_NAMES,
  hostStatusText,
  supportText,
  testResultText,
} from './wording';

/** One scan as rows of text, the same on the screen and in the PDF. */

export interface PortRow {
  host: string;
  port: string;
  state: string;
  service: string;
  /** "Open relay test: OPEN RELAY: 16 of nmap's 16 relay tests were accepted", one per test. */
  tests: string[];
  /** The same tests with their outcomes, for what the report lists as not tested. */
  outcomes: { kind: TestKind; outcome: TestResult['outcome'] }[];
  support?: string;
}

export interface ScanSummary {
  rows: PortRow[];
  /** Every port listed on a host that was up, written out in `rows` or not. */
  rowCount: number;
  hostsUp: number;
  /** Hosts listed but not up: "no evidence", never clean. */
  hostsNotUp: { address: string; status: string }[];
  /** Up, with no port listed (every port scanned summarised as closed or filtered). */
  hostsWithoutListedPorts: string[];
}

export function serviceText(port: ScanPort): string {
  const s = port.service;
  if (!s) return '';
  const words = [s.name, s.product, s.version, s.extrainfo ? `(${s.extrainfo})` : '']
    .filter(Boolean)
    .join(' ');
  return s.method === 'table' ? `${words} (guessed from the port number)` : words;
}

/** The relay and proxy tests the scan's command asked nmap to run. */
export function requestedTests(commandLine: string): Set<TestKind> {
  const kinds = new Set<TestKind>();
  for (const kind of Object.keys(TEST_SCRIPTS) as TestKind[]) {
    if (commandLine.includes(TEST_SCRIPTS[kind])) kinds.add(kind);
  }
  return kinds;
}

const SOCKS_PORTS = [1080, 9050];

/**
 * The tests to report on a port: any that left a result; and, when the port is open, those the
 * service calls for (SMTP: relay; proxy ports: proxy), and every test the command asked for where
 * nmap could not say what the service is, so a test that did not run there reads "not run".
 */
function testsOn(
  port: ScanPort,
  requested: Set<TestKind>,
): { kind: TestKind; result: TestResult }[] {
  const has = (kind: TestKind) => port.scripts.some((s) => s.id === TEST_SCRIPTS[kind]);
  const open = port.state === 'open';
  const unknownService =
    open && (!port.service || port.service.name === '' || port.service.name === 'unknown');
  const wanted = (kind: TestKind, typical: boolean) =>
    has(kind) || (open && typical) || (unknownService && requested.has(kind));
  const kinds: TestKind[] = [];
  if (wanted('relay', isSmtp(port))) kinds.push('relay');
  const proxyPort = (PROXY_PORTS as readonly number[]).includes(port.port);
  if (wanted('http-proxy', proxyPort && !SOCKS_PORTS.includes(port.port))) kinds.push('http-proxy');
  if (wanted('socks-proxy', SOCKS_PORTS.includes(port.port))) kinds.push('socks-proxy');
  return kinds.map((kind) => ({ kind, result: testOnPort(port, kind) }));
}

/** `maxRows`: the rows to write out (the screen shows a few hundred); `rowCount` counts them all. */
export function summariseScan(
  scan: ScanEvidence,
  table: SupportTable,
  maxRows = Infinity,
): ScanSummary {
  const rows: PortRow[] = [];
  let rowCount = 0;
  const hostsNotUp: ScanSummary['hostsNotUp'] = [];
  const hostsWithoutListedPorts: string[] = [];
  let hostsUp = 0;
  const requested = requestedTests(scan.commandLine);
  for (const host of scan.hosts) {
    if (host.status !== 'up') {
      hostsNotUp.push({ address: host.address, status: hostStatusText(host.status) });
      continue;
    }
    hostsUp += 1;
    if (host.ports.length === 0) hostsWithoutListedPorts.push(host.address);
    rowCount += host.ports.length;
    if (rows.length >= maxRows) continue;
    for (const port of host.ports) {
      if (rows.length >= maxRows) break;
      const support =
        isSmtp(port) && port.service?.product
          ? supportText(supportOf(port.service, table))
          : undefined;
      const tests = testsOn(port, requested);
      rows.push({
        host: host.address,
        port: `${port.port}/${port.protocol}`,
        state: PORT_CLASS_LABELS[portClassOf(port.state)],
        service: serviceText(port),
        tests: tests.map(
          ({ kind, result }) => `${TEST_NAMES[kind]}: ${testResultText(kind, result)}`,
        ),
        outcomes: tests.map(({ kind, result }) => ({ kind, outcome: result.outcome })),
        ...(support ? { support } : {}),
      });
    }
  }
  return { rows, rowCount, hostsUp, hostsNotUp, hostsWithoutListedPorts };
}
