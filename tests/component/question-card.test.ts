import { render, screen } from '@testing-library/svelte';
import { expectRefusesOverLimit } from '../fixtures/limits';
import userEvent from '@testing-library/user-event';
import { describe, expect, test, vi } from 'vitest';
import QuestionCard from '../../src/lib/checklist/ui/QuestionCard.svelte';
import type { Answer } from '../../src/lib/model/assessment';
import type { ControlState } from '../../src/lib/checklist/results';
import { answer, testCatalogue, testGuidance, words } from '../fixtures/catalogue';
import { guidanceFromMarkdown } from '../../src/lib/content/guidance';
import type { ControlGuidance } from '../../src/lib/model/catalogue';

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
    const group = screen.getByRole('group', { name: control.statement });
    const radios = Array.from(group.querySelectorAll('input[type=radio]'));
    expect(radios).toHaveLength(5);
    await userEvent.click(screen.getByRole('radio', { name: 'Partially implemented' }));
    expect(onchange).toHaveBeenCalledWith(expect.objectContaining({ status: 'partial' }));
  });

  test('shows the level, the title and the guidance sections', async () => {
    renderCard({ kind: 'unanswered' });
    expect(screen.getByRole('heading', { name: control.title })).toBeInTheDocument();
    expect(screen.getByText('MUST')).toBeInTheDocument();
    // The guidance view is a chunk of its own, loaded once the texts are there.
    expect(await screen.findByText('Why it matters', {}, { timeout: 10_000 })).toBeInTheDocument();
    for (const name of ['How to check', 'How to fix', 'Source in the guidance']) {
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

  test('a finding takes the agreed action beside its owner and date; emptied, it is left out', async () => {
    const a = answer('partial', { owner: 'Mail team' });
    const { onchange, rerender } = renderCard({ kind: 'answered', status: 'partial', answer: a });
    const field = screen.getByLabelText('Agreed action (management response)');
    expect(field).toHaveAccessibleDescription(expect.stringContaining('up to 2,000 characters'));
    await userEvent.type(field, 'F');
    expect(onchange).toHaveBeenLastCalledWith({ ...a, response: 'F' });
    await rerender({
      state: { kind: 'answered', status: 'partial', answer: { ...a, response: 'F' } },
    });
    await userEvent.clear(screen.getByLabelText('Agreed action (management response)'));
    const last = onchange.mock.lastCall![0];
    expect(last).toEqual(a);
    expect('response' in last).toBe(false);
  });

  test('an agreed action longer than the limit is refused whole, never cut', async () => {
    const { onchange } = renderCard({
      kind: 'answered',
      status: 'not-implemented',
      answer: answer('not-implemented'),
    });
    await expectRefusesOverLimit('Agreed action (management response)', 2000, onchange);
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

  test('every text field takes what the saved assessment can hold, and refuses more aloud', async () => {
    const a = answer('not-implemented');
    const { onchange } = renderCard({ kind: 'answered', status: 'not-implemented', answer: a });
    await expectRefusesOverLimit('Evidence notes', 20_000, onchange);
    await expectRefusesOverLimit('Evidence reference', 2000, onchange);
    await expectRefusesOverLimit('Owner of the fix', 200, onchange);
  });

  test('the reason a control does not apply is refused past what the assessment can hold', async () => {
    const { onchange } = renderCard({
      kind: 'unanswered',
      answer: answer('not-applicable'),
      problem: 'x',
    });
    await expectRefusesOverLimit(/Why does this not apply/, 2000, onchange);
  });

  test('a control ruled out by the profile says so with the reason and asks nothing', () => {
    renderCard({ kind: 'not-applicable-by-profile', reason: 'The provider runs the servers.' });
    expect(screen.getByText(/Not applicable \(by profile\)/)).toBeInTheDocument();
    expect(screen.getByText(/The provider runs the servers\./)).toBeInTheDocument();
    expect(screen.queryAllByRole('radio')).toHaveLength(0);
  });

  test('a control ruled out by the profile is folded to one line, its guidance one click away', async () => {
    renderCard({ kind: 'not-applicable-by-profile', reason: 'The provider runs the servers.' });
    // The title and the reason show; the statement and the guidance wait behind a disclosure.
    expect(screen.getByRole('heading', { name: control.title })).toBeInTheDocument();
    expect(screen.queryByText(control.statement)).toBeNull();
    expect(screen.queryByText('Why it matters')).toBeNull();
    expect(screen.queryByText('How to fix')).toBeNull();
    const summary = screen.getByText('Show this control and its guidance', { exact: false });
    expect(summary.tagName).toBe('SUMMARY');
    expect(summary.textContent).toContain(control.title);

    await userEvent.click(summary);
    expect(await screen.findByText('Why it matters', {}, { timeout: 10_000 })).toBeVisible();
    expect(screen.getByText(control.statement)).toBeInTheDocument();
    expect(screen.queryAllByRole('radio')).toHaveLength(0);
  });

  test('an applicable control is never folded', () => {
    renderCard({ kind: 'unanswered' });
    expect(screen.queryByText('Show this control and its guidance', { exact: false })).toBeNull();
    expect(screen.getByRole('group', { name: control.statement })).toBeInTheDocument();
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
    expect(screen.getByText(`Answer to "${control.title}" cleared.`)).toHaveAttribute(
      'role',
      'status',
    );
  });
});

/** A guidance file using every mark the loader accepts, and markup written as text. */
const MARKED_UP = `## Why it matters

Relays are **abused** by _bulk mailers_; see [the Janet guidance](https://community.jisc.ac.uk/library).

## How to check

1. List \`mynetworks\` and look for \\<b>bold\\</b> claims.

   \`\`\`sh
   postconf mynetworks
   \`\`\`

## How to fix

### Postfix

1. Narrow \`mynetworks\` to named hosts.

## Source in the guidance

> Organisations "MUST NOT" allow relaying.
`;

describe('QuestionCard guidance', () => {
  function renderGuidance(guidance: ControlGuidance) {
    render(QuestionCard, {
      control,
      guidance,
      state: { kind: 'unanswered' },
      onchange: vi.fn(),
      onclear: vi.fn(),
    });
  }

  async function openAll() {
    await screen.findByText('Why it matters');
    for (const name of ['Why it matters', 'How to check', 'How to fix', 'Source in the guidance']) {
      await userEvent.click(screen.getByText(name));
    }
  }

  test('shows the code, bold, emphasis and links of a guidance file as elements', async () => {
    renderGuidance(guidanceFromMarkdown('guidance/test.md', MARKED_UP));
    await openAll();
    const bold = screen.getByText('abused');
    expect(bold.tagName).toBe('STRONG');
    expect(screen.getByText('bulk mailers').tagName).toBe('EM');
    // The runs join as the words were written, without gaps or extra spaces.
    expect(bold.closest('p')?.textContent).toBe(
      'Relays are abused by bulk mailers; see the Janet guidance.',
    );
    const link = screen.getByRole('link', { name: 'the Janet guidance' });
    expect(link).toHaveAttribute('href', 'https://community.jisc.ac.uk/library');
    expect(link).toHaveAttribute('rel', 'noreferrer');
    expect(screen.getAllByText('mynetworks', { selector: 'p > code' })).toHaveLength(2);
    expect(screen.getByText('postconf mynetworks', { selector: 'pre > code' })).toBeInTheDocument();
    expect(screen.getByRole('heading', { name: 'Postfix' })).toBeInTheDocument();
    expect(
      screen.getByText('Organisations "MUST NOT" allow relaying.', { selector: 'blockquote p' }),
    ).toBeInTheDocument();
  });

  test('markup written as text in a guidance file shows as text, never as HTML', async () => {
    renderGuidance(guidanceFromMarkdown('guidance/test.md', MARKED_UP));
    await openAll();
    expect(screen.getByText(/look for <b>bold<\/b> claims/)).toBeInTheDocument();
    expect(document.querySelector('.guidance b')).toBeNull();
  });

  test('a text run holding a tag, however it got there, is shown as text', async () => {
    const markup = '<img src=x onerror="window.pwned=1"><b>bold</b>';
    renderGuidance({ ...testGuidance[control.id]!, why: [words(markup)] });
    await openAll();
    expect(screen.getByText(markup)).toBeInTheDocument();
    expect(document.querySelector('.guidance img, .guidance b')).toBeNull();
  });
});
