import { addressCount, spanSize } from '../../net/expand';
import { formatNumber } from '../../shared/format';
import {
  UNKNOWN_CODE,
  type BlocklistResult,
  type NotChecked,
  type Outcome,
  type RunList,
} from '../../model/blocklist-run';
import { TECHNICAL_DETAIL } from './classify';

/**
 * What a block-list run says, in words: every sentence about a run that the check's own screen,
 * the question card, the results, the PDF and the CSV share is made here, so they can never
 * describe the same run differently. The judgements behind them are coverage.ts's; the sentences
 * about how much of a run has a verdict are in coverage-wording.ts.
 */

/** Each outcome's name and what it means, as the screen, the PDF and the CSV say it. */
export const CLASSIFICATION_LABELS: Record<Outcome, { label: string; description: string }> = {
  listed: {
    label: 'Listed',
    description:
      'The block list lists this address. The codes say why; see the list’s own page to delist.',
  },
  'not-listed': {
    label: 'Not listed',
    description: 'The block list answered and does not list this address.',
  },
  refused: {
    label: 'Not checked: list refused',
    description:
      'The block list declined to answer (for example because the query came through a public resolver). This says nothing about the address.',
  },
  'broken-list': {
    label: 'Not checked: list broken',
    description:
      'The block list gave an answer no working list gives (outside 127.0.0.0/8, or mixed). Its answers cannot be trusted, so this is not a listing.',
  },
  'resolver-error': {
    label: 'Not checked: resolver error',
    description:
      'The DNS-over-HTTPS resolver or the network failed to give an answer. This says nothing about the address.',
  },
  timeout: {
    label: 'Not checked: no answer in time',
    description: 'No answer arrived within the time limit. This says nothing about the address.',
  },
  skipped: {
    label: 'Not checked: skipped',
    description:
      'This list was not asked about this address (for example an IPv4-only list and an IPv6 address).',
  },
};

/**
 * One not-checked entry in words: "10.0.0.0/8 (16,777,216 addresses): not checked, private or
 * reserved address: private network (RFC 1918). …". Never "not listed": nothing was asked.
 */
export function notCheckedText(item: NotChecked): string {
  const size = spanSize(item.addresses);
  const what =
    size === undefined || size === 1n
      ? item.addresses
      : `${item.addresses} (${addressCount(size)})`;
  return item.why === 'not-public'
    ? `${what}: not checked, private or reserved address: ${item.reason}. Public block lists never list these.`
    : `${what}: not checked, ${item.reason}.`;
}

/**
 * How many lines over the limit are told one by one. Past a few, more sentences of the same kind
 * help nobody, and thousands of them (a pasted list of ranges) took seconds to lay out.
 */
export const REFUSALS_TOLD = 10;

/**
 * The lines over the limit as the screen tells them: the first few in full, then one sentence
 * counting the rest and naming the last line, so none goes unmentioned.
 */
export function refusalsInBrief(
  refused: readonly { entry: { line: number }; message: string }[],
): string[] {
  const told = refused.slice(0, REFUSALS_TOLD).map((r) => r.message);
  const rest = refused.length - told.length;
  if (rest === 0) return told;
  const last = refused.at(-1)?.entry.line ?? 0;
  return [
    ...told,
    `…and ${formatNumber(rest)} more ${rest === 1 ? 'line' : 'lines'} over the limit, the last on line ${formatNumber(last)}: ${rest === 1 ? 'it' : 'they'} will not be checked either.`,
  ];
}

