import { z } from '../shared/zod';
import {
  ZoneSchema,
  nonEmpty,
  unknownOr,
  ReturnCodeSchema,
  CodesStatusSchema,
  BitmaskSchema,
  AccessSchema,
  KeyServiceSchema,
} from './blocklist-list';

/**
 * The shape of the block-list catalogue (content/blocklists.json), apart from the shapes an
 * assessment stores (./blocklist-list.ts): the assessment schema is part of the first page, and
 * the catalogue and its schema load only with the block-list step.
 */

/**
 * One list of the catalogue (content/blocklists.json). Where the fact sheet the catalogue comes
 * from says "unknown" or nothing, an entry says unknown rather than guess: a wrong code meaning or
 * a wrong "works with public resolvers" would tell an administrator something false.
 */
export const DnsblListSchema = z
  .object({
    id: z
      .string()
      .check(
        z.regex(/^[a-z0-9]+(?:-[a-z0-9]+)*$/, 'list ids are lowercase words joined by hyphens'),
      ),
    /** May start with `{key}.` for services that take a key or activation code in the name. */
    zone: ZoneSchema,
    /** A separate zone for IPv6 addresses, where the operator runs one. */
    ipv6Zone: z.optional(ZoneSchema),
    name: nonEmpty,
    operator: nonEmpty,
    /** What the list lists, in words. */
    lists: nonEmpty,
    /** Addresses (the usual DNSBL) or domain names (e.g. the Spamhaus DBL). */
    target: z._default(z.enum(['ip', 'domain']), 'ip'),
    ipv6: unknownOr(z.boolean()),
    codes: z._default(z.array(ReturnCodeSchema), []),
    codesStatus: CodesStatusSchema,
    bitmask: z.optional(BitmaskSchema),
    /** Answers that are not listings but the list declining to answer. */
    errorCodes: z._default(z.array(ReturnCodeSchema), []),
    access: AccessSchema,
    accessNote: nonEmpty,
    /**
     * Whose key fills `{key}` in the zone. Each operator's key goes only into its own zones:
     * a Spamhaus key sent in an Abusix query name would hand it to another company.
     */
    keyService: z.optional(KeyServiceSchema),
    /** Lookup or delisting page; `{ip}` is replaced by the address. */
    lookupUrl: z.optional(
      z.string().check(z.refine((url) => /^https:\/\/[^\s]+$/.test(url), 'an https:// address')),
    ),
    rateLimit: z.optional(
      z.object({
        queriesPerSecond: z.optional(z.number().check(z.positive())),
        queriesPerDay: z.optional(z.int().check(z.positive())),
        note: nonEmpty,
      }),
    ),
    status: z.enum(['alive', 'dead']),
    /** ISO date the list stopped answering; required for dead lists. */
    deadSince: z.optional(z.iso.date()),
    worksWithPublicResolvers: unknownOr(z.boolean()),
    /** Why a live list is not in the default selection (shown next to it). */
    notDefaultBecause: z.optional(nonEmpty),
    /** Why a live list is never offered at all (its answers would mislead). */
    notOffered: z.optional(nonEmpty),
    /**
     * A domain all the operator's zones sit under, so a custom zone under it is recognised
     * (any *.sorbs.net is dead, not just the zone listed here).
     */
    family: z.optional(ZoneSchema),
    /**
     * Widely used lists carry the name of what they stand for ("Spamhaus ZEN"): when no list of
     * that name was asked (and answered), the check says so, with the lookup page, so "not
     * listed" never reassures beyond the lists asked. Entries of one name stand in for each other
     * (the free ZEN and ZEN through DQS).
     */
    widelyUsed: z.optional(nonEmpty),
    /** Anything else a user should know, shown with the list. */
    note: z.optional(nonEmpty),
  })
  .check(
    z.superRefine((list, ctx) => {
      if (list.status === 'dead' && !list.deadSince) {
        ctx.addIssue({
          code: 'custom',
          path: ['deadSince'],
          message: `${list.id}: a dead list needs deadSince`,
        });
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
        ctx.addIssue({
          code: 'custom',
          path: ['codes'],
          message: `${list.id}: published codes must be listed`,
        });
      }
    }),
  );
export type DnsblList = z.infer<typeof DnsblListSchema>;
export type DnsblListInput = z.input<typeof DnsblListSchema>;

export const DnsblCatalogueSchema = z.array(DnsblListSchema).check(
  z.superRefine((lists, ctx) => {
    const ids = new Set<string>();
    lists.forEach((list, index) => {
      if (ids.has(list.id)) {
        ctx.addIssue({
          code: 'custom',
          path: [index, 'id'],
          message: `duplicate list id ${list.id}`,
        });
      }
      ids.add(list.id);
    });
  }),
);
