// @vitest-environment jsdom
// Findings and conflicts from the real nmap XML captured against the loopback harness (Postfix as
// an open and a closed relay, tinyproxy, a SOCKS server, a closed port): read with a DOMParser as
// in the browser.
import { describe, expect, test } from 'vitest';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { readNmapXml } from '../../src/lib/scans/io/read-nmap-xml';
import { toEvidence } from '../../src/lib/scans/domain/evidence';
import { scanFindings, inProfile, profileAddresses } from '../../src/lib/scans/domain/findings';
import { scanAddressFlags } from '../../src/lib/scans/domain/address-flags';
import {
  addressFlagLines,
  scanFindingEvidence,
  scanFindingTitle,
  scanFindingsClause,
} from '../../src/lib/scans/domain/finding-wording';
import { softwareSupport } from '../../src/lib/content/software-support';
import { defaultCatalogue } from '../../src/lib/content/checklist';
import { newAssessment, type Assessment, type Profile } from '../../src/lib/model/assessment';
import type { ScanEvidence, Vantage } from '../../src/lib/model/scan-evidence';
import { computeResults } from '../../src/lib/checklist/results';
import {
  cardConflictText,
  conflictSentence,
  scanConflict,
} from '../../src/lib/checklist/evidence-conflicts';
import { reportFindings } from '../../src/lib/report/findings';
import { ACTION_PLAN_COLUMNS, actionPlanRows } from '../../src/lib/report/csv';
import { verdictExplanation } from '../../src/lib/report/wording';
import { answer } from '../fixtures/assessment';

const FIXTURES = join(import.meta.dirname, '..', 'fixtures', 'scans');
const fixture = (name: string) => readFileSync(join(FIXTURES, name), 'utf8');

function evidence(text: string, vantage: Vantage = 'outside', fileName = 'scan.xml'): ScanEvidence {
  const read = readNmapXml(text);
  if (!read.ok) throw new Error(read.reason);
  const result = toEvidence(read.scan, {
    id: fileName,
    fileName,
    sha256: 'a'.repeat(64),
    bytes: text.length,
    importedAt: '2026-11-30T12:00:00.000Z',
    vantage,
  });
  if (!result.ok) throw new Error(result.reason);
  return result.evidence;
}

const base = newAssessment({
  id: 'x',
  now: new Date('2026-11-30T00:00:00Z'),
  catalogueVersion: defaultCatalogue.version,
});
const profile = (extra: Partial<Profile>): Profile => ({
  ...base.profile,
  serviceModel: 'own',
  ...extra,
});
const declared = profile({ mailServers: '127.0.0.1', networkRanges: '127.0.0.0/8' });
const undeclared = profile({ mailServers: '192.0.2.25', networkRanges: '127.0.0.0/8' });

const withSv = evidence(fixture('loopback-sv.xml'));
const withoutSv = evidence(fixture('loopback-no-sv.xml'));

