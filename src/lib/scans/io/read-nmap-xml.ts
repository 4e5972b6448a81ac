/**
 * Reads nmap XML text into plain data with the browser's DOMParser (never as HTML, never into the
 * page). The text is checked first (precheckScanText): entity declarations, non-nmap files,
 * over-limit host counts and cut-short files never reach the parser. What comes out is plain data
 * that src/lib/scans/domain/evidence.ts validates with the schema.
 */
import { precheckScanText } from '../domain/limits';

export interface RawScript {
  id: string;
  output: string;
  elems: Record<string, string>;
}
export interface RawPort {
  protocol: string;
  port: number;
  state: string;
  reason: string;
  service?: { name: string; product: string; version: string; extrainfo: string; method: string };
  scripts: RawScript[];
}
export interface RawHost {
  address: string;
  addrType: string;
  status: string;
  hostnames: string[];
  ports: RawPort[];
  extraPorts: { state: string; count: number }[];
}
export interface RawScan {
  scanner: string;
  nmapVersion: string;
  xmlOutputVersion: string;
  commandLine: string;
  startedAt: string;
  finishedAt: string;
  exit: string;
  errorMessage: string;
  scannedPorts: Record<string, string>;
  hosts: RawHost[];
}

export type XmlReadResult =
  { ok: true; scan: RawScan } | { ok: false; reason: string; detail?: string };

type ParserConstructor = new () => {
  parseFromString(text: string, type: 'application/xml'): Document;
};

const attr = (element: Element, name: string) => element.getAttribute(name) ?? '';

function childElements(element: Element, name: string): Element[] {
  const found: Element[] = [];
  for (let child = element.firstElementChild; child; child = child.nextElementSibling) {
    if (child.tagName === name) found.push(child);
  }
  return found;
}

function child(element: Element, name: string): Element | undefined {
  for (let c = element.firstElementChild; c; c = c.nextElementSibling) {
    if (c.tagName === name) return c;
  }
  return undefined;
}

/** Keyed elems of a script's structured output, at any depth ("status" → "open"). */
function elems(script: Element): Record<string, string> {
  const out: Record<string, string> = {};
  for (const elem of Array.from(script.getElementsByTagName('elem'))) {
    const key = elem.getAttribute('key');
    if (key && !(key in out) && Object.keys(out).length < 50) {
      out[key.slice(0, 100)] = (elem.textContent ?? '').slice(0, 500);
    }
  }
  return out;
}

function readPort(port: Element): RawPort {
  const state = child(port, 'state');
  const service = child(port, 'service');
  return {
    protocol: attr(port, 'protocol'),
    port: Number(attr(port, 'portid')),
    state: state ? attr(state, 'state') : '',
    reason: state ? attr(state, 'reason') : '',
    ...(service
      ? {
          service: {
            name: attr(service, 'name'),
            product: attr(service, 'product'),
            version: attr(service, 'version'),
            extrainfo: attr(service, 'extrainfo'),
            method: attr(service, 'method'),
          },
        }
      : {}),
    scripts: childElements(port, 'script').map((s) => ({
      id: attr(s, 'id'),
      output: attr(s, 'output').slice(0, 4000),
      elems: elems(s),
    })),
  };
}

function readHost(host: Element): RawHost {
  const addresses = childElements(host, 'address');
  const ip = addresses.find((a) => attr(a, 'addrtype') !== 'mac') ?? addresses[0];
  const status = child(host, 'status');
  const hostnames = child(host, 'hostnames');
  const ports = child(host, 'ports');
  return {
    address: ip ? attr(ip, 'addr') : '',
    addrType: ip ? attr(ip, 'addrtype') : '',
    status: status ? attr(status, 'state') : 'unknown',
    hostnames: hostnames
      ? childElements(hostnames, 'hostname')
          .map((h) => attr(h, 'name'))
          .slice(0, 20)
      : [],
    ports: ports ? childElements(ports, 'port').map(readPort) : [],
    extraPorts: ports
      ? childElements(ports, 'extraports').map((e) => ({
          state: attr(e, 'state'),
          count: Number(attr(e, 'count')),
        }))
      : [],
  };
}

function unixToIso(value: string): string {
  const seconds = Number(value);
  if (value === '' || !Number.isFinite(seconds) || seconds <= 0) return '';
  return new Date(seconds * 1000).toISOString();
}

export function readNmapXml(
  text: string,
  Parser: ParserConstructor = DOMParser as unknown as ParserConstructor,
): XmlReadResult {
  const problem = precheckScanText(text);
  if (problem) return { ok: false, reason: problem };
  const document = new Parser().parseFromString(text, 'application/xml');
  const error = document.getElementsByTagName('parsererror')[0];
  if (error) {
    return {
      ok: false,
      reason:
        'The file is not well-formed XML, so it is damaged or was changed after nmap wrote it.',
      detail: (error.textContent ?? '').trim().slice(0, 500),
    };
  }
  const root = document.documentElement;
  if (!root || root.tagName !== 'nmaprun') {
    return {
      ok: false,
      reason:
        "This XML file is not nmap output: its root element is not <nmaprun>. Save the scan with nmap's -oX option and import that file.",
    };
  }
  const scannedPorts: Record<string, string> = {};
  for (const info of childElements(root, 'scaninfo')) {
    const protocol = attr(info, 'protocol');
    if (protocol && !(protocol in scannedPorts)) scannedPorts[protocol] = attr(info, 'services');
  }
  const runstats = child(root, 'runstats');
  const finished = runstats ? child(runstats, 'finished') : undefined;
  return {
    ok: true,
    scan: {
      scanner: attr(root, 'scanner'),
      nmapVersion: attr(root, 'version'),
      xmlOutputVersion: attr(root, 'xmloutputversion'),
      commandLine: attr(root, 'args'),
      startedAt: unixToIso(attr(root, 'start')),
      finishedAt: finished ? unixToIso(attr(finished, 'time')) : '',
      exit: finished ? attr(finished, 'exit') : '',
      errorMessage: finished ? attr(finished, 'errormsg') : '',
      scannedPorts,
      hosts: childElements(root, 'host').map(readHost),
    },
  };
}
