import { libraryProps, testSession } from '../fixtures/session';
import { render, screen, waitFor, within } from '@testing-library/svelte';
import userEvent from '@testing-library/user-event';
import { afterEach, beforeEach, describe, expect, test, vi } from 'vitest';
import App from '../../src/App.svelte';
import LibraryView from '../../src/lib/session/ui/LibraryView.svelte';

/** A library of three named assessments, the last one created open. */
async function library() {
  const session = await testSession();
  session.wizard.send({ type: 'profile.change', patch: { organisation: 'Alpha' } });
  for (const organisation of ['Bravo', 'Charlie']) {
    session.startNew();
    session.wizard.send({ type: 'profile.change', patch: { organisation } });
  }
  return session;
}

const item = (name: string) => screen.getByRole('heading', { level: 3, name: new RegExp(name) });
const itemCard = (name: string) => within(item(name).closest('li')!);

beforeEach(() => {
  Element.prototype.scrollIntoView = vi.fn();
  vi.spyOn(window, 'scrollTo').mockImplementation(() => undefined);
});
afterEach(() => {
  vi.restoreAllMocks();
  window.localStorage.clear();
});

describe('focus in the library', () => {
  test('shown, the library starts at its heading', async () => {
    render(LibraryView, libraryProps(await library(), vi.fn()));
    expect(screen.getByRole('heading', { level: 1, name: 'Assessments' })).toHaveFocus();
  });

  test('Delete asks first, with focus on the safe answer; Keep it returns to Delete', async () => {
    render(LibraryView, libraryProps(await library(), vi.fn()));
    await userEvent.click(itemCard('Bravo').getByRole('button', { name: 'Delete Bravo' }));
    const keep = itemCard('Bravo').getByRole('button', { name: 'Keep it' });
    await waitFor(() => expect(keep).toHaveFocus());
    expect(keep).toHaveAccessibleDescription(
      'Delete for good? Export it first if you may need it.',
    );
    await userEvent.click(keep);
    await waitFor(() =>
      expect(itemCard('Bravo').getByRole('button', { name: 'Delete Bravo' })).toHaveFocus(),
    );
  });

  test('after a delete, focus is on the assessment that took its place, and the delete is announced', async () => {
    const session = await library();
    render(LibraryView, libraryProps(session, vi.fn()));
    // Most recent first: Charlie, Bravo, Alpha.
    await userEvent.click(itemCard('Bravo').getByRole('button', { name: 'Delete Bravo' }));
    await userEvent.click(itemCard('Bravo').getByRole('button', { name: 'Yes, delete' }));
    await waitFor(() => expect(item('Alpha')).toHaveFocus());
    // The name is isolated (FSI … PDI) inside the sentence, so its direction cannot spill over.
    expect(screen.getAllByRole('status')[0]).toHaveTextContent('Deleted \u2068Bravo\u2069.');
    expect(session.library.items.map((a) => a.profile.organisation)).toEqual(['Charlie', 'Alpha']);
  });

  test('the delete is announced without a second full stop after a name ending in one', async () => {
    const session = await library();
    session.wizard.send({ type: 'profile.change', patch: { organisation: 'Charlie Ltd.' } });
    render(LibraryView, libraryProps(session, vi.fn()));
    await userEvent.click(itemCard('Charlie').getByRole('button', { name: 'Delete Charlie Ltd.' }));
    await userEvent.click(itemCard('Charlie').getByRole('button', { name: 'Yes, delete' }));
    await waitFor(() =>
      expect(screen.getAllByRole('status')[0]).toHaveTextContent(
        /^Deleted \u2068Charlie Ltd\.\u2069$/,
      ),
    );
  });

  test('deleting the last in the list moves focus to the one before it', async () => {
    render(LibraryView, libraryProps(await library(), vi.fn()));
    await userEvent.click(itemCard('Alpha').getByRole('button', { name: 'Delete Alpha' }));
    await userEvent.click(itemCard('Alpha').getByRole('button', { name: 'Yes, delete' }));
    await waitFor(() => expect(item('Bravo')).toHaveFocus());
  });
});

describe('focus when the app switches view', () => {
  test('starting a new assessment from the library puts focus on the profile heading', async () => {
    render(App, { session: await testSession() });
    await userEvent.click(screen.getByRole('button', { name: /^Assessments/ }));
    expect(screen.getByRole('heading', { level: 1, name: 'Assessments' })).toHaveFocus();
    await userEvent.click(screen.getByRole('button', { name: 'Start a new assessment' }));
    await waitFor(() =>
      expect(screen.getByRole('heading', { level: 1, name: 'Organisation profile' })).toHaveFocus(),
    );
  });

  test('opening another assessment puts focus on the heading of the step it resumes at', async () => {
    render(App, { session: await testSession() });
    await userEvent.type(screen.getByLabelText('Organisation name'), 'First');
    await userEvent.click(screen.getByRole('button', { name: /^Assessments/ }));
    await userEvent.click(screen.getByRole('button', { name: 'Start a new assessment' }));
    await userEvent.click(screen.getByRole('button', { name: /^Assessments/ }));
    await userEvent.click(screen.getByRole('button', { name: 'Open First' }));
    await waitFor(() =>
      expect(screen.getByRole('heading', { level: 1, name: 'Organisation profile' })).toHaveFocus(),
    );
    expect(screen.getByLabelText('Organisation name')).toHaveValue('First');
  });
});
