import { testSession, wizardProps } from '../fixtures/session';
import { render, screen, waitFor, within } from '@testing-library/svelte';
import userEvent from '@testing-library/user-event';
import { afterEach, beforeEach, describe, expect, test, vi } from 'vitest';
import { emptyAnswer } from '../../src/lib/model/assessment';
import WizardView from '../../src/lib/session/ui/WizardView.svelte';

/**
 * Views loaded on demand are compiled by the test runner the first time they are asked for, which
 * can take seconds on a busy machine: the wait is for that, not for the app.
 */
const LAZY_VIEW = { timeout: 10_000 };

const session = () => testSession();

const stepNav = () => within(screen.getByRole('navigation', { name: 'Assessment steps' }));
const pageHeading = (name: string) => screen.getByRole('heading', { level: 1, name });

let scrolled: Element[];

beforeEach(() => {
  // jsdom lays nothing out: record what the view asks to scroll to instead.
  scrolled = [];
  Element.prototype.scrollIntoView = vi.fn(function (this: Element) {
    scrolled.push(this);
  });
  vi.spyOn(window, 'scrollTo').mockImplementation(() => undefined);
});
afterEach(() => vi.restoreAllMocks());

describe('focus after a step change', () => {
  test('Save and continue puts focus on the first section heading', async () => {
    render(WizardView, wizardProps(await session()));
    await userEvent.click(screen.getByRole('button', { name: 'Save and continue' }));
    await waitFor(() => expect(pageHeading('Relays')).toHaveFocus());
  });

  test('Next and Back between sections put focus on the new heading', async () => {
    render(WizardView, wizardProps(await session()));
    await userEvent.click(screen.getByRole('button', { name: 'Save and continue' }));
    await userEvent.click(await screen.findByRole('button', { name: 'Next section' }));
    await waitFor(() => expect(pageHeading('Filtering')).toHaveFocus());
    await userEvent.click(screen.getByRole('button', { name: 'Back' }));
    await waitFor(() => expect(pageHeading('Relays')).toHaveFocus());
  });

  test('jumping to a step from the step list puts focus on that step heading', async () => {
    render(WizardView, wizardProps(await session()));
    await userEvent.click(stepNav().getByRole('button', { name: /Monitoring/ }));
    await waitFor(() => expect(pageHeading('Monitoring')).toHaveFocus());
    await userEvent.click(stepNav().getByRole('button', { name: 'Review' }));
    await waitFor(() => expect(pageHeading('Review')).toHaveFocus());
  });

  test('a heading below the step list (a narrow screen) is scrolled into view', async () => {
    vi.spyOn(HTMLElement.prototype, 'getBoundingClientRect').mockReturnValue(
      DOMRect.fromRect({ x: 0, y: window.innerHeight + 400, width: 300, height: 40 }),
    );
    render(WizardView, wizardProps(await session()));
    await userEvent.click(stepNav().getByRole('button', { name: /Filtering/ }));
    await waitFor(() => expect(pageHeading('Filtering')).toHaveFocus());
    expect(scrolled).toContain(pageHeading('Filtering'));
  });

  test('the block-list step, loaded on demand, ends with focus on its own heading', async () => {
    render(WizardView, wizardProps(await session()));
    await userEvent.click(stepNav().getByRole('button', { name: 'Block-list check (optional)' }));
    await waitFor(
      () => expect(screen.getByText(/Optional: check your mail servers/)).toBeVisible(),
      LAZY_VIEW,
    );
    await waitFor(() => expect(pageHeading('Block-list check')).toHaveFocus());
  });

  test('shown from the library, the wizard puts focus on the step heading', async () => {
    render(WizardView, wizardProps(await session(), { focusOnMount: true }));
    await waitFor(() => expect(pageHeading('Organisation profile')).toHaveFocus());
  });
});

describe('gap links go to the control itself', () => {
  test('a gap on the review step opens its section with focus on that control', async () => {
    render(WizardView, wizardProps(await session()));
    await userEvent.click(stepNav().getByRole('button', { name: 'Review' }));
    const gaps = await screen.findByRole('heading', { name: /Unanswered/ });
    const list = within(gaps.parentElement!);
    await userEvent.click(list.getByRole('button', { name: 'Control port-25-out' }));

    const control = await screen.findByRole('heading', { level: 2, name: 'Control port-25-out' });
    await waitFor(() => expect(control).toHaveFocus());
    expect(pageHeading('Filtering')).toBeInTheDocument();
    expect(scrolled).toContain(control);
    // The user can answer it straight away: the next Tab reaches its options.
    await userEvent.tab();
    expect(
      within(screen.getByRole('article', { name: 'Control port-25-out' })).getByRole('radio', {
        name: 'Implemented',
      }),
    ).toHaveFocus();
  });

  test('an unanswered MUST on the results opens its section with focus on that control', async () => {
    render(WizardView, wizardProps(await session()));
    await userEvent.click(stepNav().getByRole('button', { name: 'Results and report' }));
    const verdict = await screen.findByRole('region', { name: /incomplete/i }, LAZY_VIEW);
    await userEvent.click(within(verdict).getByRole('button', { name: 'Control baseline' }));
    const control = await screen.findByRole('heading', { level: 2, name: 'Control baseline' });
    await waitFor(() => expect(control).toHaveFocus());
  });
});

describe('answers set aside by the service model', () => {
  test('the profile step says how many answers no longer count, and that they are kept', async () => {
    const s = await session();
    render(WizardView, wizardProps(s));
    await userEvent.click(stepNav().getByRole('button', { name: /Relays/ }));
    const card = within(await screen.findByRole('article', { name: 'Control no-relay' }));
    await userEvent.click(card.getByRole('radio', { name: 'Implemented' }));
    await userEvent.click(stepNav().getByRole('button', { name: 'Organisation profile' }));
    expect(screen.queryByText(/no longer count/)).not.toBeInTheDocument();

    await userEvent.click(screen.getByRole('radio', { name: /^Hosted mail service/ }));
    expect(
      await screen.findByText(
        'With this service model, 1 answer you have already given no longer counts: its control is not applicable (by profile). It is kept, and counts again if you change the model back.',
      ),
    ).toBeInTheDocument();

    await userEvent.click(screen.getByRole('radio', { name: 'Own mail servers' }));
    await waitFor(() => expect(screen.queryByText(/no longer count/)).not.toBeInTheDocument());
    expect(s.wizard.assessment.answers['no-relay']?.status).toBe('implemented');
  });

  test('several answers set aside are counted in words', async () => {
    const s = await session();
    render(WizardView, wizardProps(s));
    for (const id of ['no-relay', 'dnsbl']) {
      s.wizard.send({
        type: 'answer.change',
        controlId: id,
        answer: emptyAnswer('partial'),
      });
    }
    await userEvent.click(screen.getByRole('radio', { name: 'No mail service' }));
    expect(
      await screen.findByText(
        /^With this service model, 2 answers you have already given no longer count: their controls/,
      ),
    ).toBeInTheDocument();
  });
});