describe('findings from the captured loopback scans', () => {
  test('with -sV: an open relay on the open Postfix, open proxies on tinyproxy and the SOCKS server, nothing on the closed Postfix', () => {
    const found = scanFindings([withSv], declared, softwareSupport);
    expect(found.map((f) => [f.kind, f.port, f.proxy ?? ''])).toEqual([
      ['open-relay', 38809, ''],
      ['open-proxy', 36873, 'socks-proxy'],
      ['open-proxy', 38891, 'http-proxy'],
    ]);
    expect(found[0]!.relayTests).toEqual({ passed: 16, total: 16 });
    expect(scanFindingTitle(found[0]!)).toBe('Open relay on 127.0.0.1 port 38809/tcp');
    expect(scanFindingEvidence(found[0]!)).toContain('16 of its 16 relay tests were accepted');
    // The closed relay refused every test: no finding on its port.
    expect(found.some((f) => f.port === 33997)).toBe(false);
  });

  test('without -sV the relay script did not run on the non-standard ports: no relay finding, never "clean" either', () => {
    const found = scanFindings([withoutSv], declared, softwareSupport);
    expect(found.filter((f) => f.kind === 'open-relay')).toEqual([]);
  });

  test('SMTP on a host the profile does not list as a mail server: an unnecessary daemon, and reachable from outside', () => {
    const found = scanFindings([withSv], undeclared, softwareSupport);
    const daemons = found.filter((f) => f.kind === 'unnecessary-daemon');
    expect(daemons.map((f) => f.port).sort()).toEqual([33997, 38809]);
    expect(daemons[0]!.software).toMatch(/^Postfix smtpd/);
    expect(found.filter((f) => f.kind === 'reachable-port').map((f) => f.port)).toEqual(
      daemons.map((f) => f.port),
    );
    // From inside, the port is not "reachable from outside".
    const inside = evidence(fixture('loopback-sv.xml'), 'inside');
    const fromInside = scanFindings([inside], undeclared, softwareSupport);
    expect(fromInside.filter((f) => f.kind === 'reachable-port')).toEqual([]);
    expect(fromInside.filter((f) => f.kind === 'unnecessary-daemon')).toHaveLength(2);
  });

  test('mail software in the support table is out of support (a variant of the capture naming Exchange 2016)', () => {
    const text = fixture('loopback-sv.xml').replaceAll(
      'product="Postfix smtpd"',
      'product="Microsoft Exchange smtpd" version="15.1.2507.39"',
    );
    const found = scanFindings([evidence(text)], declared, softwareSupport);
    const old = found.filter((f) => f.kind === 'out-of-support');
    expect(old.map((f) => f.port).sort()).toEqual([33997, 38809]);
    expect(scanFindingEvidence(old[0]!)).toContain('Microsoft Exchange Server 2016');
    expect(scanFindingEvidence(old[0]!)).toContain('2025-10-14');
  });

  test('no scans, no findings', () => {
    expect(scanFindings([], declared, softwareSupport)).toEqual([]);
  });
});

describe('addresses flagged', () => {
  test('a loopback host in an outside-view scan is not what the internet sees', () => {
    const flags = scanAddressFlags(withSv, declared);
    expect(flags.notPublic).toEqual([{ address: '127.0.0.1', why: 'loopback (this computer)' }]);
    expect(flags.outsideProfile).toEqual([]);
    expect(addressFlagLines(flags).join(' ')).toContain('marked as the outside view');
  });

  test('from inside, a private address is expected; a host outside the profile is flagged', () => {
    const inside = evidence(fixture('loopback-sv.xml'), 'inside');
    const flags = scanAddressFlags(inside, profile({ mailServers: '192.0.2.25' }));
    expect(flags.notPublic).toEqual([]);
    expect(flags.outsideProfile).toEqual(['127.0.0.1']);
    expect(addressFlagLines(flags)[0]).toBe(
      '1 host scanned is outside the profile’s mail servers and ranges (127.0.0.1): check they are yours to scan, or add them to the profile.',
    );
  });

  test('range membership, IPv4 and IPv6', () => {
    const addresses = profileAddresses(
      profile({ mailServers: '2001:db8::25', networkRanges: '192.0.2.0/24\n2001:db8:1::/48' }),
    );
    expect(inProfile('192.0.2.200', addresses)).toBe(true);
    expect(inProfile('192.0.3.1', addresses)).toBe(false);
    expect(inProfile('2001:0db8:0000::0025', addresses)).toBe(true);
    expect(inProfile('2001:db8:1:ffff::1', addresses)).toBe(true);
    expect(inProfile('2001:db8:2::1', addresses)).toBe(false);
    expect(inProfile('not an address', addresses)).toBe(false);
  });
});

function assessment(answers: Assessment['answers'], scans: ScanEvidence[]): Assessment {
  return { ...base, profile: declared, answers, scans };
}

