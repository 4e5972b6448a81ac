import { render, screen, within } from '@testing-library/svelte';
import userEvent from '@testing-library/user-event';
import { describe, expect, test, vi } from 'vitest';
import ComparisonPanel from '../../src/lib/report/ui/ComparisonPanel.svelte';
import { newAssessment, type Assessment } from '../../src/lib/model/assessment';
import { computeResults } from '../../src/lib/checklist/results';
import { answer, testCatalogue } from '../fixtures/catalogue';

function assessment(id: string, date: string, relay: Parameters<typeof answer>[0]): Assessment {
  const base = newAssessment({
    id,
    now: new Date('2026-11-28T09:00:00Z'),
    catalogueVersion: testCatalogue.version,
  });
  return {
    ...base,
    profile: {
      ...base.profile,
      organisation: 'Coleg Gŵyr',
      assessmentDate: date,
      serviceModel: 'own',
    },
    answers: {
      'no-relay': answer(relay),
      'relay-tested': answer('implemented'),
      'port-25-out': answer('not-implemented', { owner: 'Net', targetDate: '2026-06-30' }),
    },
  };
}

const current = assessment('now', '2026-11-28', 'implemented');
const lastYear = assessment('then', '2025-11-20', 'not-implemented');

function renderPanel(onreadfile = vi.fn()) {
  return render(ComparisonPanel, {
    catalogue: testCatalogue,
    assessment: current,
    results: computeResults(testCatalogue, current),
    candidates: [lastYear],
    today: '2026-11-28',
    onreadfile,
  });
}

describe('ComparisonPanel', () => {
  test('choosing last year from the library shows what changed, what closed and what is overdue', async () => {
    renderPanel();
    expect(screen.queryByRole('heading', { name: 'Answers that changed' })).toBeNull();
    await userEvent.selectOptions(
      screen.getByLabelText('Compare with'),
      screen.getByRole('option', { name: /Coleg Gŵyr.*20 November 2025/ }),
    );
    await screen.findByRole('heading', { name: 'Answers that changed' });
    const row = screen.getByRole('rowheader', { name: 'Control no-relay' }).closest('tr')!;
    expect(
      within(row)
        .getAllByRole('cell')
        .map((cell) => cell.textContent),
    ).toEqual(['Relays', 'Not implemented', 'Implemented']);
    const closed = screen.getByRole('heading', { name: 'Findings closed' });
    expect(closed.nextElementSibling).toHaveTextContent('Control no-relay');
    const overdue = screen.getByRole('heading', { name: 'Actions now overdue' });
    expect(overdue.nextElementSibling).toHaveTextContent(
      'Control port-25-outDue 30 June 2026 · Owner: Net · Also a finding in the previous assessment',
    );
    // Shown in bold, and announced in a status line on its own rather than the whole comparison.
    const trend = /^Since the assessment of Coleg Gŵyr dated 20 November 2025/;
    expect(screen.getAllByText(trend)).toHaveLength(2);
    expect(screen.getByRole('status')).toHaveTextContent(trend);
    // Back to none: the comparison goes.
    await userEvent.selectOptions(screen.getByLabelText('Compare with'), 'No comparison');
    expect(screen.queryByRole('heading', { name: 'Findings closed' })).toBeNull();
    expect(screen.getByRole('status')).toHaveTextContent('');
  });

  test('a file that cannot be read is refused with the reason, and nothing is compared', async () => {
    const onreadfile = vi.fn(async () => ({ ok: false as const, reason: 'The file is empty.' }));
    renderPanel(onreadfile);
    const file = new File(['{}'], 'last-year.json', { type: 'application/json' });
    await userEvent.upload(screen.getByLabelText('Or compare with an exported file'), file);
    expect(
      await screen.findByText('last-year.json could not be compared with: The file is empty.'),
    ).toBeInTheDocument();
    expect(screen.queryByRole('heading', { name: 'Findings closed' })).toBeNull();
  });

  test('a file read for comparison is offered in the list and compared', async () => {
    const onreadfile = vi.fn(async () => ({
      ok: true as const,
      assessment: structuredClone(lastYear),
    }));
    renderPanel(onreadfile);
    const file = new File(['{}'], 'last-year.json', { type: 'application/json' });
    await userEvent.upload(screen.getByLabelText('Or compare with an exported file'), file);
    const select = screen.getByLabelText<HTMLSelectElement>('Compare with');
    await screen.findByRole('heading', { name: 'Findings closed' });
    expect(
      within(select).getByRole('option', { name: 'From the file last-year.json' }),
    ).toBeInTheDocument();
    expect(select.value).toBe('file');
  });
});
