import { describe, expect, test } from 'vitest';
import {
  generalLookupPage,
  notAskedByRun,
  notAskedBySettings,
} from '../../src/lib/blocklists/domain/not-asked';
import { defaultSelection } from '../../src/lib/blocklists/domain/lists';
import { DNSBL_LISTS } from '../../src/lib/content/blocklists';
import { summariseRun } from '../../src/lib/blocklists/domain/summary';
import { blocklistRun, runList } from '../fixtures/blocklist-run';

const defaults = (kind: 'public' | 'custom') =>
  defaultSelection(DNSBL_LISTS, kind).map((l) => l.id);

describe('widely used lists a check does not ask', () => {
  test('the catalogue names Spamhaus ZEN, Barracuda and SpamCop as widely used', () => {
    const names = new Set(DNSBL_LISTS.flatMap((l) => (l.widelyUsed ? [l.widelyUsed] : [])));
    expect([...names]).toEqual([
      'Spamhaus ZEN',
      'Barracuda Reputation Block List',
      'SpamCop Blocking List',
    ]);
  });

  test('through a public resolver with the default lists, all three are named with why and where to look', () => {
    expect(notAskedBySettings(defaults('public'), 'public')).toEqual([
      {
        name: 'Spamhaus ZEN',
        reason: 'not selected: through a public resolver it needs a Spamhaus DQS key',
        lookupPage: 'https://check.spamhaus.org/',
      },
      {
        name: 'Barracuda Reputation Block List',
        reason: 'needs your own resolver, registered with the operator',
        lookupPage: 'https://www.barracudacentral.org/lookups',
      },
      {
        name: 'SpamCop Blocking List',
        reason: 'not selected',
        lookupPage: 'https://www.spamcop.net/bl.shtml',
      },
    ]);
  });

  test('ZEN through DQS counts as Spamhaus ZEN asked; a ticked list the resolver cannot ask does not', () => {
    const names = (ids: string[], kind: 'public' | 'custom') =>
      notAskedBySettings(ids, kind).map((n) => n.name);
    expect(names([...defaults('public'), 'spamhaus-dqs-zen', 'spamcop'], 'public')).toEqual([
      'Barracuda Reputation Block List',
    ]);
    // The free ZEN ticked but a public resolver chosen: it cannot be asked, so it is named.
    expect(names(['spamhaus-zen', 'barracuda', 'spamcop'], 'public')).toEqual([
      'Spamhaus ZEN',
      'Barracuda Reputation Block List',
    ]);
    expect(names(['spamhaus-zen', 'barracuda', 'spamcop'], 'custom')).toEqual([]);
  });

  test('after a run: a list not in it, or in it but failing its test points, is named', () => {
    const run = blocklistRun({
      lists: [
        runList('spamhaus-dqs-zen'),
        runList('spamcop', {
          health: { usable: false, reason: 'failed its test points' },
          familyHealth: { ipv4: { usable: false, reason: 'failed its test points' } },
        }),
      ],
    });
    expect(notAskedByRun(run)).toEqual([
      {
        name: 'Barracuda Reputation Block List',
        reason: 'not asked in this check',
        lookupPage: 'https://www.barracudacentral.org/lookups',
      },
      {
        name: 'SpamCop Blocking List',
        reason: 'asked, but it failed its test points, so its answers were not used',
        lookupPage: 'https://www.spamcop.net/bl.shtml',
      },
    ]);
  });

  test('a lookup page is given without the address filled in', () => {
    expect(generalLookupPage('https://psbl.org/listing?ip={ip}')).toBe('https://psbl.org/listing');
    expect(generalLookupPage('https://check.spamhaus.org/')).toBe('https://check.spamhaus.org/');
    expect(generalLookupPage('https://example.org/check/{ip}')).toBe('https://example.org/check/');
  });
});

describe('the report says which widely used lists a run did not ask', () => {
  test('the run summary the PDF and the Word copy print carries the sentence, with the pages', () => {
    const summary = summariseRun(blocklistRun({ lists: [runList('spamcop'), runList('a')] }));
    expect(summary.notAskedText).toBe(
      'Widely used block lists this check does not cover: "not listed" says nothing about them. Look your addresses up on their own pages: Spamhaus ZEN (not asked in this check): https://check.spamhaus.org/; Barracuda Reputation Block List (not asked in this check): https://www.barracudacentral.org/lookups.',
    );
  });

  test('a run that asked all of them says nothing more', () => {
    const summary = summariseRun(
      blocklistRun({
        lists: [runList('spamhaus-zen'), runList('barracuda'), runList('spamcop')],
      }),
    );
    expect(summary.notAskedText).toBeUndefined();
  });
});
