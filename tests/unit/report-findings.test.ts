import { answer, assessmentWith as sharedAssessmentWith } from '../fixtures/assessment';
import { describe, expect, test } from 'vitest';
import { type Answer, type Assessment } from '../../src/lib/model/assessment';
import { defaultCatalogue } from '../../src/lib/content/checklist';
import { reportFindings } from '../../src/lib/report/findings';
import { computeResults } from '../../src/lib/checklist/results';
import { listedResult, blocklistRun, runList } from '../fixtures/blocklist-run';

const catalogue = defaultCatalogue;

/** With own mail servers, so every control applies. */
function assessmentWith(answers: Record<string, Answer>, extra: Partial<Assessment> = {}) {
  return sharedAssessmentWith(answers, { serviceModel: 'own', ...extra });
}

function findingsOf(assessment: Assessment) {
  return reportFindings(catalogue, assessment, computeResults(catalogue, assessment));
}

describe('report findings', () => {
  test('not implemented, partially implemented and "don\'t know" are findings; others are not', () => {
    const findings = findingsOf(
      assessmentWith({
        'content-filtering': answer('not-implemented'),
        'overload-alerts': answer('partial'),
        'av-on-clients': answer('unknown'),
        'mail-activity-baseline': answer('implemented'),
        'regular-full-scans': answer('not-applicable', { naReason: 'No clients' }),
      }),
    );
    expect(findings.map((f) => f.kind === 'control' && [f.control.id, f.status])).toEqual([
      ['av-on-clients', 'unknown'],
      ['overload-alerts', 'partial'],
      ['content-filtering', 'not-implemented'],
    ]);
  });

  test('MUST findings come first, then SHOULD, then MAY, each in section order', () => {
    const findings = findingsOf(
      assessmentWith({
        'content-filtering': answer('not-implemented'), // MAY, incoming bulk mail
        'csirt-contacts-known': answer('not-implemented'), // SHOULD, monitoring
        'no-open-proxies': answer('partial'), // MUST, relays
        'os-updates-prompt': answer('unknown'), // SHOULD, patching
        'no-open-relay': answer('not-implemented'), // MUST, relays
      }),
    );
    expect(findings.map((f) => [f.level, f.section.id, f.title])).toEqual([
      ['MUST', 'relays-proxies', 'No host relays mail for arbitrary senders and recipients'],
      ['MUST', 'relays-proxies', 'No open HTTP or SOCKS proxies'],
      ['SHOULD', 'patching', 'Operating system updates are applied promptly'],
      [
        'SHOULD',
        'monitoring',
        'Jisc CSIRT contact details are known and your own contacts are current',
      ],
      [
        'MAY',
        'incoming-bulk-mail',
        'Incoming mail is filtered centrally, or users can filter their own',
      ],
    ]);
  });

  test('a block-list listing ranks as a SHOULD finding under open relays and proxies', () => {
    const base = assessmentWith({
      'no-open-relay': answer('not-implemented'),
      'relay-tested-externally': answer('not-implemented'),
      'os-updates-prompt': answer('not-implemented'),
    });
    const assessment: Assessment = {
      ...base,
      lookup: {
        ...base.lookup,
        lastRun: blocklistRun({
          lists: [runList('a', { name: 'Example Block List' })],
          results: [listedResult('192.0.2.10', 'a', 'Spam trap hits')],
        }),
      },
    };
    const findings = findingsOf(assessment);
    expect(findings.map((f) => [f.kind, f.level, f.section.id, f.title])).toEqual([
      [
        'control',
        'MUST',
        'relays-proxies',
        'No host relays mail for arbitrary senders and recipients',
      ],
      [
        'control',
        'SHOULD',
        'relays-proxies',
        'Relay tests are run from outside the network and the results recorded',
      ],
      ['listing', 'SHOULD', 'relays-proxies', '192.0.2.10 is listed on Example Block List'],
      ['control', 'SHOULD', 'patching', 'Operating system updates are applied promptly'],
    ]);
    const listing = findings[2];
    expect(listing?.kind === 'listing' && listing.control?.id).toBe('blocklist-not-listed');
  });

  test('controls ruled out by the profile are never findings, whatever was answered before', () => {
    const base = assessmentWith({ 'submission-authenticated-tls': answer('not-implemented') });
    expect(findingsOf(base)).toHaveLength(1);
    const hosted = { ...base, profile: { ...base.profile, serviceModel: 'hosted' as const } };
    expect(findingsOf(hosted)).toEqual([]);
  });
});
