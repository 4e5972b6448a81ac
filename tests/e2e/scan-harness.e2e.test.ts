/**
 * Proves the scan harness: real Postfix (open and closed relay), tinyproxy and microsocks on
 * loopback, scanned by real nmap at 127.0.0.1 only, say what the guidance cares about.
 *
 * With CAPTURE_SCAN_FIXTURES=1 it also writes the XML nmap produced to tests/fixtures/scans/,
 * where the unit tests read it: the fixtures are captured, never written by hand.
 *   CAPTURE_SCAN_FIXTURES=1 npx vitest run --project e2e tests/e2e/scan-harness.e2e.test.ts
 */
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { runNmap, startScanServices, type ScanServices } from './support/scan-services';

const FIXTURES = join(import.meta.dirname, '..', 'fixtures', 'scans');
const capture = process.env.CAPTURE_SCAN_FIXTURES === '1';

let services: ScanServices;

beforeAll(async () => {
  services = await startScanServices();
});

afterAll(async () => {
  await services?.stop();
});

function scriptArgs(): string {
  return [
    'smtp-open-relay.domain=example.org',
    // The proxy scripts fetch this loopback page through the proxy, never their default sites.
    // No proxy.pattern: nmap reads only the first chunk of the answer, which may be the headers.
    `proxy.url=${services.pageUrl}`,
  ].join(',');
}

async function scan(name: string, extra: string[]) {
  const p = services.ports;
  const ports = [p.openRelay, p.closedRelay, p.httpProxy, p.socksProxy, p.nothing].join(',');
  const args = [
    '-Pn',
    '-n',
    ...extra,
    '-p',
    ports,
    '--script',
    // "+": run the SOCKS test whatever the port, as -sV does not name Dante's service here.
    'smtp-open-relay,http-open-proxy,+socks-open-proxy',
    '--script-args',
    scriptArgs(),
    '-oX',
    '-',
  ];
  const result = await runNmap(args, ['127.0.0.1']);
  expect(result.code, result.stderr).toBe(0);
  if (capture) await writeFile(join(FIXTURES, `${name}.xml`), result.stdout);
  return result.stdout;
}

function portXml(xml: string, port: number): string {
  const match = new RegExp(`<port protocol="tcp" portid="${port}">[\\s\\S]*?</port>`).exec(xml);
  return match?.[0] ?? '';
}

describe('the scan harness (real services on 127.0.0.1, real nmap)', () => {
  test('with -sV: open relay, not a relay, open HTTP and SOCKS proxies, a closed port', async () => {
    const xml = await scan('loopback-sv', ['-sV']);
    const p = services.ports;
    expect(portXml(xml, p.openRelay)).toMatch(/Server is an open relay \(\d+\/16 tests\)/);
    expect(portXml(xml, p.closedRelay)).toContain('open relay, all tests failed');
    expect(portXml(xml, p.httpProxy)).toContain('Potentially OPEN proxy');
    expect(portXml(xml, p.socksProxy)).toMatch(/<elem key="status">open<\/elem>/);
    expect(portXml(xml, p.nothing)).toContain('state="closed"');
  }, 120_000);

  test('without -sV on non-standard ports, the relay and HTTP proxy scripts do not run', async () => {
    const xml = await scan('loopback-no-sv', []);
    const p = services.ports;
    expect(portXml(xml, p.openRelay)).toContain('state="open"');
    expect(portXml(xml, p.openRelay)).not.toContain('id="smtp-open-relay"');
    expect(portXml(xml, p.httpProxy)).not.toContain('id="http-open-proxy"');
  }, 120_000);

  test('an inventory scan (no scripts) lists who listens', async () => {
    const p = services.ports;
    const result = await runNmap(
      ['-Pn', '-n', '-sV', '-p', `${p.openRelay},${p.closedRelay},${p.nothing}`, '-oX', '-'],
      ['127.0.0.1'],
    );
    expect(result.code, result.stderr).toBe(0);
    if (capture) await writeFile(join(FIXTURES, 'loopback-inventory.xml'), result.stdout);
    expect(portXml(result.stdout, p.openRelay)).toContain('Postfix smtpd');
  }, 120_000);

  test('nmap is never pointed anywhere but loopback', () => {
    expect(() => runNmap(['-oX', '-'], ['192.0.2.1'])).toThrow(/127\.0\.0\.1 only/);
  });
});
