import { render, screen, within } from '@testing-library/svelte';
import { afterEach, beforeEach, expect, test, vi } from 'vitest';
import { jsonExport } from '../../src/lib/report/io/exports';
import LibraryView from '../../src/lib/session/ui/LibraryView.svelte';
import { parseDocumentText, toDocument } from '../../src/lib/model/document';
import { canonicalJson } from '../../src/lib/assessment/canonical';
import { answer } from '../fixtures/catalogue';
import { libraryProps, testSession } from '../fixtures/session';

beforeEach(() => {
  // Only the clock is faked: the session stamps each import with the time it happened.
  vi.useFakeTimers({ toFake: ['Date'] });
});
afterEach(() => {
  vi.useRealTimers();
  window.localStorage.clear();
});

test('two imports of the same file say where each came from and when', async () => {
  const session = await testSession();
  session.wizard.send({ type: 'profile.change', patch: { organisation: 'Prifysgol Bangor' } });
  session.wizard.send({
    type: 'answer.change',
    controlId: 'no-relay',
    answer: answer('implemented'),
  });
  const { content } = await jsonExport(session.wizard.assessment, new Date());
  const file = () => new File([String(content)], 'bangor-2026.json');
  vi.setSystemTime(new Date('2026-11-28T10:00:05Z'));
  const first = await session.importFile(file());
  vi.setSystemTime(new Date('2026-11-28T10:00:40Z'));
  const second = await session.importFile(file());
  if (!first.ok || !second.ok) throw new Error('import failed');
  // Kept with the copy, but outside the digest: importing changes nothing an auditor checks.
  expect(first.assessment.imported).toEqual({
    fileName: 'bangor-2026.json',
    at: '2026-11-28T10:00:05.000Z',
  });
  const withoutOrigin = { ...first.assessment, imported: undefined };
  expect(canonicalJson(first.assessment)).toBe(canonicalJson(withoutOrigin));

  render(LibraryView, libraryProps(session, vi.fn()));
  const entries = screen
    .getAllByRole('heading', { level: 3, name: /Prifysgol Bangor/ })
    .map((heading) => within(heading.closest('li')!));
  expect(entries).toHaveLength(3);
  // The file name is in a <bdi> of its own, so the line is matched as a whole.
  const says = (pattern: RegExp) =>
    entries.filter((entry) =>
      entry.queryByText(
        (_, element) => element?.tagName === 'P' && pattern.test(element.textContent ?? ''),
      ),
    ).length;
  expect(says(/Imported from bangor-2026\.json on 28 November 2026 at \d\d:\d\d:05/)).toBe(1);
  expect(says(/Imported from bangor-2026\.json on 28 November 2026 at \d\d:\d\d:40/)).toBe(1);
  expect(says(/Created on/)).toBe(1);
  expect(says(/^1 of \d+ applicable controls answered/)).toBe(3);
});

test('an assessment stored before imports were recorded still loads', async () => {
  const session = await testSession();
  const text = JSON.stringify(toDocument(session.wizard.assessment, new Date()));
  expect(text).not.toContain('"imported"');
  const read = parseDocumentText(text);
  expect(read.ok && read.document.assessment.imported).toBeUndefined();
});
