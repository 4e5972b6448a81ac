import { z } from '../shared/zod';

/**
 * The glossary (content/glossary.json): the terms a new administrator meets in the checklist,
 * each with the words it goes by in the text, so the first use on a card can link to it.
 */
const nonEmpty = z.string().check(z.trim(), z.minLength(1));

export const GlossaryEntrySchema = z.object({
  id: z
    .string()
    .check(z.regex(/^[a-z0-9]+(?:-[a-z0-9]+)*$/, 'ids are lowercase words joined by hyphens')),
  term: nonEmpty,
  /** Other spellings found in the text ("open relays", "relaying"); matched as whole words. */
  aliases: z._default(z.array(nonEmpty), []),
  definition: nonEmpty,
});
export type GlossaryEntry = z.infer<typeof GlossaryEntrySchema>;

export const GlossarySchema = z.array(GlossaryEntrySchema).check(
  z.minLength(1),
  z.superRefine((entries, ctx) => {
    const seen = new Map<string, string>();
    entries.forEach((entry, index) => {
      for (const word of [entry.term, ...entry.aliases]) {
        const key = word.toLowerCase();
        const owner = seen.get(key);
        if (owner !== undefined) {
          ctx.addIssue({
            code: 'custom',
            path: [index],
            message: `"${word}" is already a word of ${owner}: a word links to one entry`,
          });
        }
        seen.set(key, entry.id);
      }
      if (entries.findIndex((other) => other.id === entry.id) !== index) {
        ctx.addIssue({ code: 'custom', path: [index, 'id'], message: `duplicate id ${entry.id}` });
      }
    });
  }),
);
export type Glossary = z.infer<typeof GlossarySchema>;
