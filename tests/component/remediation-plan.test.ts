import { render, screen, within } from '@testing-library/svelte';
import { expect, test } from 'vitest';
import RemediationPlan from '../../src/lib/report/ui/RemediationPlan.svelte';
import type { ReportFinding } from '../../src/lib/report/findings';
import { answer, testCatalogue } from '../fixtures/catalogue';

const section = testCatalogue.sections[0]!;

function finding(index: number, targetDate: string): ReportFinding {
  const control = section.controls[index]!;
  return {
    kind: 'control',
    level: control.level,
    section: { id: section.id, title: section.title },
    title: control.title,
    control,
    status: 'not-implemented',
    answer: answer('not-implemented', { targetDate }),
  };
}

test('a target date already passed on something not implemented is marked "Overdue"', () => {
  const late = finding(0, '2026-11-27');
  const onTime = finding(1, '2026-11-28');
  render(RemediationPlan, { findings: [late, onTime], today: '2026-11-28' });
  const row = (title: string) => screen.getByRole('rowheader', { name: title }).closest('tr')!;
  expect(within(row(late.title)).getByText('Overdue')).toBeInTheDocument();
  expect(within(row(onTime.title)).queryByText('Overdue')).toBeNull();
});

test('target dates read as dates, and a finding with no owner or date says so as the report does', () => {
  const dated = finding(0, '2027-03-31');
  const undated = finding(1, '');
  render(RemediationPlan, { findings: [dated, undated], today: '2026-11-28' });
  const row = (title: string) => screen.getByRole('rowheader', { name: title }).closest('tr')!;
  expect(within(row(dated.title)).getByText('31 March 2027')).toBeInTheDocument();
  expect(within(row(undated.title)).getByText('Not assigned')).toBeInTheDocument();
  expect(within(row(undated.title)).getByText('No target date')).toBeInTheDocument();
});
