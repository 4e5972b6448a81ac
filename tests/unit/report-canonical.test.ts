import fc from 'fast-check';
import { describe, expect, test } from 'vitest';
import { newAssessment, type Assessment } from '../../src/lib/model/assessment';
import { parseDocumentText, toDocument } from '../../src/lib/model/document';
import { canonicalContent, canonicalJson } from '../../src/lib/assessment/canonical';
import { answer } from '../fixtures/catalogue';
import { listedResult, blocklistRun } from '../fixtures/blocklist-run';
import {
  answerFor,
  blocklistRun as largeRun,
  reportAssessment,
} from '../fixtures/report-assessment';
import { defaultCatalogue } from '../../src/lib/content/checklist';
import { allControls } from '../../src/lib/model/catalogue';
import { createHash } from 'node:crypto';

const t0 = new Date('2026-11-28T10:00:00Z');

function sample(): Assessment {
  const base = newAssessment({ id: 'a1', now: t0, catalogueVersion: '2026.1' });
  return {
    ...base,
    profile: { ...base.profile, organisation: 'Prifysgol Bangor – Ysgol Gŵyr & Sŷr Môr' },
    answers: {
      'no-relay': answer('implemented', { notes: '<script>alert(1)</script>' }),
      baseline: answer('not-implemented', { owner: 'Ops', targetDate: '2027-03-01' }),
    },
    signOff: { name: 'Αλέξανδρος Παπαδόπουλος', role: 'Director', date: '2026-11-30' },
  };
}

/** The same value with every object's keys in reverse order. */
function reversedKeys(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(reversedKeys);
  if (value === null || typeof value !== 'object') return value;
  return Object.fromEntries(
    Object.entries(value)
      .reverse()
      .map(([k, v]) => [k, reversedKeys(v)]),
  );
}

