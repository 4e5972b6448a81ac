import { answer } from '../fixtures/assessment';
import { describe, expect, test } from 'vitest';
import { emptyProfile, newAssessment, type Assessment } from '../../src/lib/model/assessment';
import { defaultCatalogue } from '../../src/lib/content/checklist';
import { formatDateTime } from '../../src/lib/shared/dates';
import { buildReportModel, TOP_FINDINGS } from '../../src/lib/report/model';
import { recordSignOff } from '../../src/lib/assessment/sign-off';
import { computeResults, LEVEL_WEIGHTS } from '../../src/lib/checklist/results';
import { listedResult, blocklistRun } from '../fixtures/blocklist-run';

const catalogue = defaultCatalogue;
const digest = 'ab'.repeat(32);

function assessmentOf(change: Partial<Assessment> = {}): Assessment {
  const base = newAssessment({
    id: 'x',
    now: new Date('2026-11-28T09:00:00Z'),
    catalogueVersion: catalogue.version,
  });
  const assessment: Assessment = {
    ...base,
    profile: {
      ...base.profile,
      organisation: 'Prifysgol Bangor – Ysgol Gŵyr & Sŷr Môr',
      assessorName: 'Siân Ní Bhriain',
      assessorRole: 'Mail administrator',
      assessmentDate: '2026-11-28',
      serviceModel: 'hosted',
    },
    ...change,
  };
  return assessment;
}

function modelOf(change: Partial<Assessment> = {}) {
  const assessment = assessmentOf(change);
  return buildReportModel({
    catalogue,
    assessment,
    results: computeResults(catalogue, assessment),
    digest,
    exportedAt: new Date('2026-11-30T15:00:00Z'),
  });
}

