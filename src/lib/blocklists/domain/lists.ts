import { z } from 'zod';
import type { AddressKind } from '../../net/addresses';
import { normaliseZone } from '../../net/query-name';

import {
  AccessSchema,
  KeyServiceSchema,
  BitmaskSchema,
  CodesStatusSchema,
  customListId,
  nonEmpty,
  ReturnCodeSchema,
  unknownOr,
  ZoneSchema,
  zoneNameProblem,
  type CustomList,
  type ReturnCode,
} from '../../model/blocklist-list';

export * from '../../model/blocklist-list';

/**
 * The block lists the app knows about, as data validated by a schema. Every fact here comes from
 * the project's DNSBL fact sheet (operators' pages, RFC 5782, mail-filter rule files). Where the
 * sheet says "unknown" or says nothing, the entry says unknown rather than guess: a wrong code
 * meaning or a wrong "works with public resolvers" would tell an administrator something false.
 *
 * What protects users from a list that does not answer is not this data but the RFC 5782 test
 * points checked before every run (see classify.ts): "unknown" lists are tried and dropped with a
 * reason when their test points fail.
 */

export const DnsblListSchema = z
  .object({
    id: z
      .string()
      .regex(/^[a-z0-9]+(?:-[a-z0-9]+)*$/, 'list ids are lowercase words joined by hyphens'),
    /** May start with `{key}.` for services that take a key or activation code in the name. */
    zone: ZoneSchema,
    /** A separate zone for IPv6 addresses, where the operator runs one. */
    ipv6Zone: ZoneSchema.optional(),
    name: nonEmpty,
    operator: nonEmpty,
    /** What the list lists, in words. */
    lists: nonEmpty,
    /** Addresses (the usual DNSBL) or domain names (e.g. the Spamhaus DBL). */
    target: z.enum(['ip', 'domain']).default('ip'),
    ipv6: unknownOr(z.boolean()),
    codes: z.array(ReturnCodeSchema).default([]),
    codesStatus: CodesStatusSchema,
    bitmask: BitmaskSchema.optional(),
    /** Answers that are not listings but the list declining to answer. */
    errorCodes: z.array(ReturnCodeSchema).default([]),
    access: AccessSchema,
    accessNote: nonEmpty,
    /**
     * Whose key fills `{key}` in the zone. Each operator's key goes only into its own zones:
     * a Spamhaus key sent in an Abusix query name would hand it to another company.
     */
    keyService: KeyServiceSchema.optional(),
    /** Lookup or delisting page; `{ip}` is replaced by the address. */
    lookupUrl: z
      .string()
      .refine((url) => /^https:\/\/[^\s]+$/.test(url), 'an https:// address')
      .optional(),
    rateLimit: z
      .object({
        queriesPerSecond: z.number().positive().optional(),
        queriesPerDay: z.number().int().positive().optional(),
        note: nonEmpty,
      })
      .optional(),
    status: z.enum(['alive', 'dead']),
    /** ISO date the list stopped answering; required for dead lists. */
    deadSince: z.iso.date().optional(),
    worksWithPublicResolvers: unknownOr(z.boolean()),
    /** Why a live list is not in the default selection (shown next to it). */
    notDefaultBecause: nonEmpty.optional(),
    /** Why a live list is never offered at all (its answers would mislead). */
    notOffered: nonEmpty.optional(),
    /**
     * A domain all the operator's zones sit under, so a custom zone under it is recognised
     * (any *.sorbs.net is dead, not just the zone listed here).
     */
    family: ZoneSchema.optional(),
    /** Anything else a user should know, shown with the list. */
    note: nonEmpty.optional(),
  })
  .superRefine((list, ctx) => {
    if (list.status === 'dead' && !list.deadSince) {
      ctx.addIssue({ code: 'custom', message: `${list.id}: a dead list needs deadSince` });
    }
    const keyed = list.zone.startsWith('{key}.');
    const needsKey = list.access === 'key-required' || list.access === 'subscription';
    if (keyed !== needsKey || keyed !== (list.keyService !== undefined)) {
      ctx.addIssue({
        code: 'custom',
        message: `${list.id}: a {key} zone, a keyService and access key-required/subscription go together`,
      });
    }
    if (list.codesStatus === 'published' && list.codes.length === 0 && !list.bitmask) {
      ctx.addIssue({ code: 'custom', message: `${list.id}: published codes must be listed` });
    }
  });
