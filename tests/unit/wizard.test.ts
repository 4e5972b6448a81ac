import { describe, expect, test } from 'vitest';
import { createActor } from 'xstate';
import { newAssessment, type Assessment } from '../../src/lib/model/assessment';
import { computeResults } from '../../src/lib/checklist/results';
import { currentStep, stepIds, wizardMachine } from '../../src/lib/checklist/wizard.machine';
import { stepId } from '../../src/lib/checklist/steps';
import { answer, testCatalogue } from '../fixtures/catalogue';

const t0 = new Date('2026-11-28T10:00:00Z');

function start(assessment?: Partial<Assessment>) {
  let clock = t0.getTime();
  const base = newAssessment({ id: 'a1', now: t0, catalogueVersion: '2026.1' });
  const actor = createActor(wizardMachine, {
    input: {
      catalogue: testCatalogue,
      assessment: { ...base, ...assessment },
      now: () => new Date((clock += 1000)),
    },
  });
  actor.start();
  const step = () => stepId(currentStep(actor.getSnapshot().context));
  return { actor, step, assessment: () => actor.getSnapshot().context.assessment };
}

describe('wizard navigation', () => {
  test('a new assessment starts at the profile', () => {
    expect(start().step()).toBe('profile');
  });

  test('next walks profile, every section in order, block lists, scans, review, then results', () => {
    const { actor, step } = start();
    const visited = [step()];
    for (let i = 0; i < 7; i += 1) {
      actor.send({ type: 'wizard.next' });
      visited.push(step());
    }
    expect(visited).toEqual(stepIds(testCatalogue));
    actor.send({ type: 'wizard.next' });
    expect(step()).toBe('results');
  });

  test('back walks results, review, scans, block lists, sections in reverse, then profile, and stops there', () => {
    const { actor, step } = start({ step: 'results' });
    const visited = [step()];
    for (let i = 0; i < 8; i += 1) {
      actor.send({ type: 'wizard.back' });
      visited.push(step());
    }
    expect(visited).toEqual([...stepIds(testCatalogue)].reverse().concat('profile'));
  });

  test('goto jumps to any section, the review and the results', () => {
    const { actor, step } = start();
    actor.send({ type: 'wizard.goto', step: 'monitoring' });
    expect(step()).toBe('monitoring');
    actor.send({ type: 'wizard.goto', step: 'relays' });
    expect(step()).toBe('relays');
    actor.send({ type: 'wizard.goto', step: 'blocklists' });
    expect(step()).toBe('blocklists');
    actor.send({ type: 'wizard.goto', step: 'review' });
    expect(step()).toBe('review');
    actor.send({ type: 'wizard.goto', step: 'results' });
    expect(step()).toBe('results');
    actor.send({ type: 'wizard.goto', step: 'profile' });
    expect(step()).toBe('profile');
  });

  test('goto an unknown step is ignored', () => {
    const { actor, step } = start();
    actor.send({ type: 'wizard.goto', step: 'filtering' });
    actor.send({ type: 'wizard.goto', step: 'no-such-step' });
    expect(step()).toBe('filtering');
  });

  test('the current step is recorded in the assessment, so a reload resumes there', () => {
    const { actor, assessment } = start();
    actor.send({ type: 'wizard.goto', step: 'filtering' });
    expect(assessment().step).toBe('filtering');
    const resumed = start(assessment());
    expect(resumed.step()).toBe('filtering');
  });

  test('a stored step that no longer exists in the catalogue resumes at the profile', () => {
    expect(start({ step: 'removed-section' }).step()).toBe('profile');
  });

  test('resumes at block lists, review and results', () => {
    expect(start({ step: 'blocklists' }).step()).toBe('blocklists');
    expect(start({ step: 'review' }).step()).toBe('review');
    expect(start({ step: 'results' }).step()).toBe('results');
  });
});

