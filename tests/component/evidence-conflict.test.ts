import { assessmentWith as sharedAssessmentWith } from '../fixtures/assessment';
import { render, screen, within } from '@testing-library/svelte';
import userEvent from '@testing-library/user-event';
import { describe, expect, test, vi } from 'vitest';
import QuestionCard from '../../src/lib/checklist/ui/QuestionCard.svelte';
import BlocklistEvidence from '../../src/lib/blocklists/ui/BlocklistEvidence.svelte';
import ResultsView from '../../src/lib/report/ui/ResultsView.svelte';
import { type Assessment, type AnswerStatus } from '../../src/lib/model/assessment';
import { CatalogueSchema, type Catalogue } from '../../src/lib/model/catalogue';
import { computeResults, controlState } from '../../src/lib/checklist/results';
import type { BlocklistRun } from '../../src/lib/model/blocklist-run';
import { testCatalogueInput } from '../fixtures/catalogue';
import { listedResult, blocklistRun, result, runList } from '../fixtures/blocklist-run';
import { testSession } from '../fixtures/session';

/** The test catalogue with a block-list control at the given level, in its last section. */
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

function cleanPairs(): BlocklistRun['results'] {
  return ['192.0.2.10', '192.0.2.11'].flatMap((address) =>
    ['a', 'b'].map((list) => result(address, list, 'not-listed')),
  );
}

/** Both addresses answered on both lists; 192.0.2.10 listed on List A. */
const listedRun = blocklistRun({
  results: [...cleanPairs().slice(1), listedResult('192.0.2.10', 'a')],
});
/** No listing, one pair timed out. */
const gappyRun = blocklistRun({
  results: [...cleanPairs().slice(1), result('192.0.2.10', 'a', 'timeout')],
});

function assessmentWith(
  answers: Record<string, AnswerStatus>,
  run: BlocklistRun | undefined,
): Assessment {
  return sharedAssessmentWith(answers, run ? { run } : {});
}

describe('the block-list question card', () => {
  const catalogue = catalogueWith('SHOULD');
  const control = catalogue.sections.at(-1)!.controls.at(-1)!;

  /** The card once its block-list evidence (loaded on demand) is shown. */
  async function renderCard(status: AnswerStatus | undefined, run: BlocklistRun | undefined) {
    const assessment = assessmentWith(status ? { 'not-listed': status } : {}, run);
    const view = render(QuestionCard, {
      control,
      guidance: undefined,
      state: controlState(control, assessment),
      blocklistRun: run,
      onchange: vi.fn(),
      onclear: vi.fn(),
    });
    await screen.findByRole('note', { name: 'Evidence from the block-list check' });
    return view;
  }

  test('"Implemented" while the run shows listings is a warning with the count, the lists and what to do', async () => {
    await renderCard('implemented', listedRun);
    const warning = screen.getByRole('note', {
      name: 'The answer contradicts the block-list evidence',
    });
    expect(warning).toHaveTextContent('This answer contradicts the block-list check.');
    expect(warning).toHaveTextContent(
      /You answered Implemented, but the block-list check of .* found 1 address listed on 1 list \(List A\)\./,
    );
    expect(warning).toHaveTextContent(
      'Change the answer to Partially implemented or Not implemented, or get the addresses delisted and run the block-list check again.',
    );
  });

  test('the warning appears when "Implemented" is chosen, in a live region, and goes with "Not implemented"', async () => {
    const view = await renderCard(undefined, listedRun);
    const name = 'The answer contradicts the block-list evidence';
    expect(screen.queryByRole('note', { name })).toBeNull();
    await userEvent.click(screen.getByRole('radio', { name: 'Implemented' }));
    const assessment = assessmentWith({ 'not-listed': 'implemented' }, listedRun);
    await view.rerender({ state: controlState(control, assessment) });
    const warning = screen.getByRole('note', { name });
    expect(warning.closest('[aria-live="polite"]')).not.toBeNull();
    await view.rerender({
      state: controlState(control, assessmentWith({ 'not-listed': 'not-implemented' }, listedRun)),
    });
    expect(screen.queryByRole('note', { name })).toBeNull();
  });

  test('"Partially implemented" agrees with a listing: no warning', async () => {
    await renderCard('partial', listedRun);
    expect(
      screen.queryByRole('note', { name: 'The answer contradicts the block-list evidence' }),
    ).toBeNull();
  });

  test('"Implemented" on a run with gaps gets the weaker note, not the warning', async () => {
    await renderCard('implemented', gappyRun);
    expect(
      screen.queryByRole('note', { name: 'The answer contradicts the block-list evidence' }),
    ).toBeNull();
    expect(
      screen.getByRole('note', { name: 'The block-list evidence does not cover everything' }),
    ).toHaveTextContent(/gave no verdict for 1 of 4 address\/list pairs/);
  });
});

