import { render, screen, within } from '@testing-library/svelte';
import userEvent from '@testing-library/user-event';
import { describe, expect, test, vi } from 'vitest';
import LookupProgress from '../../src/lib/blocklists/ui/CheckProgress.svelte';
import LookupResults from '../../src/lib/blocklists/ui/CheckResults.svelte';
import { DNSBL_LISTS } from '../../src/lib/blocklists/domain/lists';
import type { LookupContext } from '../../src/lib/blocklists/check.machine';
import { listedResult, lookupRun, result, runList } from '../fixtures/lookup-run';

/** Two lists, one failing its IPv4 test points; an IPv4-only list skips the IPv6 address. */
const psbl = DNSBL_LISTS.find((l) => l.id === 'psbl')!;
const zen = DNSBL_LISTS.find((l) => l.id === 'spamhaus-zen')!;

function context(extra: Partial<LookupContext> = {}): LookupContext {
  return {
    request: {
      resolver: { label: 'Own', url: 'https://dns.example.ac.uk/dns-query' },
      lists: [
        { list: psbl, zones: { ipv4: psbl.zone } },
        { list: zen, zones: { ipv4: zen.zone } },
      ],
      targets: [
        { address: '192.0.2.10', kind: 'ipv4' },
        { address: '192.0.2.11', kind: 'ipv4' },
      ],
      concurrency: 4,
      timeoutMs: 2000,
      consented: true,
    },
    runId: 'r',
    startedAt: '2026-11-28T10:00:00.000Z',
    finishedAt: '2026-11-28T10:00:05.000Z',
    health: {
      psbl: { ipv4: { usable: true } },
      'spamhaus-zen': { ipv4: { usable: false, reason: 'The list refused the resolver' } },
    },
    results: [listedResult('192.0.2.10', 'psbl'), result('192.0.2.11', 'psbl', 'not-listed')],
    // The machine plans only the usable list's questions.
    expected: 2,
    queue: [],
    error: undefined,
    now: () => new Date('2026-11-28T10:00:05.000Z'),
    newId: () => 'r',
    ...extra,
  };
}

const noop = () => undefined;

describe('progress agrees with the results', () => {
  test("an unusable list's pairs count as no verdict in the progress line, and the run is not called complete", () => {
    render(LookupProgress, {
      props: { phase: 'done', context: context(), oncancel: noop, onretry: noop },
    });
    const counts = screen.getByText(/address\/list pairs done/).closest('p')!;
    expect(counts).toHaveTextContent(
      /4 of 4 address\/list pairs done · 1 listed · 1 not listed · 2 with no verdict · 0 skipped/,
    );
    expect(screen.getByRole('heading', { level: 2 })).toHaveTextContent('Check finished with gaps');
  });

  test('a failed check mentions stored evidence only when there is some', () => {
    const failed = context({ results: [], error: 'The resolver could not be reached.' });
    // `props:` spelled out: `context` is also one of Svelte's mount options.
    const { unmount } = render(LookupProgress, {
      props: { phase: 'failed', context: failed, oncancel: noop, onretry: noop },
    });
    expect(screen.getByText(/Nothing from this check is saved/)).not.toHaveTextContent(/evidence/);
    unmount();
    render(LookupProgress, {
      props: {
        phase: 'failed',
        context: failed,
        storedRunAt: '2026-11-20T09:00:00.000Z',
        oncancel: noop,
        onretry: noop,
      },
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
  const run = lookupRun({
    addresses: ['192.0.2.10', '2001:db8::1'],
    lists: [runList('a', { familyHealth: { ipv4: { usable: true } } }), unusable],
    results: [
      listedResult('192.0.2.10', 'a'),
      result('2001:db8::1', 'a', 'skipped'),
      result('2001:db8::1', 'b', 'skipped'),
    ],
  });

  test('the summary line and the filters count every pair once, adding up to the total', () => {
    render(LookupResults, { run });
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
    render(LookupResults, { run, title: 'Stored results' });
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
    render(LookupResults, { run });
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
    const both = lookupRun({
      lists: [
        runList('a', {
          name: 'Both',
          familyHealth: { ipv4: { usable: true }, ipv6: { usable: false, reason: 'SERVFAIL' } },
        }),
      ],
    });
    render(LookupResults, { run: both });
    const item = screen.getByText('Both', { selector: 'strong' }).closest('li')!;
    const lines = within(item).getAllByRole('listitem');
    expect(lines.map((l) => l.textContent?.replace(/\s+/g, ' ').trim())).toEqual([
      'IPv4: answered its test points correctly.',
      'IPv6: unusable — SERVFAIL.',
    ]);
  });

  test('a listing with a code the documentation does not define says its meaning is unknown', () => {
    const odd = lookupRun({
      addresses: ['192.0.2.10'],
      lists: [runList('a')],
      results: [
        result('192.0.2.10', 'a', 'listed', {
          codes: ['127.0.0.9'],
          meanings: ["127.0.0.9: unknown code — the list's documentation does not define it"],
        }),
      ],
    });
    render(LookupResults, { run: odd });
    const summary = screen.getByText(/^Listed \(unknown code 127\.0\.0\.9/, {
      selector: 'summary',
    });
    expect(summary).toHaveTextContent(
      "Listed (unknown code 127.0.0.9 — the list's documentation does not define it)",
    );
    expect(summary).toHaveClass('outcome--listed');
  });

  test('each outcome has its own class: a "listed" from an unusable list is styled as no verdict', () => {
    const wild = lookupRun({
      addresses: ['192.0.2.10'],
      lists: [runList('a'), { ...unusable, id: 'b' }],
      results: [result('192.0.2.10', 'a', 'not-listed'), listedResult('192.0.2.10', 'b')],
    });
    vi.useRealTimers();
    render(LookupResults, { run: wild });
    expect(screen.getByText('Not listed', { selector: 'summary' })).toHaveClass(
      'outcome--not-listed',
    );
    expect(screen.getByText(/^Listed \(not counted\)/, { selector: 'summary' })).toHaveClass(
      'outcome--no-verdict',
    );
  });
});
