/**
 * Scan evidence end to end: real nmap against real services on 127.0.0.1 (an open and a closed
 * Postfix, tinyproxy, Dante, a port with nothing listening), its XML imported through the built
 * app's scan step, and what the step then says. Nothing is scanned but 127.0.0.1.
 */
import { execFileSync } from 'node:child_process';
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Browser, Download, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { axeViolations, openApp, serveApp, stepHeading } from './support/app';
import { launchBrowser } from './support/browser';
import type { StaticServer } from './support/static-server';
import { runNmap, startScanServices, type ScanServices } from './support/scan-services';

let browser: Browser;
let server: StaticServer;
let services: ScanServices;
let work: string;
let outsideXml: string;
let noSvXml: string;

async function scan(extra: string[], file: string): Promise<string> {
  const p = services.ports;
  const result = await runNmap(
    [
      '-Pn',
      '-n',
      ...extra,
      '-p',
      [p.openRelay, p.closedRelay, p.httpProxy, p.socksProxy, p.nothing].join(','),
      '--script',
      'smtp-open-relay,http-open-proxy,+socks-open-proxy',
      '--script-args',
      `smtp-open-relay.domain=example.org,proxy.url=${services.pageUrl}`,
      '-oX',
      file,
    ],
    ['127.0.0.1'],
  );
  expect(result.code, result.stderr).toBe(0);
  return file;
}

beforeAll(async () => {
  [browser, server, services, work] = await Promise.all([
    launchBrowser(),
    serveApp(),
    // SOCKS on 1080, one of the ports the generated command scans and where nmap's SOCKS test
    // runs unforced, as it would on a real network.
    startScanServices({ socksPort: 1080 }),
    mkdtemp(join(tmpdir(), 'scans-e2e-')),
  ]);
  outsideXml = await scan(['-sV'], join(work, 'college-outside-view.xml'));
  noSvXml = await scan([], join(work, 'college-inside-view.xml'));
}, 180_000);

afterAll(async () => {
  await browser?.close();
  await server?.stop();
  await services?.stop();
  if (work) await rm(work, { recursive: true, force: true });
});

