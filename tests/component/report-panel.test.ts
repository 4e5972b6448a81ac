import { fireEvent, render, screen, within } from '@testing-library/svelte';
import type { ComponentProps } from 'svelte';
import userEvent from '@testing-library/user-event';
import { describe, expect, test, vi } from 'vitest';
import type { VerifyOutcome } from '../../src/lib/report/io/exports';
import ReportPanel from '../../src/lib/report/ui/ReportPanel.svelte';
import VerifyPanel from '../../src/lib/report/ui/VerifyPanel.svelte';
import type { SignOff } from '../../src/lib/model/assessment';
import type { PaperSize } from '../../src/lib/report/paper';

function renderPanel(signOff: SignOff = { name: '', role: '', date: '' }) {
  const onsignoffchange = vi.fn<(patch: Partial<SignOff>) => void>();
  let finishPdf: (name: string) => void = () => {};
  const onexportpdf = vi.fn(
    (_options: { paper: PaperSize }) =>
      new Promise<string>((resolve) => {
        finishPdf = resolve;
      }),
  );
  const onexportcsv = vi.fn(() => Promise.reject(new Error('the guidance did not load')));
  const onexportjson = vi.fn(() => Promise.resolve('Org-2026-11-28-mail-security-assessment.json'));
  render(ReportPanel, {
    signOff,
    onsignoffchange,
    onexportpdf,
    onexportdocx: vi.fn(async () => 'report.docx'),
    onexportcsv,
    onexportjson,
    now: () => new Date(2026, 10, 28, 12, 0),
  });
  return {
    onsignoffchange,
    onexportpdf,
    onexportcsv,
    onexportjson,
    finishPdf: (n: string) => finishPdf(n),
  };
}

describe('ReportPanel', () => {
  test('the sign-off fields are labelled, show the sign-off and report each change', async () => {
    const { onsignoffchange } = renderPanel({ name: 'Siân', role: '', date: '2026-11-30' });
    expect(screen.getByRole('group', { name: "Assessor's sign-off" })).toBeInTheDocument();
    expect(screen.getByLabelText('Name')).toHaveValue('Siân');
    expect(screen.getByLabelText('Date')).toHaveValue('2026-11-30');
    await userEvent.type(screen.getByLabelText('Role'), 'D');
    expect(onsignoffchange).toHaveBeenLastCalledWith({ role: 'D' });
  });

  test('the PDF button asks for the chosen paper size and says what is happening', async () => {
    const { onexportpdf, finishPdf } = renderPanel();
    expect(screen.getByRole('radio', { name: 'A4' })).toBeChecked();
    await userEvent.click(screen.getByRole('radio', { name: 'US Letter' }));
    await userEvent.click(screen.getByRole('button', { name: 'Download PDF report' }));
    expect(onexportpdf).toHaveBeenCalledWith({
      paper: 'letter',
      classification: '',
      distribution: '',
    });
    expect(screen.getByText('Preparing the report…')).toBeInTheDocument();
    finishPdf('Org-2026-11-28-mail-security-assessment.pdf');
    expect(
      await screen.findByText('Downloaded Org-2026-11-28-mail-security-assessment.pdf'),
    ).toBeInTheDocument();
  });

  test('while a report is made its button keeps focus, ignores presses, and the end is announced', async () => {
    const { onexportpdf, onexportcsv, finishPdf } = renderPanel();
    const pdf = screen.getByRole('button', { name: 'Download PDF report' });
    const csv = screen.getByRole('button', { name: 'Download action plan (CSV)' });
    await userEvent.click(pdf);
    // Not the disabled attribute: a browser moves focus off a disabled button, to the page.
    expect(pdf).not.toBeDisabled();
    expect(pdf).toHaveAttribute('aria-disabled', 'true');
    expect(csv).toHaveAttribute('aria-disabled', 'true');
    expect(pdf).toHaveFocus();
    await userEvent.keyboard('{Enter}');
    expect(onexportpdf).toHaveBeenCalledOnce();
    await userEvent.click(csv);
    expect(onexportcsv).not.toHaveBeenCalled();
    expect(csv).toHaveFocus();
    finishPdf('report.pdf');
    const done = await screen.findByText('Downloaded report.pdf');
    expect(done.closest('[aria-live]')).not.toBeNull();
    expect(pdf).toHaveAttribute('aria-disabled', 'false');
    expect(csv).toHaveFocus();
  });

  test('a failed export is shown as an alert with the reason', async () => {
    const { onexportcsv } = renderPanel();
    await userEvent.click(screen.getByRole('button', { name: 'Download action plan (CSV)' }));
    expect(onexportcsv).toHaveBeenCalledOnce();
    expect(await screen.findByRole('alert')).toHaveTextContent(
      'The action plan could not be made: the guidance did not load',
    );
  });

  test('the JSON export says which file it saved, as the PDF and CSV exports do', async () => {
    const { onexportjson } = renderPanel();
    await userEvent.click(screen.getByRole('button', { name: 'Export assessment (JSON)' }));
    expect(onexportjson).toHaveBeenCalledOnce();
    const done = await screen.findByText('Downloaded Org-2026-11-28-mail-security-assessment.json');
    expect(done.closest('[aria-live]')).not.toBeNull();
  });
});

