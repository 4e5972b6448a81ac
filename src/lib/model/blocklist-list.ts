import ipaddr from 'ipaddr.js';
import { z } from '../shared/zod';
import { normaliseZone } from '../net/query-name';

/**
 * The shapes block-list data takes: zones, return codes, bitmasks, access terms, a catalogue
 * entry, and the custom list a user adds. The catalogue itself is data (content/blocklists.json)
 * and is never imported here: an assessment stores custom lists, so the assessment schema imports
 * this module, and the catalogue must stay out of the first page load.
 */

export const nonEmpty = z.string().check(z.trim(), z.minLength(1));

/** An ASCII DNS name: labels of letters, digits, hyphens (not at either end), 1–63 characters. */
const ZONE_LABEL = /^[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?$/;

/**
 * The longest zone that still leaves room for an IPv6 query name: 32 nibbles and their dots take
 * 64 of the 253 characters a DNS name may have.
 */
export const MAX_ZONE_LENGTH = 253 - 64;

const ZONE_EXAMPLE = 'for example dnsbl.example.ac.uk';

/** A character as a person can find it in what they typed: spaces and invisible ones named. */
function describeCharacter(character: string): string {
  if (character === ' ') return 'a space';
  if (/\s/.test(character)) return 'a tab or line break';
  const code = character.codePointAt(0) ?? 0;
  const hex = `U+${code.toString(16).toUpperCase().padStart(4, '0')}`;
  return code < 0x21 || (code >= 0x7f && code <= 0xa0)
    ? `an invisible character (${hex})`
    : `'${character}'`;
}

/**
 * Why a zone name is not usable, or undefined when it is (after `normaliseZone`). Each message
 * says what is wrong in the name as typed (which character, which part) and what a zone looks
 * like, so it can be fixed without knowing DNS syntax.
 */
export function zoneNameProblem(zone: string): string | undefined {
  if (zone === '') return `the zone is empty: enter the list's DNS zone, ${ZONE_EXAMPLE}`;
  if (zone.includes('://') || zone.includes('/')) {
    return `it looks like a web address: enter only the zone name, ${ZONE_EXAMPLE}`;
  }
  if (zone.length > MAX_ZONE_LENGTH) {
    return `the zone is longer than ${MAX_ZONE_LENGTH} characters, leaving no room for the address part of the query`;
  }
  const bad = [...zone].find((character) => !/[a-z0-9.-]/.test(character));
  if (bad !== undefined) {
    const idn = /\p{L}/u.test(bad)
      ? ' (an internationalised name must be written in its xn-- form)'
      : '';
    return `${describeCharacter(bad)} is not allowed: a zone may contain only letters a–z, digits, hyphens and dots${idn}, ${ZONE_EXAMPLE}`;
  }
  const labels = zone.split('.');
  if (labels.length < 2) return `a zone has at least two parts separated by dots, ${ZONE_EXAMPLE}`;
  for (const label of labels) {
    if (label === '') {
      return `the zone has an empty part (two dots together, or a dot at the start), ${ZONE_EXAMPLE}`;
    }
    if (label.length > 63) return `the part '${label.slice(0, 20)}…' is longer than 63 characters`;
    if (!ZONE_LABEL.test(label)) {
      return `the part '${label}' ${label.startsWith('-') ? 'starts' : 'ends'} with a hyphen, which DNS does not allow, ${ZONE_EXAMPLE}`;
    }
  }
  return undefined;
}

/** A zone in the catalogue: lowercase, and `{key}` only as a whole leading label. */
export const ZoneSchema = z.string().check(
  z.superRefine((zone, ctx) => {
    const withKey = zone.replace(/^\{key\}\./, 'key.');
    const problem =
      zone !== normaliseZone(zone) ? 'zones are stored normalised' : zoneNameProblem(withKey);
    if (problem) ctx.addIssue({ code: 'custom', message: `${zone}: ${problem}` });
  }),
);

const loopbackRange = ipaddr.parseCIDR('127.0.0.0/8');

/** RFC 5782: answers SHOULD be inside 127.0.0.0/8; the catalogue only records such values. */
const LoopbackAddressSchema = z
  .string()
  .check(
    z.refine(
      (value) =>
        ipaddr.IPv4.isValidFourPartDecimal(value) && ipaddr.parse(value).match(loopbackRange),
      'return codes are IPv4 addresses inside 127.0.0.0/8',
    ),
  );

export const ReturnCodeSchema = z.object({ value: LoopbackAddressSchema, meaning: nonEmpty });
export type ReturnCode = z.infer<typeof ReturnCodeSchema>;

/** Sub-lists signalled as bits in the last octet: base 127.1.0.0 with bit 2 set is 127.1.0.2. */
export const BitmaskSchema = z.object({
  base: LoopbackAddressSchema.check(z.refine((v) => v.endsWith('.0'), 'the base ends in .0')),
  bits: z
    .array(
      z.object({
        bit: z
          .int()
          .check(
            z.refine((b) => [1, 2, 4, 8, 16, 32, 64, 128].includes(b), 'a single bit, 1 to 128'),
          ),
        meaning: nonEmpty,
      }),
    )
    .check(z.minLength(1)),
});
export type Bitmask = z.infer<typeof BitmaskSchema>;

/**
 * How much is known about a list's return codes. 'published': the codes below are the operator's;
 * 'unverified': the operator uses codes nobody here could confirm; 'unknown': no information.
 * It decides how an unrecognised code is described: "meaning not published" is only true for
 * lists whose codes are published.
 */
export const CodesStatusSchema = z.enum(['published', 'unverified', 'unknown']);
export type CodesStatus = z.infer<typeof CodesStatusSchema>;

export const AccessSchema = z.enum([
  'free',
  'key-required',
  'resolver-registration',
  'subscription',
  /** The fact sheet records no terms of use. Such lists are never selected by default. */
  'unknown',
]);
export type Access = z.infer<typeof AccessSchema>;

export const ACCESS_LABELS: Record<Access, string> = {
  free: 'Free',
  'key-required': 'Needs a key',
  'resolver-registration': 'Needs a registered resolver',
  subscription: 'Subscription',
  unknown: 'Terms not known',
};

/** Operators whose zones carry a per-customer key; each key is kept and sent separately. */
export const KeyServiceSchema = z.enum(['spamhaus-dqs', 'abusix', 'maps']);
export type KeyService = z.infer<typeof KeyServiceSchema>;

/** What the key field of each service is called, and where its owner finds the key. */
export const KEY_SERVICE_LABELS: Record<
  KeyService,
  { label: string; hint: string; signUp?: { text: string; url: string } }
> = {
  'spamhaus-dqs': {
    label: 'Spamhaus DQS key',
    hint: 'The free Data Query Service key from your Spamhaus account.',
    signUp: {
      text: 'Sign up for a free Spamhaus Data Query Service account',
      url: 'https://www.spamhaus.com/free-trial/sign-up-for-a-free-data-query-service-account/',
    },
  },
  abusix: {
    label: 'Abusix Mail Intelligence key',
    hint: 'The query key from your Abusix account.',
  },
  maps: {
    label: 'MAPS RBL+ activation code',
    hint: 'The activation code of your Trend Micro Email Reputation Services subscription.',
  },
};

export const unknownOr = <T extends z.ZodMiniType>(schema: T) =>
  z.union([schema, z.literal('unknown')]);

/** 32-bit FNV-1a, as 8 hex digits: a short stable tag, not a security digest. */
function fnv1a(text: string): string {
  let hash = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) {
    hash ^= text.charCodeAt(i);
    hash = Math.imul(hash, 0x01000193);
  }
  return (hash >>> 0).toString(16).padStart(8, '0');
}

/**
 * The id of a custom list: readable, at most 80 characters (ids are stored with a limit), and
 * distinct for zones that read alike once dots become hyphens (a-b.example vs a.b-example).
 */
export function customListId(zone: string): string {
  const readable = zone
    .replace(/[^a-z0-9]+/g, '-')
    .slice(0, 60)
    .replace(/^-+|-+$/g, '');
  return `custom-${readable}-${fnv1a(zone)}`;
}

/** A zone the user adds themselves: only what is needed to query it and read its answers. */
export const CustomListSchema = z.object({
  zone: z.pipe(z.string(), z.transform(normaliseZone)).check(
    z.superRefine((zone, ctx) => {
      const problem = zoneNameProblem(zone);
      if (problem) ctx.addIssue({ code: 'custom', message: problem });
    }),
  ),
  name: z._default(z.string().check(z.trim(), z.maxLength(200)), ''),
  codes: z._default(z.array(ReturnCodeSchema), []),
  bitmask: z.optional(BitmaskSchema),
  ipv6: z._default(unknownOr(z.boolean()), 'unknown'),
});
export type CustomList = z.infer<typeof CustomListSchema>;