export type DnsblList = z.infer<typeof DnsblListSchema>;
export type DnsblListInput = z.input<typeof DnsblListSchema>;

export const DnsblCatalogueSchema = z.array(DnsblListSchema).superRefine((lists, ctx) => {
  const ids = new Set<string>();
  for (const list of lists) {
    if (ids.has(list.id)) ctx.addIssue({ code: 'custom', message: `duplicate list id ${list.id}` });
    ids.add(list.id);
  }
});

/** Spamhaus answers these instead of a listing when it will not answer the question. */
const SPAMHAUS_ERRORS: ReturnCode[] = [
  { value: '127.255.255.252', meaning: 'typo in the zone name' },
  {
    value: '127.255.255.254',
    meaning:
      'query came through a public or open resolver (Cloudflare, AWS, Microsoft and others get this)',
  },
  { value: '127.255.255.255', meaning: 'excessive number of queries' },
];

const SPAMHAUS_ZEN_CODES: ReturnCode[] = [
  { value: '127.0.0.2', meaning: 'SBL (Spamhaus Block List)' },
  { value: '127.0.0.3', meaning: 'CSS (Spamhaus CSS, part of the SBL)' },
  { value: '127.0.0.4', meaning: 'XBL (Exploits Block List)' },
  { value: '127.0.0.9', meaning: "DROP (Spamhaus Don't Route Or Peer list)" },
  { value: '127.0.0.10', meaning: 'PBL (Policy Block List), entered by the ISP' },
  { value: '127.0.0.11', meaning: 'PBL (Policy Block List), entered by Spamhaus' },
];

const SPAMHAUS_DBL_CODES: ReturnCode[] = [
  { value: '127.0.1.2', meaning: 'spam domain' },
  { value: '127.0.1.4', meaning: 'phishing domain' },
  { value: '127.0.1.5', meaning: 'malware domain' },
  { value: '127.0.1.6', meaning: 'botnet command-and-control domain' },
  ...[102, 103, 104, 105, 106].map((n) => ({
    value: `127.0.1.${n}`,
    meaning: 'abused legitimate domain',
  })),
];

const SPAMHAUS_DBL_ERRORS: ReturnCode[] = [
  { value: '127.0.1.255', meaning: 'an IP address was sent to a domain list' },
  ...SPAMHAUS_ERRORS,
];

const SPAMHAUS_PUBLIC_NOTE =
  'Free use requires your own resolver. Public resolvers such as Cloudflare get 127.255.255.254 ' +
  '(refused), and Google Public DNS gets NXDOMAIN, which looks clean but is not an answer. ' +
  'Through a public resolver use the Spamhaus DQS entry with a free key instead.';

const DQS_NOTE =
  'Needs a free key for non-commercial use (Spamhaus Data Query Service); the only way to use ' +
  'Spamhaus through public DNS-over-HTTPS. An invalid or disabled key gives REFUSED or SERVFAIL. ' +
  'The key stays in your browser: it is sent only inside the query name.';

const spamhausSubset = (id: string, zone: string, name: string, lists: string): DnsblListInput => ({
  id,
  zone,
  name,
  operator: 'Spamhaus',
  lists,
  lookupUrl: 'https://check.spamhaus.org/',
  ipv6: 'unknown',
  codes: SPAMHAUS_ZEN_CODES,
  codesStatus: 'published',
  errorCodes: SPAMHAUS_ERRORS,
  access: 'free',
  accessNote: SPAMHAUS_PUBLIC_NOTE,
  status: 'alive',
  worksWithPublicResolvers: false,
  notDefaultBecause: 'part of Spamhaus ZEN: select ZEN instead',
  family: 'spamhaus.org',
});