describe('the evidence note on the card', () => {
  test('a list that failed only its IPv6 test points is counted among those that failed', async () => {
    const run = blocklistRun({
      addresses: ['192.0.2.10', '2001:db8::10'],
      lists: [
        runList('a', {
          familyHealth: {
            ipv4: { usable: true },
            ipv6: { usable: false, reason: 'does not list its IPv6 test point' },
          },
        }),
        runList('b'),
      ],
      results: [],
    });
    render(BlocklistEvidence, { run, ongoto: vi.fn() });
    expect(
      screen.getByRole('note', { name: 'Evidence from the block-list check' }),
    ).toHaveTextContent('2 addresses on 2 lists (1 failed its test points, for IPv4 or IPv6).');
  });

  test('a listing promises where to ask for removal, not a page every list may lack', async () => {
    render(BlocklistEvidence, { run: listedRun, ongoto: vi.fn() });
    const note = screen.getByRole('note', { name: 'Evidence from the block-list check' });
    expect(note).toHaveTextContent(
      'Each listing is in the remediation plan, with where to ask for removal.',
    );
    expect(note).not.toHaveTextContent(/own page/);
  });
});

describe('the results', () => {
  async function renderResults(
    catalogue: Catalogue,
    answers: Record<string, AnswerStatus>,
    run: BlocklistRun,
  ) {
    const assessment = assessmentWith(answers, run);
    const results = computeResults(catalogue, assessment);
    const ongoto = vi.fn();
    const session = await testSession();
    render(ResultsView, {
      catalogue,
      assessment,
      results,
      downloads: session.downloads,
      onsignoffchange: vi.fn(),
      onsignoffconfirm: vi.fn(),
      ongoto,
      now: () => new Date('2026-11-30T12:00:00Z'),
    });
    return { results, ongoto };
  }

  const allMustsImplemented = {
    'no-relay': 'implemented',
    baseline: 'implemented',
    'not-listed': 'implemented',
  } as const;

  test('a MUST answered Implemented against listings: the verdict stays, and the box says the answers contradict the evidence', async () => {
    const { results, ongoto } = await renderResults(
      catalogueWith('MUST'),
      allMustsImplemented,
      listedRun,
    );
    expect(results.verdict.verdict).toBe('meets');
    const verdict = screen.getByRole('region', { name: 'Meets the requirements' });
    expect(verdict).toHaveTextContent(
      'Every MUST control is answered Implemented, but the block-list evidence contradicts at least one of those answers.',
    );
    const notice = within(verdict).getByRole('note', { name: 'Answers contradict the evidence' });
    expect(notice).toHaveTextContent(
      /None of our addresses is listed is answered Implemented, but the block-list check of .* found 1 address listed on 1 list \(List A\)\./,
    );
    expect(notice).toHaveTextContent('The score and the verdict count these answers as given.');
    await userEvent.click(
      within(notice).getByRole('button', { name: 'None of our addresses is listed' }),
    );
    expect(ongoto).toHaveBeenCalledWith('monitoring', 'not-listed');
  });

  test('a SHOULD answered Implemented against listings is named too; "meets" keeps its usual words', async () => {
    await renderResults(catalogueWith('SHOULD'), allMustsImplemented, listedRun);
    const verdict = screen.getByRole('region', { name: 'Meets the requirements' });
    expect(verdict).toHaveTextContent('Every MUST control is answered Implemented.');
    expect(
      within(verdict).getByRole('note', { name: 'Answers contradict the evidence' }),
    ).toBeInTheDocument();
  });

  test('no notice when the answer agrees with the evidence', async () => {
    await renderResults(
      catalogueWith('SHOULD'),
      { ...allMustsImplemented, 'not-listed': 'partial' },
      listedRun,
    );
    expect(screen.queryByRole('note', { name: 'Answers contradict the evidence' })).toBeNull();
    expect(
      screen.queryByRole('note', { name: 'The evidence does not cover everything' }),
    ).toBeNull();
  });

  test('gaps in the evidence are a separate, weaker note', async () => {
    await renderResults(catalogueWith('SHOULD'), allMustsImplemented, gappyRun);
    expect(screen.queryByRole('note', { name: 'Answers contradict the evidence' })).toBeNull();
    expect(
      screen.getByRole('note', { name: 'The evidence does not cover everything' }),
    ).toHaveTextContent(/gave no verdict for 1 of 4 address\/list pairs/);
  });
});