describe('importing real nmap scans through the scan step', () => {
  test('open relay, not a relay, not run, open proxies; bad files refused; axe clean', async () => {
    const { page, errors, close } = await openApp(browser, server.url);
    await page.getByRole('button', { name: 'Network scans (optional)' }).click();
    await expect.poll(() => stepHeading(page)).toBe('Network scans');
    await page.getByText('No scan imported yet.').waitFor({ timeout: 15_000 });
    // No addresses in the profile yet: no command to scan, and the step says what it needs.
    await page.getByText(/Give the mail server addresses and network ranges/).waitFor();
    expect(await axeViolations(page)).toEqual([]);

    await page.locator('#scan-files').setInputFiles([outsideXml, noSvXml]);
    const messages = page.locator('.import-messages');
    await expect
      .poll(() => messages.innerText(), { timeout: 20_000 })
      .toMatch(
        /college-outside-view\.xml: Imported: 1 host up[\s\S]*college-inside-view\.xml: Imported/,
      );

    const outside = page.getByRole('region', { name: 'Scan college-outside-view.xml' });
    const rowFor = (port: number) => outside.locator('tr', { hasText: `${port}/tcp` });
    const p = services.ports;
    await expect(rowFor(p.openRelay).innerText()).resolves.toMatch(
      /Postfix smtpd[\s\S]*OPEN RELAY: 16 of nmap's 16 relay tests were accepted/,
    );
    await expect(rowFor(p.closedRelay).innerText()).resolves.toMatch(
      /not a relay: every one of nmap’s relay tests was refused/,
    );
    await expect(rowFor(p.httpProxy).innerText()).resolves.toMatch(/tinyproxy[\s\S]*OPEN PROXY/);
    await expect(rowFor(p.socksProxy).innerText()).resolves.toMatch(/OPEN PROXY: a connection/);
    await expect(rowFor(p.nothing).innerText()).resolves.toMatch(/closed/);
    await expect(outside.innerText()).resolves.toMatch(/Outside view/);
    await expect(outside.locator('select').inputValue()).resolves.toBe('outside');

    const inside = page.getByRole('region', { name: 'Scan college-inside-view.xml' });
    await expect(inside.locator('select').inputValue()).resolves.toBe('inside');
    await expect(
      inside.locator('tr', { hasText: `${p.openRelay}/tcp` }).innerText(),
    ).resolves.toMatch(/not run: nmap's smtp-open-relay script did not run on this port/);
    expect(await axeViolations(page)).toEqual([]);

    // The same file again, an XML bomb, and a cut-short file: each refused with its reason.
    const bomb = join(work, 'bomb-outside.xml');
    await writeFile(
      bomb,
      '<?xml version="1.0"?><!DOCTYPE nmaprun [<!ENTITY a "aaaaaaaaaa"><!ENTITY b "&a;&a;&a;&a;">]><nmaprun scanner="nmap">&b;</nmaprun>',
    );
    const cut = join(work, 'cut-outside.xml');
    const { readFile } = await import('node:fs/promises');
    const full = await readFile(outsideXml, 'utf8');
    await writeFile(cut, full.slice(0, full.length / 2));
    await page.locator('#scan-files').setInputFiles([outsideXml, bomb, cut]);
    await expect
      .poll(() => messages.innerText(), { timeout: 20_000 })
      .toMatch(/already imported[\s\S]*XML bomb[\s\S]*cut short/);
    await expect(page.getByRole('region', { name: /^Scan / }).count()).resolves.toBe(2);

    // Kept with the assessment: a reload shows both scans again.
    await page.waitForTimeout(1500);
    await page.reload();
    await page
      .getByRole('region', { name: 'Scan college-outside-view.xml' })
      .waitFor({ timeout: 15_000 });
    await expect(page.getByRole('region', { name: /^Scan / }).count()).resolves.toBe(2);
    expect(errors).toEqual([]);
    await close();
  }, 120_000);
});

/** Clicks `button` and saves what it downloads under `work`. */
async function download(page: Page, button: string): Promise<string> {
  const [event]: [Download, void] = await Promise.all([
    page.waitForEvent('download'),
    page.getByRole('button', { name: button }).click(),
  ]);
  const path = join(work, event.suggestedFilename());
  await event.saveAs(path);
  return path;
}

/**
 * Runs a command the app wrote, as an administrator would, with one honest change: the harness's
 * services listen on ports picked at random (Postfix cannot share 25 and 587 with the machine),
 * so the generated port list is replaced by the harness's ports; the scripts, their arguments and
 * every other option stay as generated. The proxy scripts are also given the loopback page to
 * fetch (proxy.url), so that no request through a proxy is ever meant for another host.
 */
async function runGenerated(command: string, ports: number[]): Promise<string> {
  const words = command.split(' ');
  expect(words[0]).toBe('nmap');
  const portAt = words.indexOf('-p');
  const outAt = words.indexOf('-oX');
  expect(portAt, command).toBeGreaterThan(0);
  expect(outAt, command).toBeGreaterThan(portAt);
  const args = words.slice(1, outAt + 2);
  args[portAt] = `T:${ports.join(',')}`;
  const scriptArgs = args.indexOf('--script-args');
  if (args.includes('--script')) {
    if (scriptArgs === -1) args.push('--script-args', `proxy.url=${services.pageUrl}`);
    else args[scriptArgs + 1] += `,proxy.url=${services.pageUrl}`;
  }
  const file = join(work, words[outAt + 1]!);
  args[args.indexOf('-oX') + 1] = file;
  const targets = words.slice(outAt + 2);
  const result = await runNmap(args, targets);
  expect(result.code, result.stderr).toBe(0);
  return file;
}

describe('the generated commands, run against the loopback services and imported', () => {
  test('relay, proxies and not run read as nmap said; answers claiming otherwise show the conflicts, the plan entries and the PDF section', async () => {
    const { page, errors, close } = await openApp(browser, server.url);
    const p = services.ports;
    // A profile whose mail server and range are this computer: the commands scan 127.0.0.1 only.
    await page.getByLabel('Organisation name').fill('Coleg Loopback');
    await page.getByRole('radio', { name: 'Own mail servers', exact: true }).check();
    await page.getByLabel('Mail domains').fill('example.org');
    await page.getByLabel('Mail server addresses').fill('127.0.0.1');
    await page.getByLabel('Network ranges').fill('127.0.0.1/32');
    await page.getByRole('button', { name: 'Network scans (optional)' }).click();
    await expect.poll(() => stepHeading(page)).toBe('Network scans');
    const outsideCommand = await page.locator('#command-outside code').innerText();
    const insideCommand = await page.locator('#command-inside code').innerText();
    expect(outsideCommand).toBe(
      'nmap -Pn -sV -p T:25,80,465,587,1080,3128,8000,8080,8081,8118,8888,9050 --script smtp-open-relay,http-open-proxy,socks-open-proxy --script-args smtp-open-relay.domain=example.org -oX coleg-loopback-outside-view.xml 127.0.0.1',
    );
    expect(insideCommand).toBe(
      'nmap -sV -p T:25,465,587 --open -oX coleg-loopback-inside-view.xml 127.0.0.1',
    );
    // The SOCKS server is on 1080, which the generated list has; the rest are the harness's own.
    const outside = await runGenerated(outsideCommand, [
      p.openRelay,
      p.closedRelay,
      p.httpProxy,
      p.socksProxy,
      p.nothing,
    ]);
    const inside = await runGenerated(insideCommand, [p.openRelay, p.closedRelay]);

    await page.locator('#scan-files').setInputFiles([outside, inside]);
    await expect
      .poll(() => page.locator('.import-messages').innerText(), { timeout: 30_000 })
      .toMatch(
        /outside-view\.xml: Imported: 1 host up[\s\S]*inside-view\.xml: Imported: 1 host up/,
      );
    const outsideScan = page.getByRole('region', { name: 'Scan coleg-loopback-outside-view.xml' });
    const row = (port: number) => outsideScan.locator('tr', { hasText: `${port}/tcp` }).innerText();
    await expect(row(p.openRelay)).resolves.toMatch(/OPEN RELAY: 16 of nmap's 16 relay tests/);
    await expect(row(p.closedRelay)).resolves.toMatch(/not a relay/);
    await expect(row(p.httpProxy)).resolves.toMatch(/tinyproxy[\s\S]*OPEN PROXY/);
    await expect(row(p.socksProxy)).resolves.toMatch(/OPEN PROXY: a connection was passed on/);
    // The inside view has no relay script: on the relay's port the test did not run.
    const insideScan = page.getByRole('region', { name: 'Scan coleg-loopback-inside-view.xml' });
    await expect(
      insideScan.locator('tr', { hasText: `${p.openRelay}/tcp` }).innerText(),
    ).resolves.toMatch(/Open relay test: not run/);
    // Loopback in an "outside view" is flagged: it is not what the internet sees.
    await expect(outsideScan.innerText()).resolves.toMatch(
      /marked as the outside view, but 1 host is at a private or other non-public address \(127\.0\.0\.1: loopback/,
    );
    expect(await axeViolations(page)).toEqual([]);

    // The answers claim no relay and no proxy: each card states the contradiction.
    await page.getByRole('button', { name: /Open relays and open proxies/ }).click();
    for (const id of ['no-open-relay', 'no-open-proxies']) {
      const card = page.locator('article', { has: page.locator(`#control-${id}-title`) });
      await card.getByRole('radio', { name: 'Implemented', exact: true }).check();
      await card
        .getByRole('note', { name: 'The answer contradicts the network scans' })
        .waitFor({ timeout: 15_000 });
    }
    const relayCard = page.locator('article', {
      has: page.locator('#control-no-open-relay-title'),
    });
    await expect(
      relayCard.getByRole('note', { name: 'The answer contradicts the network scans' }).innerText(),
    ).resolves.toContain(
      `You answered Implemented, but the imported network scan found an open relay on 127.0.0.1 port ${p.openRelay}/tcp.`,
    );
    await expect(
      relayCard.getByRole('button', { name: 'See the network scans' }).count(),
    ).resolves.toBe(1);

    await page.getByRole('button', { name: 'Results and report' }).click();
    await expect.poll(() => stepHeading(page)).toBe('Results');
    const conflicts = page.getByRole('note', { name: 'Answers contradict the network scans' });
    await conflicts.waitFor({ timeout: 15_000 });
    await expect(conflicts.innerText()).resolves.toMatch(
      new RegExp(
        `No host relays mail[\\s\\S]*open relay on 127\\.0\\.0\\.1 port ${p.openRelay}/tcp[\\s\\S]*No open HTTP or SOCKS proxies[\\s\\S]*2 open proxies`,
      ),
    );
    await page
      .getByRole('rowheader', { name: `Open relay on 127.0.0.1 port ${p.openRelay}/tcp` })
      .waitFor({ timeout: 15_000 });
    expect(await axeViolations(page)).toEqual([]);

    const csv = await readFile(await download(page, 'Download action plan (CSV)'), 'utf8');
    for (const title of [
      `Open relay on 127.0.0.1 port ${p.openRelay}/tcp`,
      `Open proxy on 127.0.0.1 port ${p.httpProxy}/tcp`,
      `Open proxy on 127.0.0.1 port ${p.socksProxy}/tcp`,
    ]) {
      expect(csv).toContain(`"${title}","MUST"`);
    }
    expect(csv).toContain('Stop the host relaying today');
    expect(csv).toContain('nmap scan “coleg-loopback-outside-view.xml” (outside view');

    const pdf = await download(page, 'Download PDF report');
    const text = execFileSync('pdftotext', [pdf, '-'], { encoding: 'utf8' }).replace(/\s+/g, ' ');
    expect(text).toContain('Network scan evidence');
    expect(text).toContain('This app never scans anything itself');
    expect(text).toContain('Vantage point Outside view');
    expect(text).toMatch(/nmap version \d+\.\d+/);
    expect(text).toContain(
      `T:${p.openRelay},${p.closedRelay},${p.httpProxy},${p.socksProxy},${p.nothing}`,
    );
    expect(text).toContain("OPEN RELAY: 16 of nmap's 16 relay tests were accepted");
    expect(text).toContain('What was not tested');
    expect(text).toMatch(
      new RegExp(`127\\.0\\.0\\.1 port ${p.openRelay}/tcp: Open relay test: not run`),
    );
    expect(text).toContain('Answers contradict the network scans');
    expect(errors).toEqual([]);
    await close();
  }, 240_000);
});
