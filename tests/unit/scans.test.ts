// @vitest-environment jsdom
// The XML is read by a DOMParser, as in the browser: jsdom's here.
import { describe, expect, test } from 'vitest';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { readNmapXml } from '../../src/lib/scans/io/read-nmap-xml';
import { toEvidence, duplicateOf, vantageFromFileName } from '../../src/lib/scans/domain/evidence';
import {
  isSmtp,
  portListIncludes,
  portOnHost,
  testOnPort,
  type TestKind,
} from '../../src/lib/scans/domain/classify';
import {
  countHostElements,
  precheckScanText,
  checkScanSize,
} from '../../src/lib/scans/domain/limits';
import { supportOf, compareVersions } from '../../src/lib/scans/domain/support';
import { softwareSupport } from '../../src/lib/content/software-support';
import { testResultText } from '../../src/lib/scans/domain/wording';
import type { ScanEvidence } from '../../src/lib/model/scan-evidence';

const FIXTURES = join(import.meta.dirname, '..', 'fixtures', 'scans');
const fixture = (name: string) => readFileSync(join(FIXTURES, name), 'utf8');

function evidence(text: string, fileName = 'scan.xml'): ScanEvidence {
  const read = readNmapXml(text);
  if (!read.ok) throw new Error(read.reason);
  const result = toEvidence(read.scan, {
    id: 's1',
    fileName,
    sha256: 'a'.repeat(64),
    bytes: text.length,
    importedAt: '2026-11-30T12:00:00.000Z',
    vantage: 'outside',
  });
  if (!result.ok) throw new Error(result.reason);
  return result.evidence;
}

function find(scan: ScanEvidence, pred: (text: string) => boolean) {
  const host = scan.hosts[0]!;
  const port = host.ports.find((p) => pred(JSON.stringify(p)));
  if (!port) throw new Error('port not in fixture');
  return port;
}

describe('reading real nmap XML (captured from the loopback harness)', () => {
  const withSv = evidence(fixture('loopback-sv.xml'));
  const withoutSv = evidence(fixture('loopback-no-sv.xml'));

  test('keeps what nmap recorded: version, command line, times, host', () => {
    expect(withSv.nmapVersion).toMatch(/^7\./);
    expect(withSv.commandLine).toContain('smtp-open-relay');
    expect(withSv.startedAt).toMatch(/^\d{4}-\d\d-\d\dT/);
    expect(withSv.finishedAt).toMatch(/^\d{4}-\d\d-\d\dT/);
    expect(withSv.exit).toBe('success');
    expect(withSv.hosts).toHaveLength(1);
    expect(withSv.hosts[0]!.address).toBe('127.0.0.1');
    expect(withSv.hosts[0]!.status).toBe('up');
  });

  test('the open Postfix is an open relay, with how many tests passed', () => {
    const port = find(withSv, (t) => t.includes('open relay ('));
    const result = testOnPort(port, 'relay');
    expect(result).toMatchObject({ outcome: 'positive', passed: 16, total: 16 });
    expect(testResultText('relay', result)).toBe(
      "OPEN RELAY: 16 of nmap's 16 relay tests were accepted",
    );
    expect(port.service?.product).toBe('Postfix smtpd');
    expect(isSmtp(port)).toBe(true);
  });

  test('the closed Postfix is not a relay', () => {
    const port = find(withSv, (t) => t.includes('all tests failed'));
    expect(testOnPort(port, 'relay').outcome).toBe('negative');
    expect(isSmtp(port)).toBe(true);
  });

  test('tinyproxy and Dante are open proxies', () => {
    const http = find(withSv, (t) => t.includes('Potentially OPEN proxy'));
    expect(testOnPort(http, 'http-proxy').outcome).toBe('positive');
    expect(http.service?.product).toBe('tinyproxy');
    const socks = find(withSv, (t) => t.includes('"status":"open"'));
    expect(testOnPort(socks, 'socks-proxy').outcome).toBe('positive');
  });

  test('the port with nothing listening is closed, and its tests were not run', () => {
    const closed = withSv.hosts[0]!.ports.find((p) => p.state === 'closed')!;
    expect(portOnHost(withSv, withSv.hosts[0]!, closed.port).class).toBe('closed');
    expect(testOnPort(closed, 'relay')).toEqual({ outcome: 'not-run', why: 'port-not-open' });
  });

  test('without -sV on a non-standard port the relay script did not run: "not run", never "not a relay"', () => {
    const host = withoutSv.hosts[0]!;
    const smtpPorts = host.ports.filter((p) => p.state === 'open' && !p.scripts.length);
    expect(smtpPorts.length).toBeGreaterThan(0);
    for (const port of smtpPorts) {
      const result = testOnPort(port, 'relay');
      expect(result).toEqual({ outcome: 'not-run', why: 'no-script' });
      expect(testResultText('relay', result)).toMatch(/^not run/);
    }
  });

  test('a port that was not in the scan is "not scanned"', () => {
    const host = withSv.hosts[0]!;
    expect(portOnHost(withSv, host, 25).class).toBe('not-scanned');
  });

  test('an inventory scan reads too', () => {
    const inventory = evidence(fixture('loopback-inventory.xml'));
    expect(inventory.hosts[0]!.ports.filter(isSmtp)).toHaveLength(2);
  });
});

