import { describe, expect, test } from 'vitest';
import { createActor } from 'xstate';
import { newAssessment, type Assessment } from '../../src/lib/model/assessment';
import { parseDocumentText, toDocument } from '../../src/lib/model/document';
import { canonicalJson } from '../../src/lib/assessment/canonical';
import { approvalStatus, recordSignOff, signOffStatus } from '../../src/lib/assessment/sign-off';
import { wizardMachine } from '../../src/lib/checklist/wizard.machine';
import { answer, testCatalogue } from '../fixtures/catalogue';
import { blocklistRun } from '../fixtures/blocklist-run';

const t0 = new Date('2026-11-28T10:00:00Z');

function base(): Assessment {
  const a = newAssessment({ id: 'a1', now: t0, catalogueVersion: '2026.1' });
  return { ...a, answers: { 'no-relay': answer('implemented') } };
}

function signed(a: Assessment = base()): Assessment {
  const fields = { name: 'Siân Ní Bhriain', role: 'Director of IT', date: '2026-11-28' };
  return { ...a, signOff: recordSignOff(a, fields, t0) };
}

describe('what a sign-off covers', () => {
  test('a sign-off entered is recorded with its time, and holds while nothing changes', () => {
    const a = signed();
    expect(a.signOff.signed?.at).toBe(t0.toISOString());
    expect(signOffStatus(a)).toEqual({ kind: 'current', signedAt: t0.toISOString() });
  });

  test('a changed answer, evidence note, profile or block-list run is pointed out', () => {
    const a = signed();
    const changes: Assessment[] = [
      { ...a, answers: { 'no-relay': answer('partial') } },
      { ...a, answers: { 'no-relay': answer('implemented', { notes: 'retested' }) } },
      { ...a, answers: {} },
      { ...a, profile: { ...a.profile, serviceModel: 'hosted' } },
      { ...a, lookup: { ...a.lookup, lastRun: blocklistRun() } },
    ];
    for (const changed of changes) {
      const status = signOffStatus(changed);
      expect(status.kind).toBe('changed');
      expect(status.kind === 'changed' && status.warning).toMatch(
        /^Signed before the answers last changed: they changed after this sign-off was recorded on \d{1,2} November 2026 at \d{2}:\d{2} .+\. Ask the signatory to confirm again\.$/,
      );
    }
  });

  test('the sign-off still holds after the assessment is saved and read back', () => {
    const a = signed({ ...base(), lookup: { ...base().lookup, lastRun: blocklistRun() } });
    const read = parseDocumentText(JSON.stringify(toDocument(a, t0)));
    if (!read.ok) throw new Error(read.reason);
    expect(signOffStatus(read.document.assessment).kind).toBe('current');
  });

  test('emptying every sign-off field removes the record; nothing entered is no sign-off', () => {
    const a = signed();
    const emptied = recordSignOff(
      a,
      { name: '', role: '', date: '', signed: a.signOff.signed },
      t0,
    );
    expect(emptied).toEqual({ name: '', role: '', date: '' });
    expect(signOffStatus(base()).kind).toBe('none');
  });

  test('a sign-off stored before this was recorded is not called current or changed', () => {
    const a = { ...base(), signOff: { name: 'Siân', role: '', date: '2026-11-20' } };
    expect(signOffStatus(a)).toEqual({ kind: 'unrecorded' });
  });
});

describe('older stored documents', () => {
  test('a version 2 document whose sign-off has no record loads, and keeps its digest', () => {
    const old = {
      ...base(),
      signOff: { name: 'Siân Ní Bhriain', role: 'Director of IT', date: '2026-11-20' },
    };
    const text = JSON.stringify(toDocument(old, t0));
    expect(text).not.toContain('"signed"');
    const read = parseDocumentText(text);
    if (!read.ok) throw new Error(read.reason);
    expect(read.document.assessment.signOff).toEqual(old.signOff);
    expect('signed' in read.document.assessment.signOff).toBe(false);
    // A digest printed on a report made before this version still verifies.
    expect(canonicalJson(read.document.assessment)).toBe(canonicalJson(old));
  });
});

