import { describe, test, expect } from 'vitest';
import {
  availability,
  checkCustomZone,
  customToList,
  defaultSelection,
  resolveZone,
} from '../../src/lib/blocklists/domain/lists';
import { DNSBL_LISTS } from '../../src/lib/content/blocklists';
import { CustomListSchema } from '../../src/lib/model/blocklist-list';
import { DnsblCatalogueSchema, type DnsblList } from '../../src/lib/model/blocklist-catalogue';

const byId = (id: string): DnsblList => {
  const list = DNSBL_LISTS.find((l) => l.id === id);
  if (!list) throw new Error(`no list ${id}`);
  return list;
};

describe('the block-list catalogue', () => {
  test('parses against its schema', () => {
    expect(() => DnsblCatalogueSchema.parse(DNSBL_LISTS)).not.toThrow();
    expect(DNSBL_LISTS.length).toBeGreaterThan(15);
  });

  test('a dead list without a date, or a keyed zone without key access, fails the schema', () => {
    const zen = byId('spamhaus-zen');
    expect(DnsblCatalogueSchema.safeParse([{ ...zen, status: 'dead' }]).success).toBe(false);
    expect(
      DnsblCatalogueSchema.safeParse([{ ...zen, zone: '{key}.zen.dq.spamhaus.net' }]).success,
    ).toBe(false);
    expect(DnsblCatalogueSchema.safeParse([zen, zen]).success).toBe(false);
    expect(
      DnsblCatalogueSchema.safeParse([
        { ...zen, codes: [{ value: '10.0.0.2', meaning: 'outside loopback' }] },
      ]).success,
    ).toBe(false);
  });

  test('dead lists are never in the defaults and never selectable', () => {
    const dead = DNSBL_LISTS.filter((l) => l.status === 'dead');
    expect(dead.map((l) => l.id).sort()).toEqual(['nixspam', 'sorbs']);
    for (const kind of ['public', 'custom'] as const) {
      const defaults = defaultSelection(DNSBL_LISTS, kind);
      for (const list of dead) {
        expect(defaults).not.toContain(list);
        expect(availability(list, kind).selectable).toBe(false);
      }
    }
  });

  test('public Spamhaus zones are not in the defaults with a public resolver, nor selectable', () => {
    const defaults = defaultSelection(DNSBL_LISTS, 'public');
    for (const id of ['spamhaus-zen', 'spamhaus-sbl', 'spamhaus-xbl', 'spamhaus-pbl']) {
      expect(defaults.map((l) => l.id)).not.toContain(id);
      const a = availability(byId(id), 'public');
      expect(a.selectable).toBe(false);
      if (!a.selectable) expect(a.reason).toContain('public resolvers');
    }
  });

  test('with your own resolver, Spamhaus ZEN is a default (but not its subsets)', () => {
    const ids = defaultSelection(DNSBL_LISTS, 'custom').map((l) => l.id);
    expect(ids).toContain('spamhaus-zen');
    expect(ids).not.toContain('spamhaus-sbl');
    expect(availability(byId('barracuda'), 'custom').selectable).toBe(true);
  });

  test('the default selection for each kind of resolver is exactly these lists', () => {
    // Free, alive, offered address lists not excluded for a stated reason; Spamhaus ZEN only
    // where it answers (your own resolver). Written out by hand, not derived from the code.
    const everywhere = ['mailspike-bl', 'psbl', 'spamrats', 'dronebl', 'spameatingmonkey', '0spam'];
    expect(defaultSelection(DNSBL_LISTS, 'public').map((l) => l.id)).toEqual(everywhere);
    expect(defaultSelection(DNSBL_LISTS, 'custom').map((l) => l.id)).toEqual([
      'spamhaus-zen',
      ...everywhere,
    ]);
  });

  test('the defaults are all free, alive, offered address lists', () => {
    for (const kind of ['public', 'custom'] as const) {
      const defaults = defaultSelection(DNSBL_LISTS, kind);
      expect(defaults.length).toBeGreaterThan(0);
      for (const list of defaults) {
        expect(list.access).toBe('free');
        expect(list.status).toBe('alive');
        expect(list.notOffered).toBeUndefined();
        expect(list.target).toBe('ip');
        if (kind === 'public') expect(list.worksWithPublicResolvers).not.toBe(false);
      }
    }
  });

  test('controversial, keyed, registration-only and unoffered lists are not defaults', () => {
    const ids = defaultSelection(DNSBL_LISTS, 'public').map((l) => l.id);
    for (const id of [
      'uceprotect-1',
      'spamhaus-dqs-zen',
      'abusix',
      'maps-rbl-plus',
      'barracuda',
      'senderscore',
    ]) {
      expect(ids).not.toContain(id);
    }
    expect(availability(byId('senderscore'), 'custom').selectable).toBe(false);
  });

  test('lists whose codes are unknown record no code meanings', () => {
    for (const list of DNSBL_LISTS.filter((l) => l.codesStatus !== 'published')) {
      expect(list.codes, list.id).toEqual([]);
      expect(list.bitmask, list.id).toBeUndefined();
    }
  });
});