describe('canonical form', () => {
  test('is JSON with keys sorted at every depth and no whitespace', () => {
    const text = canonicalJson(sample());
    expect(text).not.toMatch(/\n|": /);
    expect(text.startsWith('{"assessment":{"answers":{"baseline":{"evidenceRef":""')).toBe(true);
    expect(JSON.parse(text)).toEqual(canonicalContent(sample()));
  });

  test('does not depend on the order keys were written in', () => {
    const a = sample();
    expect(canonicalJson(reversedKeys(a) as Assessment)).toBe(canonicalJson(a));
  });

  test('moving through the wizard or re-opening the assessment does not change it', () => {
    const a = sample();
    const moved = { ...a, step: 'results', updatedAt: '2027-01-01T00:00:00.000Z' };
    expect(canonicalJson(moved)).toBe(canonicalJson(a));
  });

  test('block-list preferences and consent do not change it; the recorded run does', () => {
    const a = sample();
    const preferences: Assessment = {
      ...a,
      lookup: {
        ...a.lookup,
        settings: { ...a.lookup.settings, resolver: 'google', concurrency: 4 },
        consent: { givenAt: '2026-11-28T10:00:00.000Z', resolverUrl: 'https://x', zones: ['z'] },
      },
    };
    expect(canonicalJson(preferences)).toBe(canonicalJson(a));
    const withRun: Assessment = { ...a, lookup: { ...a.lookup, lastRun: blocklistRun() } };
    expect(canonicalJson(withRun)).not.toBe(canonicalJson(a));
    const listed: Assessment = {
      ...a,
      lookup: {
        ...a.lookup,
        lastRun: blocklistRun({ results: [listedResult('192.0.2.10', 'a')] }),
      },
    };
    expect(canonicalJson(listed)).not.toBe(canonicalJson(withRun));
  });

  test('any edit to an answer changes it', () => {
    const a = sample();
    const fields = fc.constantFrom('status', 'notes', 'evidenceRef', 'owner', 'naReason');
    fc.assert(
      fc.property(fields, fc.string({ minLength: 1, maxLength: 20 }), (field, extra) => {
        const before = a.answers.baseline!;
        const after =
          field === 'status'
            ? { ...before, status: 'partial' as const }
            : { ...before, [field]: before[field] + extra };
        const edited = { ...a, answers: { ...a.answers, baseline: after } };
        expect(canonicalJson(edited)).not.toBe(canonicalJson(a));
      }),
    );
  });

  test('the profile, the sign-off and a new answer change it', () => {
    const a = sample();
    const edits: Assessment[] = [
      { ...a, profile: { ...a.profile, organisation: 'Prifysgol Bangor' } },
      { ...a, signOff: { ...a.signOff, date: '2026-12-01' } },
      { ...a, answers: { ...a.answers, plan: answer('unknown') } },
    ];
    for (const edited of edits) expect(canonicalJson(edited)).not.toBe(canonicalJson(a));
  });

  test('an exported file read back gives the same canonical form', () => {
    const a = sample();
    const text = JSON.stringify(toDocument(a, t0), null, 2);
    const read = parseDocumentText(text);
    expect(read.ok).toBe(true);
    if (read.ok) expect(canonicalJson(read.document.assessment)).toBe(canonicalJson(a));
  });

  test('a field the schema would add on reading back is already there', () => {
    const a = sample();
    // An answer as an older build may have held it in memory, without the optional texts.
    const sparse = {
      ...a,
      answers: { ...a.answers, plan: { status: 'implemented' } },
    } as unknown as Assessment;
    const read = parseDocumentText(JSON.stringify(toDocument(sparse, t0)));
    expect(read.ok).toBe(true);
    if (read.ok) expect(canonicalJson(read.document.assessment)).toBe(canonicalJson(sparse));
  });
});

describe('the mail software and desktop platforms in the profile', () => {
  test('a profile that does not give them gains no key, so its digest stays what it was', () => {
    const a = sample();
    expect(Object.keys(canonicalContent(a).assessment.profile)).not.toContain('mailSoftware');
    const read = parseDocumentText(JSON.stringify(toDocument(a, t0)));
    expect(read.ok).toBe(true);
    if (read.ok) {
      expect(read.document.assessment.profile).not.toHaveProperty('mailSoftware');
      expect(read.document.assessment.profile).not.toHaveProperty('desktopPlatforms');
      expect(canonicalJson(read.document.assessment)).toBe(canonicalJson(a));
    }
  });

  test('given, they are part of the evidence the digest covers, and survive export and import', () => {
    const a = sample();
    const b: Assessment = {
      ...a,
      profile: { ...a.profile, mailSoftware: ['microsoft-365'], desktopPlatforms: ['windows'] },
    };
    expect(canonicalJson(b)).not.toBe(canonicalJson(a));
    const read = parseDocumentText(JSON.stringify(toDocument(b, t0)));
    expect(read.ok).toBe(true);
    if (read.ok) expect(read.document.assessment.profile).toMatchObject(b.profile);
  });
});

test('the digest of a known assessment never changes: files exported before still verify', () => {
  // Recorded with canonicalize 5.1.0 and confirmed equal under 4.0.0 (the version that runs on
  // Node 20): a change of library, schema default or canonical form that moved it would make every
  // file and report exported before stop verifying.
  // As recorded, with the checklist of then: the controls added since (checklist 2026.3, for
  // hosted mail) are left out, so every other control gets the answer it had when this was recorded.
  const addedSince = new Set([
    'hosted-smtp-auth-basic-retired',
    'hosted-mailbox-mfa',
    'hosted-external-forwarding-blocked',
    'hosted-outbound-spam-limits',
    'hosted-compromised-account-alerts',
  ]);
  const recorded = allControls(defaultCatalogue).filter(
    ({ control }) => !addedSince.has(control.id),
  );
  const assessment = {
    ...reportAssessment({
      organisation: 'Prifysgol Bangor – Ysgol Gŵyr & Sŷr Môr 🙂',
      run: largeRun(64, 4),
    }),
    answers: Object.fromEntries(
      recorded.map(({ control }, i) => {
        // As recorded, before the agreed action (schema 4) existed: no answer has one.
        const answer = answerFor(control.level, i);
        delete answer.response;
        return [control.id, answer];
      }),
    ),
    // As recorded: the fixture follows the shipped checklist's version, the golden file does not.
    catalogueVersion: '2026.1',
  };
  const digest = createHash('sha256').update(canonicalJson(assessment), 'utf8').digest('hex');
  expect(digest).toBe('6eec9bd0eee8fffabab5648b3ecf2b0563dd71c357dfd9e1a9975e32a065c69d');
});