export const DNSBL_CATALOGUE_INPUT: DnsblListInput[] = [
  {
    id: 'spamhaus-zen',
    lookupUrl: 'https://check.spamhaus.org/',
    zone: 'zen.spamhaus.org',
    name: 'Spamhaus ZEN',
    operator: 'Spamhaus',
    lists: 'SBL, CSS, XBL and PBL combined',
    ipv6: true,
    codes: SPAMHAUS_ZEN_CODES,
    codesStatus: 'published',
    errorCodes: SPAMHAUS_ERRORS,
    access: 'free',
    accessNote: SPAMHAUS_PUBLIC_NOTE,
    status: 'alive',
    worksWithPublicResolvers: false,
    family: 'spamhaus.org',
  },
  spamhausSubset('spamhaus-sbl', 'sbl.spamhaus.org', 'Spamhaus SBL', 'spam sources (part of ZEN)'),
  spamhausSubset(
    'spamhaus-xbl',
    'xbl.spamhaus.org',
    'Spamhaus XBL',
    'exploited and infected hosts (part of ZEN)',
  ),
  spamhausSubset(
    'spamhaus-pbl',
    'pbl.spamhaus.org',
    'Spamhaus PBL',
    'policy: addresses not meant to send mail directly (part of ZEN)',
  ),
  {
    id: 'spamhaus-dbl',
    lookupUrl: 'https://check.spamhaus.org/',
    zone: 'dbl.spamhaus.org',
    name: 'Spamhaus DBL',
    operator: 'Spamhaus',
    lists: 'domains seen in spam, phishing, malware and botnet control',
    target: 'domain',
    ipv6: false,
    codes: SPAMHAUS_DBL_CODES,
    codesStatus: 'published',
    errorCodes: SPAMHAUS_DBL_ERRORS,
    access: 'free',
    accessNote: SPAMHAUS_PUBLIC_NOTE,
    status: 'alive',
    worksWithPublicResolvers: false,
    family: 'spamhaus.org',
  },
  {
    id: 'spamhaus-dqs-zen',
    lookupUrl: 'https://check.spamhaus.org/',
    zone: '{key}.zen.dq.spamhaus.net',
    keyService: 'spamhaus-dqs',
    name: 'Spamhaus ZEN (DQS, with your key)',
    operator: 'Spamhaus',
    lists: 'SBL, CSS, XBL and PBL combined',
    ipv6: true,
    codes: SPAMHAUS_ZEN_CODES,
    codesStatus: 'published',
    errorCodes: SPAMHAUS_ERRORS,
    access: 'key-required',
    accessNote: DQS_NOTE,
    status: 'alive',
    worksWithPublicResolvers: true,
    family: 'dq.spamhaus.net',
  },
  {
    id: 'spamhaus-dqs-dbl',
    lookupUrl: 'https://check.spamhaus.org/',
    zone: '{key}.dbl.dq.spamhaus.net',
    keyService: 'spamhaus-dqs',
    name: 'Spamhaus DBL (DQS, with your key)',
    operator: 'Spamhaus',
    lists: 'domains seen in spam, phishing, malware and botnet control',
    target: 'domain',
    ipv6: false,
    codes: SPAMHAUS_DBL_CODES,
    codesStatus: 'published',
    errorCodes: SPAMHAUS_DBL_ERRORS,
    access: 'key-required',
    accessNote: DQS_NOTE,
    status: 'alive',
    worksWithPublicResolvers: true,
    family: 'dq.spamhaus.net',
  },
  {
    id: 'barracuda',
    lookupUrl: 'https://www.barracudacentral.org/lookups',
    zone: 'b.barracudacentral.org',
    name: 'Barracuda Reputation Block List',
    operator: 'Barracuda Networks',
    lists: 'single IP addresses sending spam',
    ipv6: 'unknown',
    codes: [{ value: '127.0.0.2', meaning: 'listed as a spam source' }],
    codesStatus: 'published',
    access: 'resolver-registration',
    accessNote:
      "Free, but the querying resolver's IP address must be registered with Barracuda; unregistered " +
      'queries fail. A public resolver cannot be registered: use your own resolver.',
    status: 'alive',
    worksWithPublicResolvers: false,
    family: 'barracudacentral.org',
  },
  {
    id: 'spamcop',
    lookupUrl: 'https://www.spamcop.net/bl.shtml?{ip}',
    zone: 'bl.spamcop.net',
    name: 'SpamCop Blocking List',
    operator: 'SpamCop',
    lists: 'sources reported by SpamCop users',
    ipv6: 'unknown',
    codes: [{ value: '127.0.0.2', meaning: 'listed (reported spam source)' }],
    codesStatus: 'published',
    access: 'unknown',
    accessNote: 'Terms of use not recorded here.',
    status: 'alive',
    worksWithPublicResolvers: 'unknown',
    note:
      "SpamCop's domain lapsed in January 2021 and every lookup resolved as listed for a while: the " +
      'test-point check before each run catches that.',
    family: 'spamcop.net',
  },
  {
    id: 'mailspike-bl',
    zone: 'bl.mailspike.net',
    name: 'Mailspike BL',
    operator: 'Mailspike',
    lists: 'spam waves, plus poor reputation (levels L3 to L5)',
    ipv6: 'unknown',
    codes: [
      { value: '127.0.0.2', meaning: 'spam wave (Mailspike Z)' },
      { value: '127.0.0.10', meaning: 'reputation L5 (worst)' },
      { value: '127.0.0.11', meaning: 'reputation L4' },
      { value: '127.0.0.12', meaning: 'reputation L3' },
    ],
    codesStatus: 'published',
    access: 'free',
    accessNote: 'Free up to 100,000 queries a day.',
    rateLimit: { queriesPerDay: 100_000, note: 'free up to 100,000 queries a day' },
    status: 'alive',
    worksWithPublicResolvers: 'unknown',
    family: 'mailspike.net',
  },
  {
    id: 'mailspike-z',
    zone: 'z.mailspike.net',
    name: 'Mailspike Z',
    operator: 'Mailspike',
    lists: 'spam waves',
    ipv6: 'unknown',
    codes: [{ value: '127.0.0.2', meaning: 'spam wave' }],
    codesStatus: 'published',
    access: 'free',
    accessNote: 'Free up to 100,000 queries a day.',
    rateLimit: { queriesPerDay: 100_000, note: 'free up to 100,000 queries a day' },
    status: 'alive',
    worksWithPublicResolvers: 'unknown',
    notDefaultBecause: 'included in Mailspike BL: select that instead',
    family: 'mailspike.net',
  },
  {
    id: 'psbl',
    lookupUrl: 'https://psbl.org/listing?ip={ip}',
    zone: 'psbl.surriel.com',
    name: 'Passive Spam Block List (PSBL)',
    operator: 'Rik van Riel (surriel.com)',
    lists: 'spam-trap hits',
    ipv6: 'unknown',
    codes: [{ value: '127.0.0.2', meaning: 'listed (spam-trap hit)' }],
    codesStatus: 'published',
    access: 'free',
    accessNote: 'Free for anyone.',
    status: 'alive',
    worksWithPublicResolvers: 'unknown',
  },
  {
    id: 'uceprotect-1',
    lookupUrl: 'https://www.uceprotect.net/en/rblcheck.php',
    zone: 'dnsbl-1.uceprotect.net',
    name: 'UCEPROTECT level 1',
    operator: 'UCEPROTECT',
    lists: 'single IP addresses (levels 2 and 3 escalate to whole allocations and providers)',
    ipv6: 'unknown',
    codesStatus: 'unknown',
    access: 'unknown',
    accessNote: 'Terms of use not recorded here.',
    status: 'alive',
    worksWithPublicResolvers: 'unknown',
    notDefaultBecause: 'controversial: dropped from the defaults of mailcow and rspamd',
    family: 'uceprotect.net',
  },
  {
    id: 'spamrats',
    // Their lookup form takes the address by hand; no documented query parameter to prefill it.
    lookupUrl: 'https://www.spamrats.com/lookup.php',
    zone: 'all.spamrats.com',
    name: 'SpamRATS (all)',
    operator: 'SpamRATS',
    lists: 'dynamic reverse DNS, missing PTR, spam sources and authentication abuse',
    ipv6: 'unknown',
    codesStatus: 'unknown',
    access: 'free',
    accessNote: 'Free under their terms.',
    status: 'alive',
    worksWithPublicResolvers: 'unknown',
    family: 'spamrats.com',
  },
  {
    id: 'dronebl',
    lookupUrl: 'https://dronebl.org/lookup?ip={ip}',
    zone: 'dnsbl.dronebl.org',
    name: 'DroneBL',
    operator: 'DroneBL',
    lists: 'drones, open proxies and brute-force sources',
    ipv6: 'unknown',
    codesStatus: 'unverified',
    access: 'free',
    accessNote: 'Free.',
    status: 'alive',
    worksWithPublicResolvers: 'unknown',
    note: 'Answers carry category codes, whose meanings could not be verified.',
    family: 'dronebl.org',
  },
  {
    id: 'blocklist-de',
    lookupUrl: 'https://www.blocklist.de/en/view.html?ip={ip}',
    zone: 'bl.blocklist.de',
    name: 'blocklist.de',
    operator: 'blocklist.de',
    lists: 'attack reports from fail2ban',
    ipv6: 'unknown',
    codesStatus: 'unknown',
    access: 'unknown',
    accessNote: 'Terms of use not recorded here.',
    status: 'alive',
    worksWithPublicResolvers: 'unknown',
  },
  {
    id: 'spameatingmonkey',
    zone: 'bl.spameatingmonkey.net',
    ipv6Zone: 'bl.ipv6.spameatingmonkey.net',
    name: 'SpamEatingMonkey BL',
    operator: 'SpamEatingMonkey',
    lists: 'spam traps and policy',
    ipv6: true,
    codes: [{ value: '127.0.0.2', meaning: 'listed' }],
    codesStatus: 'published',
    access: 'free',
    accessNote: 'Free; ask the operator before exceeding 100,000 queries a day or 5 a second.',
    rateLimit: {
      queriesPerSecond: 5,
      queriesPerDay: 100_000,
      note: 'ask before exceeding 100,000 queries a day or 5 a second',
    },
    status: 'alive',
    worksWithPublicResolvers: 'unknown',
    family: 'spameatingmonkey.net',
  },
  {
    id: 's5h',
    zone: 'all.s5h.net',
    name: 's5h.net (all)',
    operator: 's5h.net',
    lists: 'spam and abusive HTTP sources',
    ipv6: true,
    codesStatus: 'unknown',
    access: 'unknown',
    accessNote: 'Terms of use not recorded here.',
    status: 'alive',
    worksWithPublicResolvers: 'unknown',
  },
  {
    id: '0spam',
    zone: 'bl.0spam.org',
    name: '0spam',
    operator: '0spam',
    lists: 'spam-trap hits',
    ipv6: 'unknown',
    codesStatus: 'unknown',
    access: 'free',
    accessNote: 'Donation funded.',
    status: 'alive',
    worksWithPublicResolvers: 'unknown',
    note: 'Answers are in 127.0.0.x; the meanings of individual codes are not recorded here.',
    family: '0spam.org',
  },
  {
    id: 'abusix',
    zone: '{key}.combined.mail.abusix.zone',
    keyService: 'abusix',
    name: 'Abusix Mail Intelligence (combined, with your key)',
    operator: 'Abusix',
    lists: 'Abusix Mail Intelligence combined lists',
    ipv6: 'unknown',
    codesStatus: 'unknown',
    access: 'key-required',
    accessNote: 'A key is required; unauthorised queries are REFUSED.',
    status: 'alive',
    worksWithPublicResolvers: 'unknown',
    family: 'mail.abusix.zone',
  },
  {
    id: 'maps-rbl-plus',
    zone: '{key}.r.mail-abuse.com',
    keyService: 'maps',
    name: 'MAPS RBL+ (Trend Micro Email Reputation Services, with your activation code)',
    operator: 'Trend Micro (formerly MAPS)',
    lists: 'RBL, DUL, RSS and OPS combined, as a bitmask',
    ipv6: 'unknown',
    codesStatus: 'published',
    bitmask: {
      base: '127.1.0.0',
      bits: [
        { bit: 1, meaning: 'RBL' },
        { bit: 2, meaning: 'DUL' },
        { bit: 4, meaning: 'RSS' },
        { bit: 8, meaning: 'OPS' },
      ],
    },
    access: 'subscription',
    accessNote:
      'Subscription; the activation code goes into the zone. The historic Janet mirror ' +
      'rbl-plus.mail-abuse.ja.net (answers 127.1.0.N) is reachable only from Janet-connected resolvers.',
    status: 'alive',
    worksWithPublicResolvers: 'unknown',
    note: 'The 127.1.0.N base is recorded from the Janet mirror.',
    family: 'mail-abuse.com',
  },
  {
    id: 'sorbs',
    zone: 'dnsbl.sorbs.net',
    name: 'SORBS',
    operator: 'SORBS',
    lists: 'no longer lists anything: shut down',
    ipv6: 'unknown',
    codesStatus: 'unknown',
    access: 'unknown',
    accessNote: 'Shut down: do not query.',
    status: 'dead',
    deadSince: '2024-06-05',
    worksWithPublicResolvers: 'unknown',
    family: 'sorbs.net',
  },
  {
    id: 'nixspam',
    zone: 'ix.dnsbl.manitu.net',
    name: 'NiX Spam',
    operator: 'manitu',
    lists: 'no longer lists anything: the zone is empty',
    ipv6: 'unknown',
    codesStatus: 'unknown',
    access: 'unknown',
    accessNote:
      'Shut down and emptied: do not query. The operator has complained about hosts that still do.',
    status: 'dead',
    deadSince: '2025-01-16',
    worksWithPublicResolvers: 'unknown',
  },
  {
    id: 'senderscore',
    zone: 'bl.score.senderscore.com',
    name: 'Sender Score',
    operator: 'Validity',
    lists: 'reputation',
    ipv6: 'unknown',
    codesStatus: 'unknown',
    errorCodes: [{ value: '127.255.255.255', meaning: 'caller not registered' }],
    access: 'resolver-registration',
    accessNote: 'Unregistered callers always get 127.255.255.255.',
    status: 'alive',
    worksWithPublicResolvers: false,
    notOffered:
      'Sender Score answers every unregistered caller with 127.255.255.255, so a check from here ' +
      'says nothing about your addresses.',
    family: 'senderscore.com',
  },
];