describe('the wizard records and re-confirms the sign-off', () => {
  function start(assessment: Assessment) {
    let clock = t0.getTime();
    const actor = createActor(wizardMachine, {
      input: { catalogue: testCatalogue, assessment, now: () => new Date((clock += 60_000)) },
    });
    actor.start();
    return { actor, assessment: () => actor.getSnapshot().context.assessment };
  }

  test('an answer changed after the sign-off flags it until the signatory confirms again', () => {
    const { actor, assessment } = start({ ...base(), step: 'results' });
    actor.send({ type: 'signoff.change', patch: { name: 'Siân Ní Bhriain' } });
    const first = assessment().signOff.signed?.at;
    expect(signOffStatus(assessment()).kind).toBe('current');
    actor.send({ type: 'answer.change', controlId: 'no-relay', answer: answer('partial') });
    expect(signOffStatus(assessment())).toMatchObject({ kind: 'changed', signedAt: first });
    actor.send({ type: 'signoff.confirm' });
    expect(signOffStatus(assessment()).kind).toBe('current');
    expect(assessment().signOff.signed?.at).not.toBe(first);
    expect(assessment().signOff.name).toBe('Siân Ní Bhriain');
  });
  test("the approver's sign-off is kept apart, flagged on its own, and removed when emptied", () => {
    const { actor, assessment } = start({ ...base(), step: 'results' });
    expect(approvalStatus(assessment()).kind).toBe('none');
    actor.send({ type: 'signoff.change', patch: { name: 'Siân Ní Bhriain' } });
    actor.send({
      type: 'approval.change',
      patch: { name: 'Dr Ελένη Κ.', role: 'Pro-Vice-Chancellor', date: '2026-11-28' },
    });
    expect(assessment().approval).toMatchObject({ name: 'Dr Ελένη Κ.', date: '2026-11-28' });
    expect(assessment().signOff.name).toBe('Siân Ní Bhriain');
    expect(approvalStatus(assessment()).kind).toBe('current');
    // Covered by the digest, as schema 4 content.
    expect(canonicalJson(assessment())).toContain('"approval":');
    expect(canonicalJson(assessment())).toContain('"schemaVersion":4');

    actor.send({ type: 'answer.change', controlId: 'no-relay', answer: answer('partial') });
    const flagged = approvalStatus(assessment());
    expect(flagged.kind).toBe('changed');
    expect(flagged.kind === 'changed' && flagged.warning).toMatch(
      /^Signed before the answers last changed: /,
    );
    // Confirming the assessor's leaves the approver's flagged: each signatory confirms for themselves.
    actor.send({ type: 'signoff.confirm' });
    expect(signOffStatus(assessment()).kind).toBe('current');
    expect(approvalStatus(assessment()).kind).toBe('changed');
    actor.send({ type: 'approval.confirm' });
    expect(approvalStatus(assessment()).kind).toBe('current');

    // Emptied, the approval is gone: the assessment hashes as it did without one.
    actor.send({ type: 'approval.change', patch: { name: '', role: '', date: '' } });
    expect('approval' in assessment()).toBe(false);
    expect(canonicalJson(assessment())).not.toContain('"approval"');
  });

  test('an approval survives export and import, still current', () => {
    const a = signed();
    const withApproval = {
      ...a,
      approval: recordSignOff(a, { name: 'Dr Ελένη Κ.', role: 'PVC', date: '2026-11-28' }, t0),
    };
    const read = parseDocumentText(JSON.stringify(toDocument(withApproval, t0)));
    if (!read.ok) throw new Error(read.reason);
    expect(read.document.assessment.approval?.name).toBe('Dr Ελένη Κ.');
    expect(approvalStatus(read.document.assessment).kind).toBe('current');
  });
});