describe('ReportPanel sign-off', () => {
  const now = () => new Date(2026, 10, 28, 12, 0);

  function renderSignOff(props: Partial<ComponentProps<typeof ReportPanel>> = {}) {
    const onsignoffchange = vi.fn<(patch: Partial<SignOff>) => void>();
    const onsignoffconfirm = vi.fn();
    const view = render(ReportPanel, {
      signOff: { name: 'Siân', role: '', date: '2026-11-20' },
      onsignoffchange,
      onsignoffconfirm,
      onexportpdf: vi.fn(async () => 'r.pdf'),
      onexportdocx: vi.fn(async () => 'r.docx'),
      onexportcsv: vi.fn(async () => 'p.csv'),
      onexportjson: vi.fn(async () => 'a.json'),
      now,
      ...props,
    });
    return { ...view, onsignoffchange, onsignoffconfirm };
  }

  test('a sign-off date after today is refused with the reason, and not saved', async () => {
    const { onsignoffchange } = renderSignOff();
    const date = screen.getByLabelText('Date');
    expect(date).toHaveAttribute('max', '2026-11-28');
    await fireEvent.input(date, { target: { value: '2026-11-29' } });
    expect(onsignoffchange).not.toHaveBeenCalled();
    expect(date).toHaveAttribute('aria-invalid', 'true');
    expect(date).toHaveAccessibleDescription(
      'A sign-off cannot be dated after today (28 November 2026). This date was not saved: enter the day the signatory confirmed the answers.',
    );
    await fireEvent.input(date, { target: { value: '2026-11-28' } });
    expect(onsignoffchange).toHaveBeenCalledWith({ date: '2026-11-28' });
    expect(date).toHaveAttribute('aria-invalid', 'false');
    expect(screen.queryByText(/cannot be dated after today/)).toBeNull();
  });

  test('a future date that came in a file is pointed out in the words the report prints', () => {
    renderSignOff({ signOff: { name: 'Siân', role: '', date: '2027-03-03' } });
    const date = screen.getByLabelText('Date');
    expect(date).toHaveValue('2027-03-03');
    expect(date).toHaveAttribute('aria-invalid', 'true');
    expect(date).toHaveAccessibleDescription(
      'This sign-off is dated 3 March 2027, after today (28 November 2026): no one can have signed on that day. Ask the signatory for the day they confirmed the answers and enter it.',
    );
  });

  test("the approver's name, role and date are a second group, reported as approval changes", async () => {
    const onapprovalchange = vi.fn<(patch: Partial<SignOff>) => void>();
    const onapprovalconfirm = vi.fn();
    const warning =
      'Signed before the answers last changed: they changed after this sign-off was recorded on 27 November 2026 at 10:00 GMT. Ask the signatory to confirm again.';
    const { onsignoffchange } = renderSignOff({
      approval: { name: 'Dr Ελένη Κ.', role: '', date: '2026-11-27' },
      approvalState: { kind: 'changed', signedAt: '2026-11-27T10:00:00.000Z', warning },
      onapprovalchange,
      onapprovalconfirm,
    });
    const group = screen.getByRole('group', { name: "Approver's sign-off" });
    expect(within(group).getByLabelText("Approver's name")).toHaveValue('Dr Ελένη Κ.');
    expect(within(group).getByLabelText('Date approved')).toHaveValue('2026-11-27');
    await userEvent.type(within(group).getByLabelText("Approver's role"), 'P');
    expect(onapprovalchange).toHaveBeenLastCalledWith({ role: 'P' });
    expect(onsignoffchange).not.toHaveBeenCalled();
    // Flagged within the approver's group, with its own button.
    expect(within(group).getByText(warning)).toBeInTheDocument();
    await userEvent.click(
      within(group).getByRole('button', { name: /^The signatory has confirmed/ }),
    );
    expect(onapprovalconfirm).toHaveBeenCalledOnce();
    // An approval date after today is refused as the assessor's is.
    await fireEvent.input(within(group).getByLabelText('Date approved'), {
      target: { value: '2026-11-29' },
    });
    expect(onapprovalchange).toHaveBeenCalledTimes(1);
  });

  test('answers changed since the sign-off are pointed out until the signatory confirms again', async () => {
    const warning =
      'Signed before the answers last changed: they changed after this sign-off was recorded on 28 November 2026 at 09:00 GMT. Ask the signatory to confirm again.';
    const { onsignoffconfirm, rerender } = renderSignOff({
      signOffState: { kind: 'changed', signedAt: '2026-11-28T09:00:00.000Z', warning },
    });
    expect(screen.getByText(warning)).toBeInTheDocument();
    // As in the app, confirming records the sign-off at once, which replaces the warning.
    onsignoffconfirm.mockImplementation(() => {
      void rerender({ signOffState: { kind: 'current', signedAt: '2026-11-28T12:00:00.000Z' } });
    });
    await userEvent.click(
      screen.getByRole('button', { name: /^The signatory has confirmed the current answers/ }),
    );
    expect(onsignoffconfirm).toHaveBeenCalledOnce();
    expect(screen.queryByText(warning)).toBeNull();
    // The button has gone with the warning: focus is on what replaced it, not the page.
    expect(screen.getByText(/Sign-off recorded on 28 November 2026/)).toHaveFocus();
  });
});