// Lookup pages: the operators' own lookup or delisting pages, where one is published; `{ip}` is
// filled in where the page takes the address in its URL. Lists without one say so in the UI.

/** The catalogue, validated when the module loads: a typo fails every test, not a user's run. */
export const DNSBL_LISTS: readonly DnsblList[] = DnsblCatalogueSchema.parse(DNSBL_CATALOGUE_INPUT);

/**
 * 'public': a public DoH resolver such as Cloudflare (the default). 'custom': the organisation's
 * own DoH resolver, which Spamhaus and Barracuda can be made to answer.
 */
export type ResolverKind = 'public' | 'custom';

export type Availability =
  { selectable: true; needsKey: boolean } | { selectable: false; reason: string };

/** Whether a list may be chosen at all with this kind of resolver, and why not. */
export function availability(list: DnsblList, resolverKind: ResolverKind): Availability {
  if (list.status === 'dead') {
    return {
      selectable: false,
      reason: `${list.name} shut down on ${list.deadSince ?? 'an unknown date'}: do not query it`,
    };
  }
  if (list.notOffered) return { selectable: false, reason: list.notOffered };
  if (resolverKind === 'public' && list.worksWithPublicResolvers === false) {
    return {
      selectable: false,
      reason: `${list.name} does not answer public resolvers: choose your own resolver to use it. ${list.accessNote}`,
    };
  }
  return { selectable: true, needsKey: list.zone.startsWith('{key}.') };
}

