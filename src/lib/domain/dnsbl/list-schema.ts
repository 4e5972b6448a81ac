import ipaddr from 'ipaddr.js';
import { z } from 'zod';
import { normaliseZone } from './query-name';

/**
 * The shapes block-list data takes: zones, return codes, bitmasks, access terms, and the custom
 * list a user adds. Kept apart from the list catalogue (lists.ts) because an assessment stores
 * custom lists, and the assessment schema must not pull the whole catalogue into the first page.
 */

export const nonEmpty = z.string().trim().min(1);

/** An ASCII DNS name: labels of letters, digits, hyphens (not at either end), 1–63 characters. */
const ZONE_LABEL = /^[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?$/;

/**
 * The longest zone that still leaves room for an IPv6 query name: 32 nibbles and their dots take
 * 64 of the 253 characters a DNS name may have.
 */
export const MAX_ZONE_LENGTH = 253 - 64;

/** Why a zone name is not usable, or undefined when it is (after `normaliseZone`). */
export function zoneNameProblem(zone: string): string | undefined {
  if (zone === '') return 'the zone is empty';
  if (zone.length > MAX_ZONE_LENGTH) {
    return `the zone is longer than ${MAX_ZONE_LENGTH} characters, leaving no room for the address part of the query`;
  }
  const labels = zone.split('.');
  if (labels.length < 2) return 'a zone has at least two parts, e.g. bl.example.org';
  if (!labels.every((label) => ZONE_LABEL.test(label))) {
    return 'each part of a zone may contain only letters, digits and hyphens (not at either end), up to 63 characters';
  }
  return undefined;
}

/** A zone in the catalogue: lowercase, and `{key}` only as a whole leading label. */
export const ZoneSchema = z.string().superRefine((zone, ctx) => {
  const withKey = zone.replace(/^\{key\}\./, 'key.');
  const problem =
    zone !== normaliseZone(zone) ? 'zones are stored normalised' : zoneNameProblem(withKey);
  if (problem) ctx.addIssue({ code: 'custom', message: `${zone}: ${problem}` });
});

const loopbackRange = ipaddr.parseCIDR('127.0.0.0/8');

/** RFC 5782: answers SHOULD be inside 127.0.0.0/8; the catalogue only records such values. */
const LoopbackAddressSchema = z
  .string()
  .refine(
    (value) =>
      ipaddr.IPv4.isValidFourPartDecimal(value) && ipaddr.parse(value).match(loopbackRange),
    'return codes are IPv4 addresses inside 127.0.0.0/8',
  );

export const ReturnCodeSchema = z.object({ value: LoopbackAddressSchema, meaning: nonEmpty });
export type ReturnCode = z.infer<typeof ReturnCodeSchema>;

/** Sub-lists signalled as bits in the last octet: base 127.1.0.0 with bit 2 set is 127.1.0.2. */
export const BitmaskSchema = z.object({
  base: LoopbackAddressSchema.refine((v) => v.endsWith('.0'), 'the base ends in .0'),
  bits: z
    .array(
      z.object({
        bit: z
          .number()
          .int()
          .refine((b) => [1, 2, 4, 8, 16, 32, 64, 128].includes(b), 'a single bit, 1 to 128'),
        meaning: nonEmpty,
      }),
    )
    .min(1),
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

export const KEY_SERVICES: Record<KeyService, { label: string; hint: string }> = {
  'spamhaus-dqs': {
    label: 'Spamhaus DQS key',
    hint: 'The free Data Query Service key from your Spamhaus account.',
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

export const unknownOr = <T extends z.ZodType>(schema: T) =>
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
  zone: z
    .string()
    .transform(normaliseZone)
    .superRefine((zone, ctx) => {
      const problem = zoneNameProblem(zone);
      if (problem) ctx.addIssue({ code: 'custom', message: problem });
    }),
  name: z.string().trim().max(200).default(''),
  codes: z.array(ReturnCodeSchema).default([]),
  bitmask: BitmaskSchema.optional(),
  ipv6: unknownOr(z.boolean()).default('unknown'),
});
export type CustomList = z.infer<typeof CustomListSchema>;
