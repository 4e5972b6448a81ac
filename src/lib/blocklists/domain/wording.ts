import { addressCount, spanSize } from '../../net/expand';
import {
  UNKNOWN_CODE,
  type BlocklistResult,
  type BlocklistRun,
  type NotChecked,
  type Outcome,
  type RunList,
} from '../../model/blocklist-run';
import { formatNumber, plural } from '../../shared/format';
import type { Coverage, NoVerdictCause } from './coverage';

/**
 * What a block-list run says, in words: every sentence about a run that the check's own screen,
 * the question card, the results, the PDF and the CSV share is made here, so they can never
 * describe the same run differently. The judgements behind them are coverage.ts's.
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

/** Why a pair has no verdict, after its count: "3 refused by the list". Reads right for 1 or many. */
export const NO_VERDICT_LABELS: Record<NoVerdictCause, string> = {
  refused: 'refused by the list',
  'broken-list': 'with a broken answer from the list',
  'resolver-error': 'with an error from the resolver',
  timeout: 'with no answer in time',
  'list-unusable': 'because the list failed its test points',
  'not-asked': 'not asked because the check stopped',
};

/**
 * Why pairs have no verdict, in words, without brackets inside brackets:
 * "12 with no answer in time, 1,024 because the list failed its test points".
 */
export function describeNoVerdict(coverage: Coverage): string {
  return (Object.entries(coverage.byCause) as [NoVerdictCause, number][])
    .filter(([, n]) => n > 0)
    .map(([cause, n]) => `${formatNumber(n)} ${NO_VERDICT_LABELS[cause]}`)
    .join(', ');
}

/**
 * Every pair in one line, adding up to the total:
 * "40 address/list pairs: 3 listed, 13 not listed, 23 with no verdict, 1 skipped".
 */
export function coverageCounts(coverage: Coverage): string {
  const n = formatNumber;
  return (
    `${plural(coverage.total, 'address/list pair', 'address/list pairs')}: ` +
    `${n(coverage.listed)} listed, ${n(coverage.notListed)} not listed, ` +
    `${n(coverage.noVerdict)} with no verdict, ${n(coverage.skipped)} skipped.`
  );
}

/**
 * The one sentence a summary may say about listings. Never "no address is listed" unless every
 * pair that could be asked got a trusted verdict.
 */
export function coverageStatement(coverage: Coverage): string {
  if (coverage.pairs === 0) return 'No address could be checked on any list.';
  const listings =
    coverage.listed > 0
      ? `${plural(coverage.listed, 'listing', 'listings')} found.`
      : coverage.complete
        ? 'No address is listed on any list checked.'
        : `No listing among the ${plural(coverage.listed + coverage.notListed, 'answer', 'answers')} that gave a verdict.`;
  if (coverage.complete) return listings;
  return (
    `${listings} ${formatNumber(coverage.noVerdict)} of the ` +
    `${plural(coverage.pairs, 'address/list pair', 'address/list pairs')} that could be asked ` +
    `${coverage.noVerdict === 1 ? 'has' : 'have'} no verdict: ${describeNoVerdict(coverage)}. ` +
    'This is not a clean result for those.'
  );
}

/**
 * A run's outcome in a few words, for the report and the screen. "Complete" only when every pair
 * that could be asked got a verdict: a run that finished with gaps says so and how many.
 */
export function runOutcome(state: BlocklistRun['state'], coverage: Coverage): string {
  const gaps = `${formatNumber(coverage.noVerdict)} of ${plural(coverage.pairs, 'pair', 'pairs')} ${coverage.noVerdict === 1 ? 'has' : 'have'} no verdict`;
  if (state !== 'complete') {
    const what = state === 'cancelled' ? 'Cancelled: results so far' : 'Failed';
    return coverage.pairs === 0 ? what : `${what}; ${gaps}`;
  }
  if (coverage.pairs === 0) return 'Finished, but no address could be checked on any list';
  return coverage.complete
    ? 'Complete: every pair that could be asked has a verdict'
    : `Finished with gaps: ${gaps}`;
}

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
export function delistingAdvice(listing: { list: { name: string }; lookupUrl?: string }): {
  text: string;
  url?: string;
} {
  return listing.lookupUrl
    ? { text: 'Look up the listing and request removal:', url: listing.lookupUrl }
    : {
        text: `No lookup or delisting page is recorded for ${listing.list.name}: ask its operator how to be removed.`,
      };
}

export function delistingText(listing: { list: { name: string }; lookupUrl?: string }): string {
  const { text, url } = delistingAdvice(listing);
  return url ? `${text} ${url}` : text;
}

/** Under "Listed addresses" when there are none: clean only when every pair has a verdict. */
export function noListingsText(coverage: Coverage): string {
  return coverage.complete
    ? 'No address is listed on any list checked.'
    : 'No listing among the answers that gave a verdict (see the pairs with no verdict above).';
}

/**
 * The pairs with no verdict that have no answer to print (a list that failed its test points,
 * a question never asked), in one sentence; undefined when there are none.
 */
export function unaskedText(coverage: Coverage): string | undefined {
  const unusable = coverage.byCause['list-unusable'];
  const notAsked = coverage.byCause['not-asked'];
  if (unusable + notAsked === 0) return undefined;
  return (
    `${plural(unusable + notAsked, 'address/list pair was', 'address/list pairs were')} not asked or not counted: ` +
    `${formatNumber(unusable)} because the list failed its test points for that kind of address (see the health check above), ` +
    `${formatNumber(notAsked)} because the check stopped before asking.`
  );
}

/** Under the table of lists: what the counts are, and that "not listed" is counted, not listed. */
export const COUNTS_NOTE =
  'Counts are per address and list. Only answers from a list that passed its test points for that kind of address count as "listed" or "not listed"; "not listed" answers are counted here rather than listed address by address.';

/** When no pair is left without an answer to show. */
export const EVERY_PAIR_ASKED = 'Every address was checked on every list that could answer for it.';
