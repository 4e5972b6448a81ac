/**
 * Reads nmap XML text into plain data with saxes, a strict streaming XML parser (never as HTML,
 * never into the page). A streaming parser, not the browser's DOMParser: DOMParser does not exist
 * in a Web Worker, and a 4,096-host scan read on the page's thread held it for most of a second
 * (see scan-worker.ts). saxes checks well-formedness and expands no entity beyond XML's five and
 * character references. The text is checked first (precheckScanText): entity declarations,
 * non-nmap files, over-limit host counts and cut-short files never reach the parser. What comes
 * out is plain data that src/lib/scans/domain/evidence.ts validates with the schema.
 */
import { SaxesParser, type SaxesTagPlain } from 'saxes';
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

function unixToIso(value: string): string {
  const seconds = Number(value);
  if (value === '' || !Number.isFinite(seconds) || seconds <= 0) return '';
  return new Date(seconds * 1000).toISOString();
}

type Attributes = Record<string, string>;
const at = (attributes: Attributes, name: string) => attributes[name] ?? '';

/** What is being read: the host, port and script open now, and the elem whose text is wanted. */
interface Reading {
  host?: RawHost & { addresses: { addr: string; type: string }[] };
  port?: RawPort;
  script?: RawScript;
  /** Depth of the open <script> (its <elem>s may be nested in <table>s). */
  scriptDepth?: number;
  elemKey?: string;
  elemText?: string;
}

class NotNmap extends Error {}

export function readNmapXml(text: string): XmlReadResult {
  const problem = precheckScanText(text);
  if (problem) return { ok: false, reason: problem };
  const scan: RawScan = {
    scanner: '',
    nmapVersion: '',
    xmlOutputVersion: '',
    commandLine: '',
    startedAt: '',
    finishedAt: '',
    exit: '',
    errorMessage: '',
    scannedPorts: {},
    hosts: [],
  };
  const stack: string[] = [];
  const now: Reading = {};
  const parser = new SaxesParser({ xmlns: false, position: false });
  parser.on('opentag', (tag: SaxesTagPlain) => {
    const name = tag.name;
    const a = tag.attributes;
    const parent = stack[stack.length - 1];
    const depth = stack.length;
    stack.push(name);
    if (depth === 0) {
      if (name !== 'nmaprun') throw new NotNmap();
      scan.scanner = at(a, 'scanner');
      scan.nmapVersion = at(a, 'version');
      scan.xmlOutputVersion = at(a, 'xmloutputversion');
      scan.commandLine = at(a, 'args');
      scan.startedAt = unixToIso(at(a, 'start'));
      return;
    }
    if (now.script && now.scriptDepth !== undefined) {
      if (name === 'elem' && a.key && now.elemKey === undefined) {
        now.elemKey = a.key;
        now.elemText = '';
      }
      return;
    }
    if (depth === 1) {
      if (name === 'scaninfo') {
        const protocol = at(a, 'protocol');
        if (protocol && !(protocol in scan.scannedPorts))
          scan.scannedPorts[protocol] = at(a, 'services');
      } else if (name === 'host') {
        now.host = {
          address: '',
          addrType: '',
          status: 'unknown',
          hostnames: [],
          ports: [],
          extraPorts: [],
          addresses: [],
        };
      }
      return;
    }
    if (depth === 2 && parent === 'runstats' && name === 'finished') {
      scan.finishedAt = unixToIso(at(a, 'time'));
      scan.exit = at(a, 'exit');
      scan.errorMessage = at(a, 'errormsg');
      return;
    }
    const host = now.host;
    if (!host) return;
    if (depth === 2 && parent === 'host') {
      if (name === 'address') host.addresses.push({ addr: at(a, 'addr'), type: at(a, 'addrtype') });
      else if (name === 'status' && host.status === 'unknown') host.status = at(a, 'state');
    } else if (depth === 3 && parent === 'hostnames' && name === 'hostname') {
      if (host.hostnames.length < 20) host.hostnames.push(at(a, 'name'));
    } else if (depth === 3 && parent === 'ports') {
      if (name === 'port') {
        now.port = {
          protocol: at(a, 'protocol'),
          port: Number(at(a, 'portid')),
          state: '',
          reason: '',
          scripts: [],
        };
      } else if (name === 'extraports') {
        host.extraPorts.push({ state: at(a, 'state'), count: Number(at(a, 'count')) });
      }
    } else if (depth === 4 && parent === 'port' && now.port) {
      const port = now.port;
      if (name === 'state' && port.state === '' && port.reason === '') {
        port.state = at(a, 'state');
        port.reason = at(a, 'reason');
      } else if (name === 'service' && !port.service) {
        port.service = {
          name: at(a, 'name'),
          product: at(a, 'product'),
          version: at(a, 'version'),
          extrainfo: at(a, 'extrainfo'),
          method: at(a, 'method'),
        };
      } else if (name === 'script') {
        now.script = { id: at(a, 'id'), output: at(a, 'output').slice(0, 4000), elems: {} };
        now.scriptDepth = depth;
      }
    }
  });
  parser.on('text', (value: string) => {
    if (now.elemKey !== undefined) now.elemText += value;
  });
  parser.on('closetag', (tag: SaxesTagPlain) => {
    const depth = stack.length - 1;
    stack.pop();
    const name = tag.name;
    if (now.script && now.scriptDepth !== undefined) {
      if (name === 'elem' && now.elemKey !== undefined) {
        const elems = now.script.elems;
        // The first value of each key, as many as the schema keeps.
        if (!(now.elemKey in elems) && Object.keys(elems).length < 50) {
          elems[now.elemKey.slice(0, 100)] = (now.elemText ?? '').slice(0, 500);
        }
        now.elemKey = undefined;
        now.elemText = undefined;
      }
      if (depth === now.scriptDepth) {
        now.port?.scripts.push(now.script);
        now.script = undefined;
        now.scriptDepth = undefined;
      }
      return;
    }
    if (depth === 3 && name === 'port' && now.port && now.host) {
      now.host.ports.push(now.port);
      now.port = undefined;
    } else if (depth === 1 && name === 'host' && now.host) {
      const { addresses, ...host } = now.host;
      const ip = addresses.find((x) => x.type !== 'mac') ?? addresses[0];
      scan.hosts.push({ ...host, address: ip?.addr ?? '', addrType: ip?.type ?? '' });
      now.host = undefined;
    }
  });
  try {
    parser.write(text).close();
  } catch (error) {
    if (error instanceof NotNmap) {
      return {
        ok: false,
        reason:
          "This XML file is not nmap output: its root element is not <nmaprun>. Save the scan with nmap's -oX option and import that file.",
      };
    }
    return {
      ok: false,
      reason:
        'The file is not well-formed XML, so it is damaged or was changed after nmap wrote it.',
      detail: (error instanceof Error ? error.message : String(error)).slice(0, 500),
    };
  }
  return { ok: true, scan };
}