/**
 * The lists selected before the user changes anything: alive, offered, address lists, free,
 * not excluded for a stated reason (a subset of another list, controversial), and not known to
 * refuse this kind of resolver. Lists whose behaviour with public resolvers is unknown are
 * included: the test-point check before each run decides, and reports a list that fails it
 * instead of reporting its addresses as clean.
 */
export function defaultSelection(
  lists: readonly DnsblList[],
  resolverKind: ResolverKind,
): DnsblList[] {
  return lists.filter(
    (list) =>
      list.target === 'ip' &&
      list.access === 'free' &&
      !list.notDefaultBecause &&
      availability(list, resolverKind).selectable,
  );
}

/** A DNS label a key or activation code must fit in, since it is sent inside the query name. */
const KEY = /^[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?$/i;

export type ZoneResolution = { ok: true; zone: string } | { ok: false; message: string };

/**
 * The zone to query for an address of this kind, with the key filled in for keyed services.
 * The key is not stored anywhere by this function; results should record the list id, never the
 * resolved zone or query name, so an exported report cannot leak the key.
 */
export function resolveZone(
  list: Pick<DnsblList, 'zone' | 'ipv6Zone' | 'name'>,
  kind: AddressKind,
  key?: string,
): ZoneResolution {
  const template = kind === 'ipv6' && list.ipv6Zone ? list.ipv6Zone : list.zone;
  if (!template.startsWith('{key}.')) return { ok: true, zone: template };
  const trimmed = key?.trim() ?? '';
  if (trimmed === '') return { ok: false, message: `${list.name} needs your key` };
  if (!KEY.test(trimmed)) {
    return {
      ok: false,
      message: `The key for ${list.name} can only contain letters, digits and hyphens (up to 63)`,
    };
  }
  return { ok: true, zone: template.replace('{key}', trimmed.toLowerCase()) };
}

/**
 * A custom zone as a list, so it is queried, health-checked and classified like any other.
 * Nothing is assumed about it: terms and resolver behaviour are unknown.
 */
export function customToList(custom: CustomList): DnsblList {
  return {
    id: customListId(custom.zone),
    zone: custom.zone,
    name: custom.name || custom.zone,
    operator: 'Added by you',
    lists: 'as described by its operator',
    target: 'ip',
    ipv6: custom.ipv6,
    codes: custom.codes,
    codesStatus: custom.codes.length > 0 || custom.bitmask ? 'published' : 'unknown',
    bitmask: custom.bitmask,
    errorCodes: [],
    access: 'unknown',
    accessNote: 'Added by you: check the operator’s terms of use.',
    status: 'alive',
    worksWithPublicResolvers: 'unknown',
  };
}

export interface ZoneWarning {
  /** 'error': do not query; 'warning': queryable, but the user should know; 'info': a hint. */
  severity: 'error' | 'warning' | 'info';
  message: string;
}

function under(zone: string, domain: string): boolean {
  return zone === domain || zone.endsWith(`.${domain}`);
}

/** What a user should be told about a zone they type in, before it is ever queried. */
export function checkCustomZone(
  zone: string,
  lists: readonly DnsblList[] = DNSBL_LISTS,
): ZoneWarning[] {
  const normalised = normaliseZone(zone);
  const warnings: ZoneWarning[] = [];
  const problem = zoneNameProblem(normalised);
  if (problem) warnings.push({ severity: 'error', message: `Not a valid zone name: ${problem}` });

  for (const list of lists) {
    const exact = normalised === list.zone || normalised === list.ipv6Zone;
    const family = list.family !== undefined && under(normalised, list.family);
    if (!exact && !family) continue;
    if (list.status === 'dead') {
      warnings.push({
        severity: 'error',
        message: `${normalised} belongs to ${list.name}, which shut down on ${list.deadSince}: do not query it (a dead list can be emptied or wildcarded, so its answers mean nothing)`,
      });
    } else if (list.notOffered) {
      warnings.push({ severity: 'error', message: list.notOffered });
    } else if (exact) {
      // The same zone twice would ask the same question twice; one of them would never answer.
      warnings.push({
        severity: 'error',
        message: `${normalised} is already in the catalogue as ${list.name}: select it there, so its return codes are explained`,
      });
    }
  }

  if (under(normalised, 'spamhaus.org')) {
    warnings.push({
      severity: 'warning',
      message:
        'Public Spamhaus zones refuse public resolvers such as Cloudflare (127.255.255.254) and give Google Public DNS empty answers: use your own resolver, or the Spamhaus DQS entry with a free key',
    });
  }
  const keyedFamily = lists.some(
    (list) =>
      list.zone.startsWith('{key}.') && list.family !== undefined && under(normalised, list.family),
  );
  if (keyedFamily) {
    warnings.push({
      severity: 'warning',
      message:
        'This zone seems to contain your key, and a custom zone is saved with the assessment and its exports: use the catalogue entry and enter the key there instead',
    });
  }
  if (under(normalised, 'uceprotect.net') && !lists.some((l) => l.zone === normalised)) {
    warnings.push({
      severity: 'warning',
      message:
        'UCEPROTECT levels 2 and 3 list whole allocations and providers, not your addresses: a listing there says little about your own servers',
    });
  }

  // Dead lists first, then warnings, then hints; duplicates (a zone matching twice) removed.
  const order = { error: 0, warning: 1, info: 2 };
  const seen = new Set<string>();
  return warnings
    .filter((w) => (seen.has(w.message) ? false : (seen.add(w.message), true)))
    .sort((a, b) => order[a.severity] - order[b.severity]);
}