describe('bad input gets a plain message and nothing else', () => {
  const good = fixture('loopback-sv.xml');
  const read = (text: string) => readNmapXml(text);

  test('an XML bomb (entity declarations) is refused before parsing', () => {
    const bomb = good.replace(
      '<!DOCTYPE nmaprun>',
      '<!DOCTYPE nmaprun [<!ENTITY a "aaaaaaaaaa"><!ENTITY b "&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;">]>',
    );
    const result = read(bomb);
    expect(result.ok).toBe(false);
    expect(!result.ok && result.reason).toMatch(/XML bomb/);
  });

  test('a truncated file is refused as cut short', () => {
    const result = read(good.slice(0, Math.floor(good.length * 0.6)));
    expect(!result.ok && result.reason).toMatch(/cut short/);
  });

  test('XML that is not nmap, and text that is not XML, are refused', () => {
    expect(!read('<?xml version="1.0"?><svg></svg>').ok && true).toBe(true);
    const svg = read('<?xml version="1.0"?><svg></svg>');
    expect(!svg.ok && svg.reason).toMatch(/not nmap output/);
    const text = read('Nmap scan report for 127.0.0.1\nPORT STATE SERVICE');
    expect(!text.ok && text.reason).toMatch(/not an nmap XML file/);
  });

  test('damaged XML (well-formedness) is refused', () => {
    const result = read(good.replace('<ports>', '<ports><port'));
    expect(result.ok).toBe(false);
    expect(!result.ok && result.reason).toMatch(/not well-formed/);
  });

  test('over the host limit is refused before parsing', () => {
    const host = /<host [\s\S]*?<\/host>/.exec(good)![0];
    const many = good.replace(host, host.repeat(16_385));
    expect(countHostElements(many)).toBe(16_385);
    const result = read(many);
    expect(!result.ok && result.reason).toMatch(/16,385 hosts/);
  });

  test('a file with no host up is no evidence, and says so', () => {
    const down = good.replace('<status state="up"', '<status state="down"');
    const raw = read(down);
    expect(raw.ok).toBe(true);
    const result = raw.ok
      ? toEvidence(raw.scan, {
          id: 'x',
          fileName: 'x.xml',
          sha256: 'b'.repeat(64),
          bytes: 1,
          importedAt: '2026-11-30T12:00:00.000Z',
          vantage: 'inside',
        })
      : undefined;
    expect(result && !result.ok && result.reason).toMatch(/No host in this scan was up/);
  });

  test('an old nmap version is read with a warning', () => {
    const old = good.replace(/version="7\.\d+"/, 'version="6.40"');
    const raw = read(old);
    const result = raw.ok
      ? toEvidence(raw.scan, {
          id: 'x',
          fileName: 'x.xml',
          sha256: 'b'.repeat(64),
          bytes: 1,
          importedAt: '2026-11-30T12:00:00.000Z',
          vantage: 'inside',
        })
      : undefined;
    expect(result?.ok && result.notices.join(' ')).toMatch(/older than 7\.00/);
  });

  test('size limits and empty files', () => {
    expect(checkScanSize(0)).toMatch(/empty/);
    expect(checkScanSize(100 * 1024 * 1024)).toMatch(/at most/);
    expect(checkScanSize(1000)).toBeUndefined();
    expect(precheckScanText('  ')).toMatch(/empty/);
  });

  test('the same file twice is found by its digest', () => {
    const scan = evidence(good);
    expect(duplicateOf([scan], scan.sha256)).toBe(scan);
    expect(duplicateOf([scan], 'c'.repeat(64))).toBeUndefined();
  });
});