describe('VerifyPanel', () => {
  const digest = 'ab'.repeat(32);

  test('verifies the chosen file against the digest typed in, and explains a mismatch', async () => {
    const outcome: VerifyOutcome = {
      ok: true,
      fileName: 'export.json',
      organisation: 'Org',
      verification: {
        computed: 'cd'.repeat(32),
        embedded: { kind: 'match', digest: 'cd'.repeat(32) },
        printed: {
          kind: 'mismatch',
          expected: digest,
          actual: 'cd'.repeat(32),
          meaning:
            'The content of the file differs from the assessment the report was printed from.',
        },
      },
    };
    const onverify = vi.fn(() => Promise.resolve(outcome));
    render(VerifyPanel, { onverify });
    const verify = screen.getByRole('button', { name: 'Verify' });
    expect(verify).toBeDisabled();
    const file = new File(['{}'], 'export.json', { type: 'application/json' });
    await userEvent.upload(screen.getByLabelText('Exported assessment file (JSON)'), file);
    await userEvent.type(
      screen.getByLabelText('Digest printed on the report (recommended)'),
      digest,
    );
    await userEvent.click(verify);
    expect(onverify).toHaveBeenCalledWith(file, digest);
    expect(await screen.findByText('Verification failed for export.json.')).toBeInTheDocument();
    expect(
      screen.getByText(/does not match\. The content of the file differs from the assessment/),
    ).toBeInTheDocument();
  });

  test('a file that cannot be read gets the import message as an alert', async () => {
    const onverify = vi.fn(() =>
      Promise.resolve<VerifyOutcome>({
        ok: false,
        reason: 'x.json could not be read. The file is empty.',
      }),
    );
    render(VerifyPanel, { onverify });
    await userEvent.upload(
      screen.getByLabelText('Exported assessment file (JSON)'),
      new File(['x'], 'x.json'),
    );
    await userEvent.click(screen.getByRole('button', { name: 'Verify' }));
    expect(await screen.findByRole('alert')).toHaveTextContent('The file is empty.');
  });
});
