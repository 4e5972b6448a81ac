import ipaddr from 'ipaddr.js';
import { CustomListSchema, type CustomList } from '../../model/blocklist-list';
import { checkCustomZone, type ZoneWarning } from './lists';
import { describeIssues } from '../../shared/zod-issues';

/**
 * Reading a custom list the user types: a zone, a name, and code meanings as lines such as
 * "127.0.0.2 Listed for spam". Every problem is reported; nothing is half-added.
 */

export interface CustomListDraft {
  zone: string;
  name: string;
  ipv6: boolean;
  codes: string;
  /** The codes are bits of the last octet that answers combine (127.1.0.5 = 1 + 4), as MAPS does. */
  bitmask: boolean;
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

const BITS = [1, 2, 4, 8, 16, 32, 64, 128];

/** Codes such as 127.1.0.1, 127.1.0.2, 127.1.0.4 read as the bits of a bitmask on 127.1.0.0. */
function toBitmask(
  codes: { value: string; meaning: string }[],
): { bitmask: { base: string; bits: { bit: number; meaning: string }[] } } | { problem: string } {
  if (codes.length === 0) return { problem: 'A bitmask list needs its codes, one bit per line.' };
  const prefixes = new Set(codes.map((c) => c.value.split('.').slice(0, 3).join('.')));
  if (prefixes.size > 1) {
    return { problem: 'Bitmask codes must share their first three numbers (e.g. 127.1.0.x).' };
  }
  const bits = codes.map((c) => ({ bit: Number(c.value.split('.')[3]), meaning: c.meaning }));
  const notBit = bits.find((b) => !BITS.includes(b.bit));
  if (notBit) {
    return {
      problem: `In a bitmask each code is one bit: ${notBit.bit} is not 1, 2, 4, 8, 16, 32, 64 or 128.`,
    };
  }
  return { bitmask: { base: `${[...prefixes][0]}.0`, bits } };
}

export function parseCustomList(
  draft: CustomListDraft,
  existing: readonly CustomList[],
): CustomListParse {
  const warnings = checkCustomZone(draft.zone);
  const problems = warnings.filter((w) => w.severity === 'error').map((w) => w.message);
  const { codes, problems: codeProblems } = parseCodeLines(draft.codes);
  problems.push(...codeProblems);
  const meanings = draft.bitmask ? toBitmask(codes) : { codes };
  if ('problem' in meanings) problems.push(meanings.problem);
  const parsed = CustomListSchema.safeParse({
    zone: draft.zone,
    name: draft.name,
    ipv6: draft.ipv6,
    ...('problem' in meanings ? { codes } : meanings),
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
