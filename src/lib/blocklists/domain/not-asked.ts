import type { DnsblList } from '../../model/blocklist-catalogue';
import type { BlocklistRun } from '../../model/blocklist-run';
import { DNSBL_LISTS } from '../../content/blocklists';
import { availability, type ResolverKind } from './lists';

/**
 * Widely used block lists that a check does not ask (or asked without an answer it can trust), so
 * that "not listed" is never read as covering them: the settings say so before a run, the results
 * and the question card after it. Which lists count as widely used is data (`widelyUsed` in
 * content/blocklists.json); entries of one name stand in for each other (Spamhaus ZEN, free or
 * through DQS).
 */
export interface NotAskedList {
  /** What the list stands for, from the catalogue: "Spamhaus ZEN". */
  name: string;
  /** Why it is not asked, in words: "needs your own resolver or a Spamhaus DQS key". */
  reason: string;
  /** The operator's own lookup page (https), where an address can be looked up by hand. */
  lookupPage?: string;
}

/** The lookup page without the address filled in: "https://www.spamcop.net/bl.shtml". */
export function generalLookupPage(template: string): string {
  if (!template.includes('{ip}')) return template;
  const [base = template] = template.split('?');
  return base.includes('{ip}') ? base.slice(0, base.indexOf('{ip}')) : base;
}

/** The widely used lists of the catalogue, one entry per name, in catalogue order. */
function widelyUsedGroups(lists: readonly DnsblList[]): Map<string, DnsblList[]> {
  const groups = new Map<string, DnsblList[]>();
  for (const list of lists) {
    if (!list.widelyUsed || list.status !== 'alive' || list.notOffered) continue;
    groups.set(list.widelyUsed, [...(groups.get(list.widelyUsed) ?? []), list]);
  }
  return groups;
}

function lookupPageOf(group: readonly DnsblList[]): string | undefined {
  const url = group.find((list) => list.lookupUrl)?.lookupUrl;
  return url ? generalLookupPage(url) : undefined;
}

/** Why none of a group's entries can be asked with this resolver, or that it is not selected. */
function settingsReason(group: readonly DnsblList[], kind: ResolverKind): string {
  const selectable = group.filter((list) => availability(list, kind).selectable);
  if (selectable.length === 0) {
    return group.some((list) => list.access === 'resolver-registration')
      ? 'needs your own resolver, registered with the operator'
      : 'needs your own resolver';
  }
  if (selectable.some((list) => list.keyService === 'spamhaus-dqs')) {
    return kind === 'public'
      ? 'not selected: through a public resolver it needs a Spamhaus DQS key'
      : 'not selected';
  }
  return 'not selected';
}

/**
 * Before a run: the widely used lists the current selection will not ask. `selectedIds` are the
 * ids the form ticks; a ticked list that cannot be asked with this resolver is not asked.
 */
export function notAskedBySettings(
  selectedIds: readonly string[],
  kind: ResolverKind,
  lists: readonly DnsblList[] = DNSBL_LISTS,
): NotAskedList[] {
  const out: NotAskedList[] = [];
  for (const [name, group] of widelyUsedGroups(lists)) {
    const asked = group.some(
      (list) => selectedIds.includes(list.id) && availability(list, kind).selectable,
    );
    if (asked) continue;
    const lookupPage = lookupPageOf(group);
    out.push({ name, reason: settingsReason(group, kind), ...(lookupPage ? { lookupPage } : {}) });
  }
  return out;
}

/**
 * After a run: the widely used lists it did not ask, or asked but could not trust (they failed
 * their test points), so their "not listed" answers say nothing.
 */
export function notAskedByRun(
  run: Pick<BlocklistRun, 'lists'>,
  lists: readonly DnsblList[] = DNSBL_LISTS,
): NotAskedList[] {
  const out: NotAskedList[] = [];
  for (const [name, group] of widelyUsedGroups(lists)) {
    const ids = new Set(group.map((list) => list.id));
    const inRun = run.lists.filter((list) => ids.has(list.id));
    if (inRun.some((list) => list.health.usable)) continue;
    const lookupPage = lookupPageOf(group);
    out.push({
      name,
      reason:
        inRun.length > 0
          ? 'asked, but it failed its test points, so its answers were not used'
          : 'not asked in this check',
      ...(lookupPage ? { lookupPage } : {}),
    });
  }
  return out;
}

/** The sentence before the lists not asked, on the step, the card and in the results. */
export const NOT_ASKED_LEAD =
  'Widely used block lists this check does not cover: "not listed" says nothing about them. Look your addresses up on their own pages:';

/**
 * The same as one paragraph, for the PDF and the Word copy: the lead, then each list with why
 * and its lookup page. Undefined when every widely used list was asked and answered.
 */
export function notAskedText(items: readonly NotAskedList[]): string | undefined {
  if (items.length === 0) return undefined;
  const lines = items.map(
    (item) => `${item.name} (${item.reason})${item.lookupPage ? `: ${item.lookupPage}` : ''}`,
  );
  return `${NOT_ASKED_LEAD} ${lines.join('; ')}.`;
}
