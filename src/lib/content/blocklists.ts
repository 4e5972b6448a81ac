import { z } from '../shared/zod';
import { ReturnCodeSchema, type ReturnCode } from '../model/blocklist-list';
import {
  DnsblCatalogueSchema,
  DnsblListSchema,
  type DnsblList,
} from '../model/blocklist-catalogue';
import blocklistsFile from './blocklists.json';
import { parseContent } from './parse';

/**
 * The block-list catalogue, kept as data in blocklists.json so that a maintainer can correct a
 * list without touching TypeScript. Every fact in it comes from the project's DNSBL fact sheet
 * (operators' pages, RFC 5782, mail-filter rule files); the file's own "//" notes say so to
 * whoever edits it. What protects users from a list that stops answering is not this data but
 * the RFC 5782 test points checked before every run (blocklists/domain/classify.ts).
 *
 * The file adds two things to a plain array of lists (model/blocklist-catalogue.ts, DnsblListSchema):
 * named `codeSets`, so Spamhaus's codes are written once and a list's `codes` or `errorCodes` may
 * name one instead, and "//" notes, since JSON has no comments.
 */

const FILE_NAME = 'blocklists.json';

/** A note for maintainers, ignored by the app: one string, or one string per paragraph. */
const MaintainerNoteSchema = z.optional(z.union([z.string(), z.array(z.string())]));

const CodeSetNameSchema = z
  .string()
  .check(
    z.regex(/^[a-z0-9]+(?:-[a-z0-9]+)*$/, 'code set names are lowercase words joined by hyphens'),
  );

/** The fields a list may have: a misspelt optional field must not vanish without a word. */
const LIST_FIELDS = new Set<string>([...Object.keys(DnsblListSchema.shape), '//']);

/** The fields whose value may be the name of a code set instead of the codes themselves. */
const CODE_FIELDS = ['codes', 'errorCodes'] as const;

const BlocklistsFileSchema = z.pipe(
  z.pipe(
    z.strictObject({
      '//': MaintainerNoteSchema,
      codeSets: z._default(
        z.record(CodeSetNameSchema, z.array(ReturnCodeSchema).check(z.minLength(1))),
        {},
      ),
      // Each list is checked field by field once code set names are replaced (the pipe below), so
      // a mistake is reported at its place in the file, e.g. lists[3].codes[0].value.
      lists: z.array(z.looseObject({ '//': MaintainerNoteSchema })),
    }),
    z.transform(({ codeSets, lists }, ctx) => {
      const codeSet = (name: string): ReturnCode[] | undefined =>
        Object.hasOwn(codeSets, name) ? codeSets[name] : undefined;
      let valid = true;
      const resolved = lists.map((list, index) => {
        for (const field of Object.keys(list)) {
          if (!LIST_FIELDS.has(field)) {
            valid = false;
            ctx.issues.push({
              code: 'custom',
              input: list,
              path: ['lists', index, field],
              message: 'not a field a list can have: check its spelling (notes go in "//")',
            });
          }
        }
        const withCodes = { ...list };
        for (const field of CODE_FIELDS) {
          const value = list[field];
          if (typeof value !== 'string') continue;
          const codes = codeSet(value);
          if (codes) {
            withCodes[field] = codes;
          } else {
            const known = Object.keys(codeSets).join(', ') || 'none';
            valid = false;
            ctx.issues.push({
              code: 'custom',
              input: value,
              path: ['lists', index, field],
              message: `there is no code set named "${value}" (the code sets are: ${known})`,
            });
          }
        }
        return withCodes;
      });
      return valid ? { lists: resolved } : z.NEVER;
    }),
  ),
  z.object({ lists: DnsblCatalogueSchema }),
);

/**
 * The lists of a block-list file's content, with code set names replaced by their codes.
 * Throws a ContentError naming the file and the field of the first mistake.
 */
export function parseBlocklistsFile(data: unknown): readonly DnsblList[] {
  return parseContent(FILE_NAME, BlocklistsFileSchema, data).lists;
}

/**
 * The shipped catalogue, validated when the block-list step loads (and in CI by
 * tests/unit/blocklist-content.test.ts): a typo fails every test, not a user's run.
 */
export const DNSBL_LISTS: readonly DnsblList[] = parseBlocklistsFile(blocklistsFile);
