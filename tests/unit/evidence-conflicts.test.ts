import { assessmentWith as sharedAssessmentWith } from '../fixtures/assessment';
import type { Answer } from '../../src/lib/model/assessment';
import { describe, expect, test } from 'vitest';
import { type Assessment, type AnswerStatus } from '../../src/lib/model/assessment';
import { CatalogueSchema, type Catalogue } from '../../src/lib/model/catalogue';
import { formatDateTime } from '../../src/lib/shared/dates';
import {
  answerConflict,
  cardConflictText,
  conflictSentence,
} from '../../src/lib/checklist/evidence-conflicts';
import type { BlocklistRun } from '../../src/lib/model/blocklist-run';
import { computeResults } from '../../src/lib/checklist/results';
import { answer, testCatalogueInput } from '../fixtures/catalogue';
import { listedResult, blocklistRun, result, runList } from '../fixtures/blocklist-run';

/** The test catalogue plus the control block-list runs are evidence for. */
function catalogueWith(level: 'MUST' | 'SHOULD'): Catalogue {
  const sections = testCatalogueInput.sections;
  const last = sections[sections.length - 1]!;
  return CatalogueSchema.parse({
    ...testCatalogueInput,
    sections: [
      ...sections.slice(0, -1),
      {
        ...last,
        controls: [
          ...last.controls,
          {
            id: 'not-listed',
            title: 'None of our addresses is listed',
            statement: 'None of your addresses is listed.',
            level,
            evidenceFromLookup: true,
            provenance: { basis: 'guidance' as const },
          },
        ],
      },
    ],
  });
}

const when = '2026-11-28T10:00:00.000Z';

/** Both addresses asked on both lists, all "not listed", unless results are given. */
function cleanResults(): BlocklistRun['results'] {
  return ['192.0.2.10', '192.0.2.11'].flatMap((address) =>
    ['a', 'b'].map((list) => result(address, list, 'not-listed')),
  );
}

function runWith(listed: BlocklistRun['results'], extra: Partial<BlocklistRun> = {}): BlocklistRun {
  const keys = new Set(listed.map((r) => `${r.address}|${r.listId}`));
  return blocklistRun({
    startedAt: when,
    results: [...cleanResults().filter((r) => !keys.has(`${r.address}|${r.listId}`)), ...listed],
    ...extra,
  });
}

/** The block-list control answered `status` (not applicable with its reason), with `run` stored. */
function assessmentWith(
  status: AnswerStatus | undefined,
  run: BlocklistRun | undefined,
): Assessment {
  const answers: Record<string, Answer> = status
    ? { 'not-listed': answer(status, status === 'not-applicable' ? { naReason: 'Why' } : {}) }
    : {};
  return sharedAssessmentWith(answers, run ? { run } : {});
}

describe('answers the block-list evidence contradicts', () => {
  const listedRun = runWith([
    listedResult('192.0.2.10', 'a'),
    listedResult('192.0.2.11', 'a'),
    listedResult('192.0.2.10', 'b'),
  ]);

  test('"Implemented" while trusted lists list addresses is a conflict naming the count and the lists', () => {
    const conflict = answerConflict('implemented', listedRun);
    expect(conflict).toEqual({
      kind: 'listed',
      status: 'implemented',
      addresses: ['192.0.2.10', '192.0.2.11'],
      lists: [
        { id: 'a', name: 'List A' },
        { id: 'b', name: 'List B' },
      ],
      listings: 3,
      runStartedAt: when,
    });
    expect(cardConflictText(conflict!)).toBe(
      `You answered Implemented, but the block-list check of ${formatDateTime(when)} found 2 addresses listed on 2 lists (List A, List B).`,
    );
  });

  test('"Not applicable" while addresses are listed is a conflict too', () => {
    expect(answerConflict('not-applicable', listedRun)).toMatchObject({
      kind: 'listed',
      status: 'not-applicable',
    });
  });

  test('"Not implemented", "Partially implemented" and "Don\'t know" agree with a listing', () => {
    for (const status of ['not-implemented', 'partial', 'unknown'] as const) {
      expect(answerConflict(status, listedRun)).toBeUndefined();
    }
  });

  test('a "listed" from a list that failed its test points contradicts nothing', () => {
    const run = runWith([listedResult('192.0.2.10', 'a')], {
      lists: [
        runList('a', {
          health: { usable: false, reason: 'lists its 127.0.0.1 test point' },
          familyHealth: { ipv4: { usable: false, reason: 'lists its 127.0.0.1 test point' } },
        }),
        runList('b'),
      ],
    });
    // Not a contradiction; the untrusted list leaves its pairs without a verdict instead.
    expect(answerConflict('implemented', run)).toMatchObject({ kind: 'gaps', noVerdict: 2 });
    expect(answerConflict('not-applicable', run)).toBeUndefined();
  });

  test('a retry that came back "not listed" replaces the earlier listing', () => {
    const run = runWith([]);
    run.results.push(listedResult('192.0.2.10', 'a'), result('192.0.2.10', 'a', 'not-listed'));
    expect(answerConflict('implemented', run)).toBeUndefined();
  });

  test('no run, or no answer, is no conflict', () => {
    expect(answerConflict('implemented', undefined)).toBeUndefined();
    expect(answerConflict(undefined, listedRun)).toBeUndefined();
  });

  test('a clean, complete run agrees with "Implemented"', () => {
    expect(answerConflict('implemented', runWith([]))).toBeUndefined();
  });
});