describe('resolveZone', () => {
  test('fills in the key of a keyed zone', () => {
    expect(resolveZone(byId('spamhaus-dqs-zen'), 'ipv4', ' AbC123 ')).toEqual({
      ok: true,
      zone: 'abc123.zen.dq.spamhaus.net',
    });
  });

  test('a missing or malformed key is reported', () => {
    expect(resolveZone(byId('spamhaus-dqs-zen'), 'ipv4').ok).toBe(false);
    expect(resolveZone(byId('abusix'), 'ipv4', 'a.b').ok).toBe(false);
  });

  test('uses the separate IPv6 zone where the list has one', () => {
    const sem = byId('spameatingmonkey');
    expect(resolveZone(sem, 'ipv6')).toEqual({ ok: true, zone: 'bl.ipv6.spameatingmonkey.net' });
    expect(resolveZone(sem, 'ipv4')).toEqual({ ok: true, zone: 'bl.spameatingmonkey.net' });
  });
});

describe('custom lists', () => {
  test('a custom list is normalised and validated', () => {
    const parsed = CustomListSchema.parse({ zone: 'BL.Example.Org.' });
    expect(parsed).toEqual({ zone: 'bl.example.org', name: '', codes: [], ipv6: 'unknown' });
    expect(CustomListSchema.safeParse({ zone: 'not a zone' }).success).toBe(false);
    const list = customToList(parsed);
    expect(list.name).toBe('bl.example.org');
    expect(list.codesStatus).toBe('unknown');
    expect(list.worksWithPublicResolvers).toBe('unknown');
  });

  test('any SORBS zone or the NiX Spam zone is flagged as dead', () => {
    for (const zone of ['dnsbl.sorbs.net', 'spam.dnsbl.sorbs.net', 'ix.dnsbl.manitu.net.']) {
      const warnings = checkCustomZone(zone);
      expect(warnings[0]?.severity, zone).toBe('error');
      expect(warnings[0]?.message, zone).toContain('shut down');
    }
  });

  test('an invalid zone name is an error', () => {
    expect(checkCustomZone('bl_example')[0]?.message).toContain('Not a valid zone name');
    expect(checkCustomZone('-bad.example.org')[0]?.severity).toBe('error');
  });

  test('an invalid zone name says which character or part is wrong and what a zone looks like', () => {
    const message = (zone: string) => checkCustomZone(zone)[0]?.message;
    expect(message('dnsbl_example.ac.uk')).toBe(
      "Not a valid zone name: '_' is not allowed: a zone may contain only letters a–z, digits, hyphens and dots, for example dnsbl.example.ac.uk",
    );
    expect(message('dnsbl.example .ac.uk')).toContain('a space is not allowed');
    expect(message('bl.exämple.org')).toContain("'ä' is not allowed");
    expect(message('bl.exämple.org')).toContain('xn-- form');
    expect(message('https://bl.example.org/')).toContain('looks like a web address');
    expect(message('bl..example.org')).toContain('empty part');
    expect(message('bl-.example.org')).toContain("the part 'bl-' ends with a hyphen");
    expect(message('localhost')).toContain('at least two parts');
    expect(message('')).toContain('for example dnsbl.example.ac.uk');
  });

  test('a public Spamhaus zone warns that public resolvers are refused', () => {
    const warnings = checkCustomZone('xbl.spamhaus.org');
    expect(warnings.some((w) => w.message.includes('127.255.255.254'))).toBe(true);
  });

  test('a zone containing a key warns that it would be saved in exports', () => {
    const warnings = checkCustomZone('abcdef.zen.dq.spamhaus.net');
    expect(warnings.some((w) => w.message.includes('contain your key'))).toBe(true);
  });

  test('Sender Score is refused as a custom zone', () => {
    expect(checkCustomZone('bl.score.senderscore.com')[0]?.severity).toBe('error');
  });

  test('an ordinary new zone has no warnings; a catalogue zone is refused with where to find it', () => {
    expect(checkCustomZone('bl.example.org')).toEqual([]);
    // Added twice, the same question would be asked once and one of the two would never answer.
    expect(checkCustomZone('psbl.surriel.com')).toEqual([
      expect.objectContaining({
        severity: 'error',
        message: expect.stringMatching(/select it there/),
      }),
    ]);
  });
});