// Runs stored before the wording changed said "code 127.0.0.9 (meaning not published)".
const OLD_UNKNOWN = /^code \S+ \(meaning (not published|unknown)/;

/**
 * What a cell says. A listing whose code the list's documentation does not define stays a
 * listing (the list did say listed), but says that what it is listed for is unknown.
 */
export function outcomeLabel(result: BlocklistResult): string {
  const label = CLASSIFICATION_LABELS[result.outcome].label;
  if (result.outcome !== 'listed') return label;
  const unknown: { value: string; why: string }[] = [];
  for (const line of result.meanings) {
    const split = line.indexOf(': ');
    if (split < 0) continue;
    const value = line.slice(0, split);
    const meaning = line.slice(split + 2);
    if (meaning.startsWith(UNKNOWN_CODE)) {
      unknown.push({ value, why: meaning.split(' — ')[1] ?? 'its meaning is not documented' });
    } else if (OLD_UNKNOWN.test(meaning)) {
      unknown.push({
        value,
        why: meaning.includes('meaning unknown')
          ? "this list's codes are not documented here"
          : "the list's documentation does not define it",
      });
    }
  }
  if (unknown.length === 0) return label;
  const codes = unknown.map((u) => u.value).join(', ');
  return `${label} (${unknown.length === 1 ? 'unknown code' : 'unknown codes'} ${codes} — ${unknown[0]!.why})`;
}

/** Each outcome's name, as every surface writes it ("Listed", "Not checked: list refused"…). */
export const OUTCOME_LABELS = Object.fromEntries(
  Object.entries(CLASSIFICATION_LABELS).map(([outcome, { label }]) => [outcome, label]),
) as Record<Outcome, string>;

/** What a listing is called in a plan, a table or a file. */
export const LISTED = OUTCOME_LABELS.listed;

/** A list's test-point outcome per address family: "IPv4 passed; IPv6 failed: …". */
export function healthText(list: Pick<RunList, 'health' | 'familyHealth'>): string {
  const families = (['ipv4', 'ipv6'] as const).flatMap((kind) => {
    const health = list.familyHealth[kind];
    if (!health) return [];
    const name = kind === 'ipv4' ? 'IPv4' : 'IPv6';
    return [health.usable ? `${name} passed` : `${name} failed: ${health.reason}`];
  });
  if (families.length > 0) return families.join('; ');
  return list.health.usable ? 'Passed' : `Failed: ${list.health.reason}`;
}

/**
 * What a list said about an address, one line each: what it is listed for (the decoded codes,
 * else the raw answer) and the reason the list gave, when it gave one. The same lines in a
 * results cell, the remediation plan on screen, the PDF and the CSV.
 */
export function listSaid(result: Pick<BlocklistResult, 'codes' | 'meanings' | 'txt'>): string[] {
  const lines: string[] = [];
  if (result.meanings.length > 0) lines.push(`The list says: ${result.meanings.join('; ')}`);
  else if (result.codes.length > 0) lines.push(`The list answered: ${result.codes.join(', ')}`);
  if (result.txt) lines.push(`Reason given: ${result.txt}`);
  return lines;
}

/**
 * Where to go about a listing: the list's own lookup page, or whom to ask when it has none. In
 * two parts, so a screen can make the address a link; `delistingText` joins them for a file.
 */
export function delistingAdvice(listing: ListingPages): {
  text: string;
  url?: string;
} {
  if (listing.lookupUrl) {
    return { text: 'Look up the listing and request removal:', url: listing.lookupUrl };
  }
  if (listing.unverifiedLookup) {
    const { host, url } = listing.unverifiedLookup;
    return {
      text: `The stored check names a lookup page on ${host}, which is not one this app knows: open it only if you trust it: ${url}`,
    };
  }
  return {
    text: `No lookup or delisting page is recorded for ${listing.list.name}: ask its operator how to be removed.`,
  };
}

/** What a listing says of where to look it up (see summary.ts lookupPage). */
interface ListingPages {
  list: { name: string };
  lookupUrl?: string;
  unverifiedLookup?: { url: string; host: string };
}

export function delistingText(listing: ListingPages): string {
  const { text, url } = delistingAdvice(listing);
  return url ? `${text} ${url}` : text;
}

/** Under the table of lists: what the counts are, and that "not listed" is counted, not listed. */
export const COUNTS_NOTE =
  'Counts are per address and list. Only answers from a list that passed its test points for that kind of address count as "listed" or "not listed"; "not listed" answers are counted here rather than listed address by address.';

/** When no pair is left without an answer to show. */
export const EVERY_PAIR_ASKED = 'Every address was checked on every list that could answer for it.';

/** A reason in two parts: the plain words, and any technical detail to show only on demand. */
export function splitTechnical(reason: string): { plain: string; technical?: string } {
  const at = reason.indexOf(TECHNICAL_DETAIL);
  if (at < 0) return { plain: reason };
  return {
    plain: reason.slice(0, at).trim(),
    technical: reason.slice(at + TECHNICAL_DETAIL.length).trim(),
  };
}
