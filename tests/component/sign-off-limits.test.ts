import { render } from '@testing-library/svelte';
import { test, vi } from 'vitest';
import ReportPanel from '../../src/lib/report/ui/ReportPanel.svelte';
import { expectRefusesOverLimit } from '../fixtures/limits';

test('the sign-off fields take what the saved assessment can hold, and refuse more aloud', async () => {
  const onsignoffchange = vi.fn();
  render(ReportPanel, {
    signOff: { name: '', role: '', date: '' },
    onsignoffchange,
    onexportpdf: vi.fn(async () => 'report.pdf'),
    onexportdocx: vi.fn(async () => 'report.docx'),
    onexportcsv: vi.fn(async () => 'plan.csv'),
    onexportjson: vi.fn(async () => 'assessment.json'),
    now: () => new Date(2026, 10, 28, 12, 0),
  });
  await expectRefusesOverLimit('Name', 200, onsignoffchange);
  await expectRefusesOverLimit('Role', 200, onsignoffchange);
});
