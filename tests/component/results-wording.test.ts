import { assessmentWith } from '../fixtures/assessment';
import { render, screen } from '@testing-library/svelte';
import { describe, expect, test, vi } from 'vitest';
import ReviewStep from '../../src/lib/checklist/ui/ReviewStep.svelte';
import ScoreChart from '../../src/lib/report/ui/ScoreChart.svelte';

import { computeResults } from '../../src/lib/checklist/results';
import { scoreBand } from '../../src/lib/report/wording';
import { answer, testCatalogue } from '../fixtures/catalogue';

describe('score chart', () => {
  test('is one image named by its figures, with each label as real text', () => {
    const results = computeResults(
      testCatalogue,
      assessmentWith({ 'no-relay': answer('implemented'), 'relay-tested': answer('partial') }),
    );
    render(ScoreChart, { sections: results.sections });
    const chart = screen.getByRole('img', { name: /^Section scores\. / });
    expect(chart).toHaveAccessibleName(
      `Section scores. ${results.sections.map((s) => `${s.section.title}: ${s.score}%`).join('; ')}`,
    );
    // Labels are HTML text at the page's size, not SVG text scaled down with the drawing.
    expect(chart.querySelector('svg')).toBeNull();
    expect(chart).toHaveTextContent('Relays');
  });

  test('a section where nothing applies says "Not applicable" where its bar would be, as the PDF does', () => {
    const results = computeResults(testCatalogue, assessmentWith({}));
    const filtering = results.sections.find((s) => s.section.id === 'filtering')!;
    render(ScoreChart, { sections: [{ ...filtering, score: null }] });
    expect(screen.getByRole('img')).toHaveAccessibleName(
      'Section scores. Filtering: Not applicable',
    );
    expect(screen.getByRole('img')).toHaveTextContent('Not applicable');
  });
});

describe('score colours in words', () => {
  test('the chart says beside the bars what each colour means, and each bar is drawn in its band', () => {
    const results = computeResults(
      testCatalogue,
      assessmentWith({ 'no-relay': answer('implemented'), 'relay-tested': answer('partial') }),
    );
    const { container } = render(ScoreChart, { sections: results.sections });
    const legend = container.querySelector('figcaption');
    expect(legend).not.toBeNull();
    expect(legend).toHaveTextContent('Green: 80% or more');
    expect(legend).toHaveTextContent('Amber: 50% to 79%');
    expect(legend).toHaveTextContent('Red: under 50%');
    expect(legend).toHaveTextContent('The figure beside each bar is its score');
    for (const s of results.sections) {
      if (s.score === null) continue;
      const band = scoreBand(s.score);
      expect(container.querySelector(`.chart__rows .chart__bar--${band}`)).not.toBeNull();
    }
    expect([scoreBand(80), scoreBand(79), scoreBand(50), scoreBand(49)]).toEqual([
      'good',
      'fair',
      'fair',
      'poor',
    ]);
  });
});

describe('counts in words', () => {
  test('one applicable control is "1 applicable control", not "1 applicable controls"', () => {
    const results = computeResults(testCatalogue, assessmentWith({}));
    render(ReviewStep, {
      results: { ...results, progress: { ...results.progress, answered: 0, applicable: 1 } },
      ongoto: vi.fn(),
      onfinish: vi.fn(),
      onback: vi.fn(),
    });
    expect(screen.getByText('0 of 1 applicable control answered.')).toBeInTheDocument();
  });

  test('several are counted with the plural', () => {
    const results = computeResults(
      testCatalogue,
      assessmentWith({ baseline: answer('implemented') }),
    );
    render(ReviewStep, { results, ongoto: vi.fn(), onfinish: vi.fn(), onback: vi.fn() });
    expect(screen.getByText('1 of 6 applicable controls answered.')).toBeInTheDocument();
  });
});