describe('wizard editing', () => {
  test('profile changes merge into the profile and stamp the update time', () => {
    const { actor, assessment } = start();
    actor.send({ type: 'profile.change', patch: { organisation: 'Prifysgol Bangor' } });
    actor.send({ type: 'profile.change', patch: { serviceModel: 'hosted' } });
    expect(assessment().profile.organisation).toBe('Prifysgol Bangor');
    expect(assessment().profile.serviceModel).toBe('hosted');
    expect(assessment().updatedAt > t0.toISOString()).toBe(true);
  });

  test('sign-off changes merge into the sign-off and stamp the update time', () => {
    const { actor, assessment } = start({ step: 'results' });
    actor.send({ type: 'signoff.change', patch: { name: 'Siân Ní Bhriain' } });
    actor.send({ type: 'signoff.change', patch: { role: 'Director of IT', date: '2026-11-30' } });
    expect(assessment().signOff).toMatchObject({
      name: 'Siân Ní Bhriain',
      role: 'Director of IT',
      date: '2026-11-30',
    });
    // Recorded as entered at the last change (the clock ticks a second per call).
    expect(assessment().signOff.signed?.at).toBe(assessment().updatedAt);
    expect(assessment().updatedAt > t0.toISOString()).toBe(true);
    expect(assessment().step).toBe('results');
  });

  test('answers can be set, replaced and cleared from any step', () => {
    const { actor, assessment } = start();
    actor.send({ type: 'answer.change', controlId: 'no-relay', answer: answer('partial') });
    actor.send({ type: 'wizard.goto', step: 'review' });
    actor.send({ type: 'answer.change', controlId: 'no-relay', answer: answer('implemented') });
    expect(assessment().answers['no-relay']?.status).toBe('implemented');
    actor.send({ type: 'answer.clear', controlId: 'no-relay' });
    expect(assessment().answers['no-relay']).toBeUndefined();
  });

  test('loading another assessment replaces the open one and resumes at its step', () => {
    const { actor, step, assessment } = start();
    const other = {
      ...newAssessment({ id: 'b2', now: t0, catalogueVersion: '2026.1' }),
      step: 'monitoring',
    };
    actor.send({ type: 'assessment.load', assessment: other });
    expect(assessment().id).toBe('b2');
    expect(step()).toBe('monitoring');
  });
});

describe('block-list state', () => {
  test('settings and a stored run are kept in the assessment (consent is not: it is the browser’s)', () => {
    const { actor, assessment } = start();
    actor.send({ type: 'blocklists.settings.change', patch: { resolver: 'google' } });
    expect(assessment().lookup.settings.resolver).toBe('google');
    const run = {
      id: 'r1',
      startedAt: t0.toISOString(),
      state: 'complete' as const,
      resolver: { label: 'Google', url: 'https://dns.google/dns-query' },
      addresses: ['192.0.2.1'],
      lists: [],
      results: [],
    };
    actor.send({ type: 'blocklists.run.store', run });
    expect(assessment().lookup.lastRun).toEqual(run);
    expect(assessment().lookup.settings.resolver).toBe('google');
  });
});

describe('branching by profile', () => {
  test('with a hosted service, server-level controls are not applicable by profile and stay listed', () => {
    const { actor, assessment } = start();
    actor.send({ type: 'profile.change', patch: { serviceModel: 'hosted' } });
    const results = computeResults(testCatalogue, assessment());
    const noRelay = results.controls.find((r) => r.control.id === 'no-relay');
    expect(noRelay?.state).toEqual({
      kind: 'not-applicable-by-profile',
      reason: 'The provider runs the servers.',
      answer: undefined,
    });
    expect(results.controls).toHaveLength(6);
    expect(results.progress.applicable).toBe(4);
  });

  test('with own servers every control applies', () => {
    const { actor, assessment } = start();
    actor.send({ type: 'profile.change', patch: { serviceModel: 'own' } });
    expect(computeResults(testCatalogue, assessment()).progress.applicable).toBe(6);
  });

  test('an answer given before switching to a hosted service is kept, not lost', () => {
    const { actor, assessment } = start();
    actor.send({ type: 'answer.change', controlId: 'no-relay', answer: answer('implemented') });
    actor.send({ type: 'profile.change', patch: { serviceModel: 'none' } });
    expect(assessment().answers['no-relay']?.status).toBe('implemented');
    actor.send({ type: 'profile.change', patch: { serviceModel: 'own' } });
    const results = computeResults(testCatalogue, assessment());
    expect(results.progress.answered).toBe(1);
  });
});
