import { render, screen, within } from '@testing-library/svelte';
import userEvent from '@testing-library/user-event';
import { describe, expect, test, vi } from 'vitest';
import CheckProgress from '../../src/lib/blocklists/ui/CheckProgress.svelte';
import CheckResults from '../../src/lib/blocklists/ui/CheckResults.svelte';
import { runCoverage } from '../../src/lib/blocklists/domain/coverage';
import type { CheckView } from '../../src/lib/blocklists/controller.svelte.ts';
import type { BlocklistRun } from '../../src/lib/model/blocklist-run';
import { listedResult, blocklistRun, result, runList } from '../fixtures/blocklist-run';

/** Two lists, one failing its IPv4 test points, so it is never asked. */
const twoLists = blocklistRun({
  finishedAt: '2026-11-28T10:00:05.000Z',
  lists: [
    runList('psbl'),
    runList('spamhaus-zen', {
      health: { usable: false, reason: 'The list refused the resolver' },
      familyHealth: { ipv4: { usable: false, reason: 'The list refused the resolver' } },
    }),
  ],
  results: [listedResult('192.0.2.10', 'psbl'), result('192.0.2.11', 'psbl', 'not-listed')],
});

/** What the controller gives the screen for this run, in this phase. */
function view(
  phase: CheckView['phase'],
  run: BlocklistRun,
  extra: Partial<CheckView> = {},
): CheckView {
  const state = phase === 'done' ? 'complete' : phase === 'failed' ? 'failed' : 'cancelled';
  return {
    phase,
    running: false,
    run: { ...run, state },
    coverage: runCoverage(run).total,
    pendingPlan: undefined,
    error: undefined,
    retryable: 0,
    queriesPlanned: run.results.length > 0,
    listCount: run.lists.length,
    addressCount: run.addresses.length,
    interrupted: undefined,
    ...extra,
  };
}

const noop = () => undefined;

describe('progress agrees with the results', () => {
  test("an unusable list's pairs count as no verdict in the progress line, and the run is not called complete", () => {
    render(CheckProgress, { view: view('done', twoLists), oncancel: noop, onretry: noop });
    const counts = screen.getByText(/address\/list pairs done/).closest('p')!;
    expect(counts).toHaveTextContent(
      /4 of 4 address\/list pairs done · 1 listed · 1 not listed · 2 with no verdict · 0 skipped/,
    );
    expect(screen.getByRole('heading', { level: 2 })).toHaveTextContent('Check finished with gaps');
  });

  test('a failed check mentions stored evidence only when there is some', () => {
    const failed = view(
      'failed',
      { ...twoLists, results: [] },
      {
        error: 'The resolver could not be reached.',
      },
    );
    const { unmount } = render(CheckProgress, { view: failed, oncancel: noop, onretry: noop });
    expect(screen.getByText(/Nothing from this check is saved/)).not.toHaveTextContent(/evidence/);
    // It failed before any address was asked: the line says what the run was to cover.
    expect(screen.getByText(/^2 lists, 2 addresses/)).toBeInTheDocument();
    unmount();
    render(CheckProgress, {
      view: failed,
      storedRunAt: '2026-11-20T09:00:00.000Z',
      oncancel: noop,
      onretry: noop,
    });
    expect(screen.getByText(/Nothing from this check is saved/)).toHaveTextContent(
      /The evidence stored on .* is unchanged/,
    );
  });
});