describe('classification details', () => {
  test('port lists', () => {
    expect(portListIncludes('1-1024,3128', 25)).toBe(true);
    expect(portListIncludes('1-1024,3128', 3128)).toBe(true);
    expect(portListIncludes('25,465,587', 80)).toBe(false);
  });

  test.each<[TestKind, string, string]>([
    ['relay', "Server isn't an open relay, authentication needed", 'negative'],
    ['relay', "Couldn't establish connection on port 25", 'inconclusive'],
    ['relay', 'Failed to issue EHLO command (TIMEOUT)', 'inconclusive'],
    ['http-proxy', 'Proxy might be redirecting requests', 'inconclusive'],
    ['http-proxy', '', 'negative'],
  ])('%s script saying %j is %s', (kind, output, outcome) => {
    const id = {
      relay: 'smtp-open-relay',
      'http-proxy': 'http-open-proxy',
      'socks-proxy': 'socks-open-proxy',
    }[kind];
    const port = {
      protocol: 'tcp' as const,
      port: 25,
      state: 'open',
      reason: '',
      scripts: [{ id, output, elems: {} }],
    };
    expect(testOnPort(port, kind).outcome).toBe(outcome);
  });

  test('a SOCKS answer other than open is inconclusive, never open', () => {
    const port = {
      protocol: 'tcp' as const,
      port: 1080,
      state: 'open',
      reason: '',
      scripts: [
        {
          id: 'socks-open-proxy',
          output: 'pattern not matched',
          elems: { status: 'pattern not matched' },
        },
      ],
    };
    expect(testOnPort(port, 'socks-proxy').outcome).toBe('inconclusive');
  });

  test('vantage from the file names the commands use', () => {
    expect(vantageFromFileName('example-outside-view.xml')).toBe('outside');
    expect(vantageFromFileName('inside-view.xml')).toBe('inside');
    expect(vantageFromFileName('scan.xml')).toBeUndefined();
  });
});

describe('the dated support table', () => {
  const service = (product: string, version: string) => ({
    name: 'smtp',
    product,
    version,
    extrainfo: '',
    method: 'probed',
  });

  test('Exchange 2016 and 2019 are out of support since 14 October 2025, as of the table date', () => {
    const s2016 = supportOf(service('Microsoft Exchange smtpd', '15.1.2507.39'), softwareSupport);
    expect(s2016).toMatchObject({
      status: 'out-of-support',
      entry: { endOfSupport: '2025-10-14' },
    });
    const s2019 = supportOf(service('Microsoft Exchange smtpd', '15.2.1748.10'), softwareSupport);
    expect(s2019.status === 'out-of-support' && s2019.entry.name).toBe(
      'Microsoft Exchange Server 2019',
    );
  });

  test('Subscription Edition, Postfix and a missing version are "not known", never "supported"', () => {
    expect(
      supportOf(service('Microsoft Exchange smtpd', '15.2.2562.17'), softwareSupport).status,
    ).toBe('unknown');
    expect(supportOf(service('Postfix smtpd', ''), softwareSupport)).toMatchObject({
      status: 'unknown',
      why: 'not-in-table',
    });
    expect(supportOf(service('Microsoft Exchange smtpd', ''), softwareSupport)).toMatchObject({
      status: 'unknown',
      why: 'no-version',
    });
  });

  test('versions compare numerically', () => {
    expect(compareVersions('15.2.1748', '15.2.2562')).toBeLessThan(0);
    expect(compareVersions('15.10', '15.2')).toBeGreaterThan(0);
  });
});

describe('the rows the screen and the PDF share', () => {
  test('every open port of the scan without -sV says the relay test was not run, never "not a relay"', async () => {
    const { summariseScan } = await import('../../src/lib/scans/domain/summary');
    const scan = evidence(fixture('loopback-no-sv.xml'));
    const summary = summariseScan(scan, softwareSupport);
    const open = summary.rows.filter((r) => r.state === 'open');
    expect(open.length).toBeGreaterThan(0);
    for (const row of open.filter((r) => !r.tests.some((t) => /OPEN PROXY/.test(t)))) {
      expect(row.tests.join(' ')).toMatch(/Open relay test: not run/);
      expect(row.tests.join(' ')).not.toMatch(/not a relay/);
    }
  });
});

describe('commands written for the organisation', () => {
  test('outside and inside views from the profile, with XML output named by vantage point', async () => {
    const { scanCommands } = await import('../../src/lib/scans/domain/commands');
    const { emptyProfile } = await import('../../src/lib/model/assessment');
    const profile = {
      ...emptyProfile(),
      organisation: 'Coleg Bach',
      mailDomains: 'colegbach.ac.uk',
      mailServers: '192.0.2.25',
      networkRanges: '192.0.2.0/24\n2001:db8::/120',
    };
    const { commands } = scanCommands(profile);
    const [outside, inside] = commands;
    expect(outside!.command).toBe(
      'nmap -Pn -sV -p T:25,80,465,587,1080,3128,8000,8080,8081,8118,8888,9050 --script smtp-open-relay,http-open-proxy,socks-open-proxy --script-args smtp-open-relay.domain=colegbach.ac.uk -oX coleg-bach-outside-view.xml 192.0.2.25 192.0.2.0/24',
    );
    expect(outside!.commandIpv6).toMatch(
      /^nmap -6 .* -oX coleg-bach-outside-view-ipv6\.xml 2001:db8::\/120$/,
    );
    expect(outside!.whereToRun).toMatch(/block outbound port 25/);
    expect(inside!.command).toBe(
      'nmap -sV -p T:25,465,587 --open -oX coleg-bach-inside-view.xml 192.0.2.0/24',
    );
    expect(outside!.duration).toMatch(/minutes/);
    expect(scanCommands(emptyProfile()).missing).toMatch(
      /mail server addresses and network ranges/,
    );
  });
});
