/**
 * Scan evidence end to end: real nmap against real services on 127.0.0.1 (an open and a closed
 * Postfix, tinyproxy, Dante, a port with nothing listening), its XML imported through the built
 * app's scan step, and what the step then says. Nothing is scanned but 127.0.0.1.
 */
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Browser } from 'playwright-core';
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
    startScanServices(),
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