describe('"Implemented" on evidence that does not cover everything', () => {
  test('pairs without a verdict are a weaker note, with how many', () => {
    const run = runWith([result('192.0.2.11', 'b', 'timeout')]);
    const conflict = answerConflict('implemented', run);
    expect(conflict).toEqual({
      kind: 'gaps',
      status: 'implemented',
      pairs: 4,
      noVerdict: 1,
      overLimit: 0,
      runStartedAt: when,
    });
    expect(cardConflictText(conflict!)).toBe(
      `The block-list check of ${formatDateTime(when)} gave no verdict for 1 of 4 address/list pairs, so it does not confirm this answer for those.`,
    );
  });

  test('a cancelled run counts the questions never asked', () => {
    const run = blocklistRun({ startedAt: when, state: 'cancelled', results: [] });
    expect(answerConflict('implemented', run)).toMatchObject({ pairs: 4, noVerdict: 4 });
  });

  test('a range over the per-run limit is named', () => {
    const run = runWith([], {
      notChecked: [{ addresses: '198.51.0.0/16', why: 'over-limit', reason: 'over the limit' }],
    });
    const conflict = answerConflict('implemented', run)!;
    expect(conflict).toMatchObject({ kind: 'gaps', noVerdict: 0, overLimit: 1 });
    expect(cardConflictText(conflict)).toBe(
      `The block-list check of ${formatDateTime(when)} left 1 range over the per-run limit unchecked, so it does not confirm this answer for those.`,
    );
  });

  test('private addresses left out are not a gap: no public list lists them', () => {
    const run = runWith([], {
      notChecked: [{ addresses: '10.0.0.0/8', why: 'not-public', reason: 'private network' }],
    });
    expect(answerConflict('implemented', run)).toBeUndefined();
  });

  test('a run that checked nothing covers nothing', () => {
    const run = blocklistRun({ startedAt: when, addresses: [], results: [] });
    expect(cardConflictText(answerConflict('implemented', run)!)).toBe(
      `The block-list check of ${formatDateTime(when)} could not check any address on any list, so it does not confirm this answer for those.`,
    );
  });
});

describe('the results carry the conflicts and keep the answers as given', () => {
  const run = runWith([listedResult('192.0.2.10', 'a')]);

  test('a MUST answered Implemented against trusted listings: conflict stated, verdict and score unchanged', () => {
    const catalogue = catalogueWith('MUST');
    const withRun = computeResults(catalogue, assessmentWith('implemented', run));
    const withoutRun = computeResults(catalogue, assessmentWith('implemented', undefined));
    expect(withRun.conflicts).toHaveLength(1);
    expect(withRun.conflicts[0]).toMatchObject({
      kind: 'listed',
      control: { id: 'not-listed' },
      section: { id: 'monitoring' },
    });
    expect(conflictSentence(withRun.conflicts[0]!)).toBe(
      `“None of our addresses is listed” is answered Implemented, but the block-list check of ${formatDateTime(when)} found 1 address listed on 1 list (List A).`,
    );
    expect(withRun.overall).toEqual(withoutRun.overall);
    expect(withRun.verdict.verdict).toBe(withoutRun.verdict.verdict);
    expect(withRun.verdict.failingMusts).toEqual([]);
  });

  test('the weaker note reads as evidence not covering everything', () => {
    const gappy = runWith([result('192.0.2.10', 'a', 'refused')]);
    const results = computeResults(catalogueWith('SHOULD'), assessmentWith('implemented', gappy));
    expect(conflictSentence(results.conflicts[0]!)).toBe(
      `“None of our addresses is listed” is answered Implemented; the block-list check of ${formatDateTime(when)} gave no verdict for 1 of 4 address/list pairs, so the evidence does not cover everything.`,
    );
  });

  test('no conflict for a consistent answer, an unanswered control or a missing reason', () => {
    const catalogue = catalogueWith('SHOULD');
    expect(computeResults(catalogue, assessmentWith('partial', run)).conflicts).toEqual([]);
    expect(computeResults(catalogue, assessmentWith(undefined, run)).conflicts).toEqual([]);
    const noReason = assessmentWith('implemented', run);
    noReason.answers['not-listed'] = answer('not-applicable');
    expect(computeResults(catalogue, noReason).conflicts).toEqual([]);
  });

  test('controls that do not take block-list evidence are never flagged', () => {
    const assessment = assessmentWith(undefined, run);
    assessment.answers['relay-tested'] = answer('implemented');
    expect(computeResults(catalogueWith('SHOULD'), assessment).conflicts).toEqual([]);
  });
});
