import { z } from '../shared/zod';
import supportFile from './software-support.json';
import { parseContent } from './parse';

/**
 * The dated table of mail software out of support (software-support.json), checked against its
 * schema when loaded: a mistake names the file and field and stops the build and the tests.
 */

const VersionSchema = z.string().check(z.regex(/^\d+(\.\d+)*$/));

export const SupportEntrySchema = z.object({
  name: z.string().check(z.minLength(1)),
  /** Matched at the start of nmap's product text ("Microsoft Exchange smtpd"). */
  product: z.string().check(z.minLength(1)),
  versionFrom: VersionSchema,
  versionBefore: VersionSchema,
  endOfSupport: z.iso.date(),
  source: z.url(),
});
export type SupportEntry = z.infer<typeof SupportEntrySchema>;

export const SupportTableSchema = z.object({
  '//': z.optional(z.array(z.string())),
  asOf: z.iso.date(),
  entries: z.array(SupportEntrySchema).check(z.minLength(1)),
});
export type SupportTable = z.infer<typeof SupportTableSchema>;

export const softwareSupport: SupportTable = parseContent(
  'software-support.json',
  SupportTableSchema,
  supportFile,
);