describe('results', () => {
  const unusable = runList('b', {
    name: 'Refusing list',
    health: { usable: false, reason: 'The list refused the resolver (127.255.255.254).' },
    familyHealth: {
      ipv4: { usable: false, reason: 'The list refused the resolver (127.255.255.254).' },
    },
  });
  const run = blocklistRun({
    addresses: ['192.0.2.10', '2001:db8::1'],
    lists: [runList('a', { familyHealth: { ipv4: { usable: true } } }), unusable],
    results: [
      listedResult('192.0.2.10', 'a'),
      result('2001:db8::1', 'a', 'skipped'),
      result('2001:db8::1', 'b', 'skipped'),
    ],
  });

  test('the summary line and the filters count every pair once, adding up to the total', () => {
    render(CheckResults, { run });
    expect(
      screen.getByText(/address\/list pairs: 1 listed, 0 not listed, 1 with no verdict, 2 skipped/),
    ).toHaveTextContent(/^.*4 address\/list pairs:/);
    expect(screen.getByRole('radio', { name: 'Listed only (1 pair)' })).toBeInTheDocument();
    expect(screen.getByRole('radio', { name: 'No verdict only (1 pair)' })).toBeInTheDocument();
    expect(screen.getByText(/^1 listing found\./)).toHaveTextContent(
      '1 of the 2 address/list pairs that could be asked has no verdict: 1 because the list failed its test points.',
    );
  });

  test('the table scrolls in a named region a keyboard can reach', async () => {
    render(CheckResults, { run, title: 'Stored results' });
    const region = screen.getByRole('region', {
      name: 'Stored results: answers by address and list',
    });
    expect(within(region).getByRole('table')).toBeInTheDocument();
    await userEvent.tab();
    // The first focusable thing is the filter; the region is reachable by Tab.
    const focusables = [...document.querySelectorAll<HTMLElement>('[tabindex="0"]')];
    expect(focusables).toContain(region);
  });

  test("an unusable list's reason is visible text, not a tooltip, and each family is its own line", async () => {
    render(CheckResults, { run });
    const cell = screen.getByText('List unusable', { selector: 'summary' });
    expect(cell).not.toHaveAttribute('title');
    await userEvent.click(cell);
    expect(
      within(cell.closest('details')!).getByText(/Not checked: The list refused the resolver/),
    ).toBeVisible();
    const health = screen.getByText('Refusing list', { selector: 'strong' }).closest('li')!;
    expect(within(health).getAllByRole('listitem')).toHaveLength(1);
    expect(within(health).getByRole('listitem')).toHaveTextContent(
      'IPv4: unusable — The list refused the resolver (127.255.255.254).',
    );
  });

  test('health for two families reads as two separate lines, not one run-together sentence', () => {
    const both = blocklistRun({
      lists: [
        runList('a', {
          name: 'Both',
          familyHealth: { ipv4: { usable: true }, ipv6: { usable: false, reason: 'SERVFAIL' } },
        }),
      ],
    });
    render(CheckResults, { run: both });
    const item = screen.getByText('Both', { selector: 'strong' }).closest('li')!;
    const lines = within(item).getAllByRole('listitem');
    expect(lines.map((l) => l.textContent?.replace(/\s+/g, ' ').trim())).toEqual([
      'IPv4: answered its test points correctly.',
      'IPv6: unusable — SERVFAIL.',
    ]);
  });

  test('a listing with a code the documentation does not define says its meaning is unknown', () => {
    const odd = blocklistRun({
      addresses: ['192.0.2.10'],
      lists: [runList('a')],
      results: [
        result('192.0.2.10', 'a', 'listed', {
          codes: ['127.0.0.9'],
          meanings: ["127.0.0.9: unknown code — the list's documentation does not define it"],
        }),
      ],
    });
    render(CheckResults, { run: odd });
    const summary = screen.getByText(/^Listed \(unknown code 127\.0\.0\.9/, {
      selector: 'summary',
    });
    expect(summary).toHaveTextContent(
      "Listed (unknown code 127.0.0.9 — the list's documentation does not define it)",
    );
    expect(summary).toHaveClass('outcome--listed');
  });

  test('each outcome has its own class: a "listed" from an unusable list is styled as no verdict', () => {
    const wild = blocklistRun({
      addresses: ['192.0.2.10'],
      lists: [runList('a'), { ...unusable, id: 'b' }],
      results: [result('192.0.2.10', 'a', 'not-listed'), listedResult('192.0.2.10', 'b')],
    });
    vi.useRealTimers();
    render(CheckResults, { run: wild });
    expect(screen.getByText('Not listed', { selector: 'summary' })).toHaveClass(
      'outcome--not-listed',
    );
    expect(screen.getByText(/^Listed \(not counted\)/, { selector: 'summary' })).toHaveClass(
      'outcome--no-verdict',
    );
  });
});