describe('conflicts: the answer is never overridden, the contradiction is stated', () => {
  test('"Implemented" for the relay MUST with an open relay found: a conflict, the score and answer unchanged', () => {
    const a = assessment({ 'no-open-relay': answer('implemented') }, [withSv]);
    const results = computeResults(
      defaultCatalogue,
      a,
      scanFindings(a.scans, a.profile, softwareSupport),
    );
    const conflict = results.conflicts.find((c) => c.control.id === 'no-open-relay');
    expect(conflict?.kind).toBe('scan');
    expect(conflictSentence(conflict!)).toBe(
      '“No host relays mail for arbitrary senders and recipients” is answered Implemented, but the imported network scan found an open relay on 127.0.0.1 port 38809/tcp.',
    );
    const without = computeResults(defaultCatalogue, assessment(a.answers, []), []);
    expect(results.overall).toEqual(without.overall);
    expect(results.verdict.verdict).toBe(without.verdict.verdict);
    expect(verdictExplanation(results).lines.map((l) => l.before)).toContain(
      'MUST answered Implemented although the network scan evidence contradicts it: ',
    );
  });

  test('open proxies contradict "Implemented" for the proxy MUST, naming both', () => {
    const conflict = scanConflict(
      'implemented',
      { scanFindings: ['open-proxy'] },
      scanFindings([withSv], declared, softwareSupport),
    );
    expect(cardConflictText(conflict!)).toBe(
      'You answered Implemented, but the imported network scan found 2 open proxies (127.0.0.1 port 36873/tcp, 127.0.0.1 port 38891/tcp).',
    );
  });

  test('"Not implemented", "Partially implemented" and "Don\'t know" agree with the finding; no finding, no conflict', () => {
    const found = scanFindings([withSv], declared, softwareSupport);
    for (const status of ['not-implemented', 'partial', 'unknown'] as const) {
      expect(scanConflict(status, { scanFindings: ['open-relay'] }, found)).toBeUndefined();
    }
    expect(scanConflict('not-applicable', { scanFindings: ['open-relay'] }, found)?.kind).toBe(
      'scan',
    );
    const none = scanFindings([withoutSv], declared, softwareSupport);
    expect(scanConflict('implemented', { scanFindings: ['open-relay'] }, none)).toBeUndefined();
  });

  test('the clause counts scans and groups many places', () => {
    const found = scanFindings([withSv], undeclared, softwareSupport).filter(
      (f) => f.kind === 'unnecessary-daemon',
    );
    expect(scanFindingsClause(found)).toBe(
      'the imported network scan found 2 mail daemons on hosts the profile does not list as mail servers (127.0.0.1 port 33997/tcp, 127.0.0.1 port 38809/tcp)',
    );
  });
});

describe('findings in the remediation plan', () => {
  test('each finding is a plan entry with the host, the port and what to do, ranked with its control', () => {
    const a = assessment({ 'no-open-relay': answer('implemented') }, [withSv]);
    const results = computeResults(
      defaultCatalogue,
      a,
      scanFindings(a.scans, a.profile, softwareSupport),
    );
    const findings = reportFindings(defaultCatalogue, a, results);
    const scans = findings.filter((f) => f.kind === 'scan');
    expect(scans.map((f) => [f.title, f.level, f.control?.id])).toEqual([
      ['Open relay on 127.0.0.1 port 38809/tcp', 'MUST', 'no-open-relay'],
      ['Open proxy on 127.0.0.1 port 36873/tcp', 'MUST', 'no-open-proxies'],
      ['Open proxy on 127.0.0.1 port 38891/tcp', 'MUST', 'no-open-proxies'],
    ]);
    const rows = actionPlanRows(findings, {}, '2026-11-30');
    const row = rows.find((r) => r[0] === 'Open relay on 127.0.0.1 port 38809/tcp')!;
    const cell = (column: (typeof ACTION_PLAN_COLUMNS)[number]) =>
      row[ACTION_PLAN_COLUMNS.indexOf(column)]!;
    expect(cell('Answer')).toBe('Found by a scan');
    expect(cell('Evidence notes')).toContain('16 of its 16 relay tests were accepted');
    const reference = cell('Evidence reference');
    expect(reference).toBe('nmap scan “scan.xml” (outside view, ' + reference.split(', ').pop());
    expect(cell('What to do')).toMatch(/^Stop the host relaying today/);
  });
});

