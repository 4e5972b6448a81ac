import ipaddr from 'ipaddr.js';
import type { CustomList } from './lists';
import { CustomListSchema, checkCustomZone, type ZoneWarning } from './lists';
import { describeIssues } from '../document';

/**
 * Reading a custom list the user types: a zone, a name, and code meanings as lines such as
 * "127.0.0.2 Listed for spam". Every problem is reported; nothing is half-added.
 */

export interface CustomListDraft {
  zone: string;
  name: string;
  ipv6: boolean;
  codes: string;
}

export type CustomListParse =
  | { ok: true; list: CustomList; warnings: ZoneWarning[] }
  | { ok: false; problems: string[]; warnings: ZoneWarning[] };

export function parseCodeLines(text: string): {
  codes: { value: string; meaning: string }[];
  problems: string[];
} {
  const codes: { value: string; meaning: string }[] = [];
  const problems: string[] = [];
  text.split(/\r?\n/).forEach((raw, index) => {
    const line = raw.trim();
    if (line === '') return;
    const match = /^(\S+)\s*(?:[=:–-]\s*)?(.*)$/.exec(line);
    const value = match?.[1] ?? '';
    const meaning = (match?.[2] ?? '').trim();
    if (!ipaddr.IPv4.isValidFourPartDecimal(value) || !value.startsWith('127.')) {
      problems.push(`Code line ${index + 1}: "${value}" is not an answer inside 127.0.0.0/8.`);
    } else if (meaning === '') {
      problems.push(`Code line ${index + 1}: say what ${value} means.`);
    } else {
      codes.push({ value, meaning });
    }
  });
  return { codes, problems };
}

export function parseCustomList(
  draft: CustomListDraft,
  existing: readonly CustomList[],
): CustomListParse {
  const warnings = checkCustomZone(draft.zone);
  const problems = warnings.filter((w) => w.severity === 'error').map((w) => w.message);
  const { codes, problems: codeProblems } = parseCodeLines(draft.codes);
  problems.push(...codeProblems);
  const parsed = CustomListSchema.safeParse({
    zone: draft.zone,
    name: draft.name,
    ipv6: draft.ipv6,
    codes,
  });
  if (!parsed.success && problems.length === 0) problems.push(describeIssues(parsed.error));
  if (parsed.success && existing.some((l) => l.zone === parsed.data.zone)) {
    problems.push(`${parsed.data.zone} is already in your list.`);
  }
  if (problems.length > 0 || !parsed.success) return { ok: false, problems, warnings };
  return {
    ok: true,
    list: parsed.data,
    warnings: warnings.filter((w) => w.severity !== 'error'),
  };
}
