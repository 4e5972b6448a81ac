import type { ScanEvidence, ScanHost, ScanPort } from '../../model/scan-evidence';

/**
 * What each port and each test in a scan shows, classified honestly: a port is open, closed,
 * filtered, unclear (nmap could not tell) or not scanned; a relay or proxy test is positive, negative,
 * not run, or inconclusive. Nothing here says "clean" for what was not tested.
 */

export type PortClass = 'open' | 'closed' | 'filtered' | 'unclear' | 'not-scanned';

export function portClassOf(state: string): Exclude<PortClass, 'not-scanned'> {
  if (state === 'open') return 'open';
  if (state === 'closed') return 'closed';
  if (state === 'filtered') return 'filtered';
  // open|filtered, closed|filtered, unfiltered: nmap could not tell.
  return 'unclear';
}

/** Parses nmap's port list ("25,465,587", "1-1024,3128") into a membership test. */
export function portListIncludes(list: string, port: number): boolean {
  for (const part of list.split(',')) {
    const [a, b] = part.trim().split('-');
    const low = Number(a);
    const high = b === undefined ? low : Number(b);
    if (Number.isInteger(low) && Number.isInteger(high) && port >= low && port <= high) return true;
  }
  return false;
}

export interface PortView {
  port: number;
  class: PortClass;
  /** nmap's own state word, or "not listed" when nmap summarised it among extraports. */
  state: string;
  listed?: ScanPort;
}

/** What the scan says about one TCP port on one host. */
export function portOnHost(
  scan: ScanEvidence,
  host: ScanHost,
  port: number,
  protocol = 'tcp',
): PortView {
  const listed = host.ports.find((p) => p.port === port && p.protocol === protocol);
  if (listed) return { port, class: portClassOf(listed.state), state: listed.state, listed };
  const scanned = scan.scannedPorts[protocol];
  if (scanned === undefined || !portListIncludes(scanned, port) || host.status !== 'up') {
    return { port, class: 'not-scanned', state: 'not scanned' };
  }
  // Scanned but not listed: nmap summarised it under extraports. With one summary state it is that
  // state; with several, nmap does not say which.
  const states = [...new Set(host.extraPorts.map((e) => e.state))];
  if (states.length === 1 && states[0]) {
    return { port, class: portClassOf(states[0]), state: states[0] };
  }
  return { port, class: 'unclear', state: states.join(' or ') || 'not listed' };
}

export type TestKind = 'relay' | 'http-proxy' | 'socks-proxy';

export const TEST_SCRIPTS: Record<TestKind, string> = {
  relay: 'smtp-open-relay',
  'http-proxy': 'http-open-proxy',
  'socks-proxy': 'socks-open-proxy',
};

export type TestResult =
  | { outcome: 'positive'; passed?: number; total?: number; output: string }
  | { outcome: 'negative'; output: string }
  | { outcome: 'not-run'; why: 'port-not-open' | 'no-script' }
  | { outcome: 'inconclusive'; output: string };

const RELAY_OPEN = /Server is an open relay \((\d+)\/(\d+) tests\)/;
const RELAY_NONE = /doesn't seem to be an open relay, all tests failed/;
const RELAY_AUTH = /isn't an open relay, authentication needed/;

/** What nmap's relay or proxy script said on this port (a port with no such test: not run). */
export function testOnPort(port: ScanPort | undefined, kind: TestKind): TestResult {
  if (!port || port.state !== 'open') return { outcome: 'not-run', why: 'port-not-open' };
  const script = port.scripts.find((s) => s.id === TEST_SCRIPTS[kind]);
  if (!script) return { outcome: 'not-run', why: 'no-script' };
  const output = script.output.trim();
  if (kind === 'relay') {
    const open = RELAY_OPEN.exec(output);
    if (open)
      return { outcome: 'positive', passed: Number(open[1]), total: Number(open[2]), output };
    if (RELAY_NONE.test(output) || RELAY_AUTH.test(output)) return { outcome: 'negative', output };
    return { outcome: 'inconclusive', output };
  }
  if (kind === 'http-proxy') {
    if (/^Potentially OPEN proxy/i.test(output)) return { outcome: 'positive', output };
    // The script ran every test and none succeeded: it prints nothing (an empty output).
    if (output === '') return { outcome: 'negative', output };
    return { outcome: 'inconclusive', output };
  }
  const status = script.elems.status;
  if (status === 'open') return { outcome: 'positive', output };
  return { outcome: 'inconclusive', output };
}

/** The ports a test applies to on a host: every open port where its script left a result. */
export function testedPorts(host: ScanHost, kind: TestKind): ScanPort[] {
  return host.ports.filter((p) => p.scripts.some((s) => s.id === TEST_SCRIPTS[kind]));
}

export const SMTP_PORTS = [25, 465, 587] as const;
export const PROXY_PORTS = [80, 1080, 3128, 8000, 8080, 8081, 8118, 8888, 9050] as const;

/** An open port where nmap's service detection or port table says SMTP. */
export function isSmtp(port: ScanPort): boolean {
  if (port.state !== 'open') return false;
  const name = port.service?.name ?? '';
  if (/^(smtp|smtps|submission)$/.test(name)) return true;
  return !port.service && (SMTP_PORTS as readonly number[]).includes(port.port);
}