describe('the controls a scan can test', () => {
  test('say so in the catalogue, and their "How to check" ends with importing the result', async () => {
    const { shippedGuidance } = await import('../../src/lib/content/guidance');
    const { plainText } = await import('../../src/lib/model/catalogue');
    const tested = defaultCatalogue.sections
      .flatMap((s) => s.controls)
      .filter((c) => c.scanFindings.length > 0);
    expect(tested.map((c) => c.id)).toEqual([
      'no-open-relay',
      'no-open-proxies',
      'mail-service-only-where-needed',
      'packet-filters-limit-mail',
      'mail-software-updated',
    ]);
    for (const control of tested) {
      const general = shippedGuidance(defaultCatalogue)[control.id]!.howToCheck.find(
        (g) => g.platform === 'general',
      );
      const last = general!.steps.at(-1)!;
      expect(plainText(last.text), control.id).toMatch(/^Import the result as evidence\./);
      expect(plainText(last.text), control.id).toContain('Network scans');
    }
  });
});

describe("the report's scan-evidence section", () => {
  test('vantage point, time, nmap version, command, per-host rows and what was not tested', async () => {
    const { scanReportSection } = await import('../../src/lib/scans/domain/report-section');
    const section = scanReportSection([withSv, withoutSv], declared, softwareSupport)!;
    expect(section.heading).toBe('Network scan evidence');
    expect(section.intro[0]).toMatch(/^This app never scans anything itself/);
    // Both captures are marked outside here: no inside view, and the section says so.
    expect(section.overall).toEqual([expect.stringMatching(/^No inside-view scan was imported/)]);
    const [sv, noSv] = section.scans;
    const fields = Object.fromEntries(sv!.fields.map((f) => [f.label, f.value]));
    expect(fields['Vantage point']).toBe('Outside view (from outside the organisation’s network)');
    expect(fields['nmap version']).toBe(withSv.nmapVersion);
    expect(fields['Command line']).toContain('--script smtp-open-relay');
    expect(fields['Scan started']).not.toBe('not recorded');
    expect(fields['SHA-256 of the file']).toBe('a'.repeat(64));
    expect(sv!.flags.join(' ')).toContain('loopback (this computer)');
    const relayRow = sv!.rows.find((r) => r.port === '38809/tcp')!;
    expect(relayRow.tests).toEqual([
      "Open relay test: OPEN RELAY: 16 of nmap's 16 relay tests were accepted",
    ]);
    expect(sv!.rows.find((r) => r.port === '33997/tcp')!.tests[0]).toContain('not a relay');
    // Without -sV the relay script did not run on the non-standard SMTP ports.
    expect(noSv!.notTested.join('\n')).toMatch(
      /127\.0\.0\.1 port 38809\/tcp: Open relay test: not run/,
    );
    expect(scanReportSection([], declared, softwareSupport)).toBeUndefined();
  });

  test('the report model carries it, and the evidence index lists each scan with its SHA-256', async () => {
    const { buildReportModel } = await import('../../src/lib/report/model');
    const a = assessment({ 'no-open-relay': answer('implemented') }, [withSv]);
    const results = computeResults(
      defaultCatalogue,
      a,
      scanFindings(a.scans, a.profile, softwareSupport),
    );
    const model = buildReportModel({
      catalogue: defaultCatalogue,
      assessment: a,
      results,
      digest: 'c'.repeat(64),
      runDigest: undefined,
      exportedAt: new Date('2026-11-30T12:00:00Z'),
    });
    expect(model.scanEvidence?.scans).toHaveLength(1);
    expect(model.evidenceConflicts.map((b) => b.heading)).toContain(
      'Answers contradict the network scans',
    );
    expect(model.evidenceIndex).toContainEqual(
      expect.objectContaining({ kind: 'Network scan', reference: `SHA-256 ${'a'.repeat(64)}` }),
    );
    expect(model.findings.filter((f) => f.kind === 'scan').map((f) => f.evidenceLines[2])).toEqual([
      expect.stringMatching(/^What to do: Stop the host relaying today/),
      expect.stringMatching(/^What to do: Close the proxy/),
      expect.stringMatching(/^What to do: Close the proxy/),
    ]);
  });
});
