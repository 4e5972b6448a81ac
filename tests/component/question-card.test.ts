import { render, screen } from '@testing-library/svelte';
import userEvent from '@testing-library/user-event';
import { describe, expect, test, vi } from 'vitest';
import QuestionCard from '../../src/lib/checklist/ui/QuestionCard.svelte';
import type { Answer } from '../../src/lib/model/assessment';
import type { ControlState } from '../../src/lib/checklist/results';
import { answer, testCatalogue, testGuidance } from '../fixtures/catalogue';

const control = testCatalogue.sections[0]!.controls[0]!;

function renderCard(state: ControlState) {
  const onchange = vi.fn<(answer: Answer) => void>();
  const onclear = vi.fn();
  const view = render(QuestionCard, {
    control,
    guidance: testGuidance[control.id],
    state,
    onchange,
    onclear,
  });
  return { ...view, onchange, onclear };
}

describe('QuestionCard', () => {
  test('says the guidance is loading until it arrives', () => {
    render(QuestionCard, {
      control,
      guidance: undefined,
      state: { kind: 'unanswered' },
      onchange: vi.fn(),
      onclear: vi.fn(),
    });
    expect(screen.getByText(/Loading the guidance/)).toBeInTheDocument();
    expect(screen.getByRole('radio', { name: 'Implemented' })).toBeInTheDocument();
  });

  test('offers the five answers as a radio group named by the question', async () => {
    const { onchange } = renderCard({ kind: 'unanswered' });
    const group = screen.getByRole('group', { name: control.question });
    const radios = Array.from(group.querySelectorAll('input[type=radio]'));
    expect(radios).toHaveLength(5);
    await userEvent.click(screen.getByRole('radio', { name: 'Partially implemented' }));
    expect(onchange).toHaveBeenCalledWith(expect.objectContaining({ status: 'partial' }));
  });

  test('shows the level, the title and the guidance sections', () => {
    renderCard({ kind: 'unanswered' });
    expect(screen.getByRole('heading', { name: control.title })).toBeInTheDocument();
    expect(screen.getByText('MUST')).toBeInTheDocument();
    for (const name of ['Why it matters', 'How to check', 'How to fix', 'Source in the guidance']) {
      expect(screen.getByText(name)).toBeInTheDocument();
    }
  });

  test('not applicable asks for the reason and flags it while missing', async () => {
    const a = answer('not-applicable');
    const { onchange } = renderCard({ kind: 'unanswered', answer: a, problem: 'x' });
    const reason = screen.getByLabelText('Why does this not apply? (required)');
    expect(reason).toHaveAttribute('aria-invalid', 'true');
    expect(screen.getByText(/counts as unanswered/)).toBeInTheDocument();
    await userEvent.type(reason, 'N');
    expect(onchange).toHaveBeenLastCalledWith({ ...a, naReason: 'N' });
  });

  test('not implemented asks for an owner and a target date; implemented does not', () => {
    const { unmount } = renderCard({
      kind: 'answered',
      status: 'not-implemented',
      answer: answer('not-implemented'),
    });
    expect(screen.getByLabelText('Owner of the fix')).toBeInTheDocument();
    expect(screen.getByLabelText('Target date')).toBeInTheDocument();
    unmount();
    renderCard({ kind: 'answered', status: 'implemented', answer: answer('implemented') });
    expect(screen.queryByLabelText('Owner of the fix')).toBeNull();
    expect(screen.getByLabelText('Evidence notes')).toBeInTheDocument();
    expect(screen.getByLabelText(/Evidence reference/)).toBeInTheDocument();
  });

  test('evidence typed by the user is passed on as plain text, markup and all', async () => {
    const a = answer('implemented');
    const { onchange } = renderCard({ kind: 'answered', status: 'implemented', answer: a });
    await userEvent.type(screen.getByLabelText('Evidence notes'), '<b>');
    expect(onchange).toHaveBeenLastCalledWith({ ...a, notes: '<b>' });
  });

  test('stored evidence containing markup is shown as text, never as HTML', () => {
    const markup = '<b>bold</b><img src=x onerror="window.pwned=1">';
    const a = answer('not-applicable', { notes: markup, evidenceRef: markup, naReason: markup });
    renderCard({ kind: 'answered', status: 'not-applicable', answer: a });
    expect(screen.getByLabelText('Evidence notes')).toHaveValue(markup);
    expect(screen.getByLabelText('Evidence reference')).toHaveValue(markup);
    expect(screen.getByLabelText(/Why does this not apply/)).toHaveValue(markup);
    expect(document.querySelector('b, img')).toBeNull();
  });

  test('every text field is limited to what the saved assessment can hold', () => {
    const a = answer('not-implemented');
    renderCard({ kind: 'answered', status: 'not-implemented', answer: a });
    expect(screen.getByLabelText('Evidence notes')).toHaveAttribute('maxlength', '20000');
    expect(screen.getByLabelText('Evidence reference')).toHaveAttribute('maxlength', '2000');
    expect(screen.getByLabelText('Owner of the fix')).toHaveAttribute('maxlength', '200');
  });

  test('pasting more evidence than can be saved keeps only what fits', async () => {
    const a = answer('implemented');
    const { onchange } = renderCard({ kind: 'answered', status: 'implemented', answer: a });
    await userEvent.click(screen.getByLabelText('Evidence notes'));
    await userEvent.paste('x'.repeat(20_050));
    expect(onchange).toHaveBeenLastCalledWith({ ...a, notes: 'x'.repeat(20_000) });
  });

  test('the reason a control does not apply is limited to what the saved assessment can hold', () => {
    renderCard({ kind: 'unanswered', answer: answer('not-applicable'), problem: 'x' });
    expect(screen.getByLabelText(/Why does this not apply/)).toHaveAttribute('maxlength', '2000');
  });

  test('a control ruled out by the profile says so with the reason and asks nothing', () => {
    renderCard({ kind: 'not-applicable-by-profile', reason: 'The provider runs the servers.' });
    expect(screen.getByText(/Not applicable \(by profile\)/)).toBeInTheDocument();
    expect(screen.getByText(/The provider runs the servers\./)).toBeInTheDocument();
    expect(screen.queryAllByRole('radio')).toHaveLength(0);
  });

  test('the answer can be cleared', async () => {
    const { onclear } = renderCard({
      kind: 'answered',
      status: 'implemented',
      answer: answer('implemented'),
    });
    await userEvent.click(screen.getByRole('button', { name: /Clear answer/ }));
    expect(onclear).toHaveBeenCalledOnce();
  });

  test('after "Clear answer" focus moves to the first answer of the question, and it is said', async () => {
    renderCard({ kind: 'answered', status: 'implemented', answer: answer('implemented') });
    await userEvent.click(screen.getByRole('button', { name: /Clear answer/ }));
    expect(screen.getByRole('radio', { name: 'Implemented' })).toHaveFocus();
    expect(screen.getByRole('status')).toHaveTextContent(`Answer to "${control.title}" cleared.`);
  });
});