describe('report content', () => {
  test('the cover names the organisation, the assessor, the dates in words and the checklist version', () => {
    const model = modelOf();
    expect(model).toMatchObject({
      organisation: 'Prifysgol Bangor – Ysgol Gŵyr & Sŷr Môr',
      assessor: { name: 'Siân Ní Bhriain', role: 'Mail administrator' },
      assessmentDate: '28 November 2026',
      catalogueVersion: catalogue.version,
    });
    expect(model.exportedAt).toMatch(/30 November 2026/);
    expect(model.sections.map((s) => s.title)).toEqual(catalogue.sections.map((s) => s.title));
  });

  test('the PDF document properties name the organisation, the assessor as author and the subject', () => {
    expect(modelOf().documentProperties).toEqual({
      title: 'Mail security self-assessment: Prifysgol Bangor – Ysgol Gŵyr & Sŷr Môr',
      subject: `The mail services of Prifysgol Bangor – Ysgol Gŵyr & Sŷr Môr assessed against Open Mail Relays in Janet (checklist ${catalogue.version}), 28 November 2026. SHA-256 ${digest}`,
      author: 'Siân Ní Bhriain',
      keywords:
        'mail security, self-assessment, open mail relay, open proxy, DNS block list, DNSBL, Janet, Prifysgol Bangor – Ysgol Gŵyr & Sŷr Môr',
      creator: 'Mail Security Self-Assessment',
    });
    // Nothing invented when the profile is empty.
    expect(modelOf({ profile: emptyProfile() }).documentProperties).toMatchObject({
      title: 'Mail security self-assessment',
      author: '',
    });
  });

  test('an empty organisation or date says "Not given" rather than leaving a blank', () => {
    const model = modelOf({ profile: { ...emptyProfile(), assessmentDate: '' } });
    expect(model.organisation).toBe('Not given');
    expect(model.assessmentDate).toBe('Not given');
  });

  test('the scope is printed from the profile, one line per entry, comments and blanks dropped', () => {
    const model = modelOf({
      profile: {
        ...emptyProfile(),
        mailDomains: 'bangor.ac.uk\n\n  # legacy\nstudent.bangor.ac.uk  # students',
        mailServers: '',
      },
    });
    expect(model.scope).toEqual({
      mailDomains: 'bangor.ac.uk, student.bangor.ac.uk',
      mailServers: 'Not given',
      networkRanges: 'Not given',
    });
  });

  test('invalid profile lines are left out of the scope and named, never printed as valid', () => {
    const model = modelOf({
      profile: {
        ...emptyProfile(),
        mailDomains: 'bangor.ac.uk\nuser@bangor.ac.uk',
        mailServers: '192.0.2.25\n192.0.2.300\n192.0.2.0/24',
        networkRanges: 'not a range',
      },
    });
    expect(model.scope).toEqual({
      mailDomains:
        "bangor.ac.uk. 1 line in the profile is not a valid mail domain and was left out: 'user@bangor.ac.uk' (line 2).",
      mailServers:
        "192.0.2.25. 2 lines in the profile are not valid addresses and were left out: '192.0.2.300' (line 2), '192.0.2.0/24' (line 3).",
      networkRanges:
        "None valid. 1 line in the profile is not a valid address or range and was left out: 'not a range' (line 1).",
    });
  });

  test('the verdict is explained by the MUST controls that decide it', () => {
    const model = modelOf({
      answers: { 'no-open-relay': answer('partial'), 'no-open-proxies': answer('implemented') },
    });
    expect(model.verdict.label).toBe('Does not meet the requirements');
    expect(model.verdict.drivers).toEqual([
      'MUST not met: No host relays mail for arbitrary senders and recipients (Partially implemented).',
    ]);
  });

  test('a MUST answered "not applicable" counts as unanswered among the drivers, and says why', () => {
    const model = modelOf({
      answers: {
        'no-open-relay': answer('partial'),
        'no-open-proxies': answer('not-applicable', { naReason: 'No web servers at all' }),
      },
    });
    expect(model.verdict.drivers).toContain(
      'MUST unanswered: No open HTTP or SOCKS proxies (Not applicable cannot be the answer: this covers every computer on the network).',
    );
  });

  test('a control ruled out by the profile reads "Not applicable (by profile)" with the reason', () => {
    const details = modelOf().details.flatMap((s) => s.answers);
    const submission = details.find((d) => d.title.startsWith('Mail submission'));
    expect(submission?.answer).toMatch(/^Not applicable \(by profile\): Your provider runs/);
  });

  test('an answer carries its notes, reference and stated reason exactly as typed', () => {
    const model = modelOf({
      answers: {
        'no-open-relay': answer('implemented', {
          notes: '<script>alert(1)</script>',
          evidenceRef: 'Ticket #42',
        }),
        'av-on-clients': answer('not-applicable', { naReason: 'No client computers' }),
      },
    });
    const details = model.details.flatMap((s) => s.answers);
    expect(details.find((d) => d.title.startsWith('No host relays'))).toMatchObject({
      answer: 'Implemented',
      notes: '<script>alert(1)</script>',
      evidenceRef: 'Ticket #42',
    });
    expect(
      details.find((d) => d.title === 'Client computers run anti-virus software')?.answer,
    ).toBe('Not applicable: No client computers');
  });

  test(`the executive summary names at most ${TOP_FINDINGS} findings, the plan all of them`, () => {
    const ids = catalogue.sections.flatMap((s) => s.controls.map((c) => c.id));
    const model = modelOf({
      answers: Object.fromEntries(ids.map((id) => [id, answer('not-implemented')])),
    });
    expect(model.topFindings).toHaveLength(TOP_FINDINGS);
    expect(model.topFindings[0]?.level).toBe('MUST');
    expect(model.findings.length).toBeGreaterThan(TOP_FINDINGS);
  });

  test('the remediation plan prints target dates in words, and "Not assigned" / "No target date" where none is given', () => {
    const base = newAssessment({ id: 'z', now: new Date(), catalogueVersion: '1' });
    const model = modelOf({
      profile: { ...assessmentOf().profile, serviceModel: 'own' },
      answers: {
        'no-open-relay': answer('not-implemented', { owner: 'Ops', targetDate: '2027-03-31' }),
        'no-open-proxies': answer('unknown'),
      },
      lookup: {
        ...base.lookup,
        lastRun: blocklistRun({ results: [listedResult('192.0.2.10', 'a')] }),
      },
    });
    const printed = model.findings.map((f) => [f.title, f.ownerText, f.targetDateText]);
    expect(printed).toEqual([
      ['No host relays mail for arbitrary senders and recipients', 'Ops', '31 March 2027'],
      ['No open HTTP or SOCKS proxies', 'Not assigned', 'No target date'],
      ['192.0.2.10 is listed on List A', 'Not assigned', 'No target date'],
    ]);
  });

  test('block-list results appear only when a run was recorded', () => {
    expect(modelOf().blocklists).toBeUndefined();
    const base = newAssessment({ id: 'z', now: new Date(), catalogueVersion: '1' });
    const model = modelOf({
      lookup: {
        ...base.lookup,
        lastRun: blocklistRun({ results: [listedResult('192.0.2.10', 'a')] }),
      },
    });
    expect(model.blocklists?.listed).toHaveLength(1);
    expect(model.findings.map((f) => f.title)).toContain('192.0.2.10 is listed on List A');
  });

  test('an answer the block-list run contradicts is stated for the executive summary', () => {
    const base = newAssessment({ id: 'z', now: new Date(), catalogueVersion: '1' });
    const run = blocklistRun({ results: [listedResult('192.0.2.10', 'a')] });
    const lookup = { ...base.lookup, lastRun: run };
    const model = modelOf({ lookup, answers: { 'blocklist-not-listed': answer('implemented') } });
    expect(model.evidenceConflicts).toEqual([
      {
        kind: 'listed',
        heading: 'Answers contradict the evidence',
        lines: [
          `“None of our addresses is on a DNS block list” is answered Implemented, but the block-list check of ${formatDateTime(run.startedAt)} found 1 address listed on 1 list (List A).`,
        ],
        note: 'The score and the verdict count these answers as given. Change the answer to Partially implemented or Not implemented, or get the addresses delisted and run the block-list check again.',
      },
    ]);
    // "Not implemented" agrees with the listing: nothing to state.
    const agreeing = modelOf({
      lookup,
      answers: { 'blocklist-not-listed': answer('not-implemented') },
    });
    expect(agreeing.evidenceConflicts).toEqual([]);
  });

  test('a contradicted MUST is named among what drives a "meets" verdict, which stays', () => {
    // The shipped checklist has the block-list control as a SHOULD; an organisation's may not.
    const strict = {
      ...catalogue,
      sections: catalogue.sections.map((s) => ({
        ...s,
        controls: s.controls.map((c) =>
          c.evidenceFromLookup ? { ...c, level: 'MUST' as const } : c,
        ),
      })),
    };
    const base = newAssessment({ id: 'z', now: new Date(), catalogueVersion: '1' });
    const assessment = assessmentOf({
      answers: Object.fromEntries(
        strict.sections.flatMap((s) => s.controls).map((c) => [c.id, answer('implemented')]),
      ),
      lookup: {
        ...base.lookup,
        lastRun: blocklistRun({ results: [listedResult('192.0.2.10', 'a')] }),
      },
    });
    const model = buildReportModel({
      catalogue: strict,
      assessment,
      results: computeResults(strict, assessment),
      digest,
      exportedAt: new Date('2026-11-30T15:00:00Z'),
    });
    expect(model.verdict.label).toBe('Meets the requirements');
    expect(model.verdict.drivers).toEqual([
      'Every MUST control is answered Implemented, but the block-list evidence contradicts at least one of those answers.',
      'MUST answered Implemented although the block-list evidence contradicts it: None of our addresses is on a DNS block list (see “Answers contradict the evidence”).',
    ]);
    expect(model.evidenceConflicts.map((b) => b.kind)).toEqual(['listed']);
  });

  test('the method states the weights in use and the verification text carries the digest', () => {
    const model = modelOf();
    expect(model.method[0]).toContain(`MUST ${LEVEL_WEIGHTS.MUST}, SHOULD ${LEVEL_WEIGHTS.SHOULD}`);
    expect(model.verification[0]).toContain(digest);
  });

  test('the sign-off date is in words; missing sign-off fields stay blank for a pen', () => {
    const base = newAssessment({ id: 'z', now: new Date(), catalogueVersion: '1' });
    expect(modelOf().signOff).toEqual({ name: '', role: '', date: '' });
    expect(
      modelOf({ signOff: { ...base.signOff, name: 'Dr Ελένη Κ.', date: '2026-11-01' } }).signOff,
    ).toEqual({ name: 'Dr Ελένη Κ.', role: '', date: '1 November 2026' });
  });

  test('a sign-off a file dated after the day of the report is printed with a warning', () => {
    const base = newAssessment({ id: 'z', now: new Date(), catalogueVersion: '1' });
    const signOff = { ...base.signOff, name: 'Dr Ελένη Κ.', date: '2027-03-03' };
    expect(modelOf({ signOff }).signOff).toEqual({
      name: 'Dr Ελένη Κ.',
      role: '',
      date: '3 March 2027',
      warning:
        'This sign-off is dated 3 March 2027, after today (30 November 2026): no one can have signed on that day. Ask the signatory for the day they confirmed the answers and enter it.',
    });
    // The day of the report itself is a possible day.
    expect(
      modelOf({ signOff: { ...signOff, date: '2026-11-30' } }).signOff.warning,
    ).toBeUndefined();
  });

  test("the approver's block: as entered, flagged when signed before the answers last changed, blank when none", () => {
    expect(modelOf().approval).toEqual({ name: '', role: '', date: '' });
    const at = new Date('2026-11-28T09:30:00Z');
    const approval = recordSignOff(
      assessmentOf(),
      { name: 'Dr Ελένη Κ.', role: 'Pro-Vice-Chancellor', date: '2026-11-28' },
      at,
    );
    expect(modelOf({ approval }).approval).toEqual({
      name: 'Dr Ελένη Κ.',
      role: 'Pro-Vice-Chancellor',
      date: '28 November 2026',
    });
    const changed = modelOf({ approval, answers: { 'open-relay': answer('implemented') } });
    expect(changed.approval.warning).toBe(
      `Signed before the answers last changed: they changed after this sign-off was recorded on ${formatDateTime(at.toISOString())}. Ask the signatory to confirm again.`,
    );
    // With the assessor's sign-off current, the report is final only while the approval is too.
    const answers = { 'open-relay': answer('implemented') };
    const signOff = recordSignOff(
      assessmentOf({ answers }),
      { name: 'A', role: 'B', date: '' },
      at,
    );
    expect(modelOf({ answers, signOff }).documentControl.version).toMatch(/^Final/);
    expect(modelOf({ answers, signOff, approval }).documentControl.version).toMatch(/^Draft/);
    // A file can carry an approval dated after today: flagged in the same words as a sign-off.
    const future = modelOf({ approval: { ...approval, date: '2026-12-25' } });
    expect(future.approval.warning).toMatch(
      /^This sign-off is dated 25 December 2026, after today/,
    );
  });

  test('a sign-off given before the answers changed carries the warning to ask again', () => {
    const at = new Date('2026-11-28T09:30:00Z');
    const fields = { name: 'Dr Ελένη Κ.', role: 'Director', date: '' };
    const signOff = recordSignOff(assessmentOf(), fields, at);
    expect(modelOf({ signOff }).signOff.warning).toBeUndefined();
    const changed = modelOf({ signOff, answers: { 'open-relay': answer('implemented') } });
    expect(changed.signOff.warning).toBe(
      `Signed before the answers last changed: they changed after this sign-off was recorded on ${formatDateTime(at.toISOString())}. Ask the signatory to confirm again.`,
    );
  });
});
