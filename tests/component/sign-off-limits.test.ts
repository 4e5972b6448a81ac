import { render, screen } from '@testing-library/svelte';
import { expect, test, vi } from 'vitest';
import ReportPanel from '../../src/lib/report/ui/ReportPanel.svelte';

test('the sign-off fields accept no more text than the saved assessment can hold', () => {
  render(ReportPanel, {
    signOff: { name: '', role: '', date: '' },
    onsignoffchange: vi.fn(),
    onexportpdf: vi.fn(async () => 'report.pdf'),
    onexportcsv: vi.fn(async () => 'plan.csv'),
    onexportjson: vi.fn(async () => 'assessment.json'),
    now: () => new Date(2026, 10, 28, 12, 0),
  });
  expect(screen.getByLabelText('Name')).toHaveAttribute('maxlength', '200');
  expect(screen.getByLabelText('Role')).toHaveAttribute('maxlength', '200');
});
