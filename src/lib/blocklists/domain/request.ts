import { z } from '../../shared/zod';
import { formatNumber } from '../../shared/format';
import { expandTargets, type ExpandedTargets } from '../../net/expand';
import {
  parseAddressLines,
  type AddressEntry,
  type LineProblem,
  type ParsedLines,
} from '../../net/address-lines';
import { MAX_NOT_CHECKED, type NotChecked } from '../../model/blocklist-run';
import type {
  BlocklistConsent,
  BlocklistSettings,
  Profile,
  ResolverChoice,
} from '../../model/assessment';
import { KeyServiceSchema, type KeyService } from '../../model/blocklist-list';
import type { DnsblList } from '../../model/blocklist-catalogue';
import { DNSBL_LISTS } from '../../content/blocklists';
import { availability, customToList, defaultSelection } from './lists';
import { planList, toTarget, type PlannedList, type Target } from './plan';
import { refusalsInBrief } from './wording';

/**
 * Turning the user's settings into a concrete run: which resolver, which lists (with keys filled
 * in), which addresses. Every reason a run cannot start is collected as a message to show.
 */

export const RESOLVERS: Record<
  Exclude<ResolverChoice, 'custom'>,
  { label: string; url: string }
> = {
  cloudflare: { label: 'Cloudflare (1.1.1.1)', url: 'https://cloudflare-dns.com/dns-query' },
  google: { label: 'Google Public DNS', url: 'https://dns.google/dns-query' },
};

/** The addresses to check when the user has not edited them: mail servers, then ranges. */
export function defaultTargetsText(profile: Profile): string {
  return [profile.mailServers.trim(), profile.networkRanges.trim()].filter(Boolean).join('\n');
}

export function targetsText(settings: BlocklistSettings, profile: Profile): string {
  return settings.targets ?? defaultTargetsText(profile);
}

/** The addresses to check as read from their text: every line, and what a run would ask. */
export interface TargetsReading {
  readonly parsed: Readonly<ParsedLines<AddressEntry>>;
  readonly expanded: Readonly<ExpandedTargets>;
}

let lastReading: { text: string; reading: TargetsReading } | undefined;

/**
 * Reads the addresses to check, once per text. The step's form is made afresh each time the step
 * is shown, and a run starts from the text the form has just shown: without this, thousands of
 * lines would be read again each time, for the same answer. The reading is never changed by
 * whoever receives it.
 */
export function readTargets(text: string): TargetsReading {
  if (lastReading?.text === text) return lastReading.reading;
  const parsed = parseAddressLines(text, { allowRanges: true });
  const reading = { parsed, expanded: expandTargets(parsed.entries, MAX_ADDRESSES_PER_RUN) };
  lastReading = { text, reading };
  return reading;
}

// Plain HTTP would expose every query on the network; it is allowed only on this computer.
// Not [::1]: the page's Content-Security-Policy cannot name an IPv6 literal, so it would fail.
const SecureResolverUrl = z.union([
  z.url({ protocol: /^https$/ }),
  z.url({ protocol: /^http$/, hostname: /^(localhost|127\.0\.0\.1)$/ }),
]);

/** The resolver URL to use, or why a custom one is not acceptable. */
/** A custom resolver as the app will use it, or why it cannot. */
export type ResolverChoiceResult =
  | {
      ok: true;
      /** `url` normalised as the browser reads it; `label` names the host it really reaches. */
      resolver: { label: string; url: string };
      /** The host queries really go to (punycode for a name in another alphabet). */
      host: string;
      /** Something the user should check before trusting it (a host in another alphabet). */
      warning?: string;
    }
  | { ok: false; message: string };

/** The resolver URL to use, or why a custom one is not acceptable. */
export function resolverFor(settings: BlocklistSettings): ResolverChoiceResult {
  if (settings.resolver !== 'custom') {
    const resolver = RESOLVERS[settings.resolver];
    return { ok: true, resolver, host: new URL(resolver.url).host };
  }
  const text = settings.customResolverUrl.trim();
  if (text === '') return { ok: false, message: 'Enter the address of your DoH resolver.' };
  if (!z.url().safeParse(text).success) {
    return {
      ok: false,
      message: `"${text}" is not a web address: a DoH resolver looks like https://dns.example.ac.uk/dns-query.`,
    };
  }
  if (text.includes('\\')) {
    // Browsers read a backslash as a slash: "https://a.example\\@b.example/" goes to a.example.
    return {
      ok: false,
      message: 'The resolver address contains a backslash (\\): write the address with / only.',
    };
  }
  if (!SecureResolverUrl.safeParse(text).success) {
    return {
      ok: false,
      message:
        'The resolver must use https:// (plain http:// is accepted only for localhost or 127.0.0.1).',
    };
  }
  const url = new URL(text);
  if (url.username !== '' || url.password !== '') {
    // Before an @, a name and password would be sent with every query and kept in the settings
    // (and in every export); and "https://dns.example.ac.uk@evil.example/" looks like one host
    // while reaching another.
    return {
      ok: false,
      message: `The resolver address has a user name or password before "@", so it really goes to ${url.host}: give the resolver's own address, without a name or password.`,
    };
  }
  if (url.search !== '' || url.hash !== '' || /[?#]/.test(text)) {
    return { ok: false, message: 'Give the resolver address without ?query or #fragment.' };
  }
  const typedHost = /^https?:\/\/([^/?#]+)/i.exec(text)?.[1]?.toLowerCase() ?? '';
  const warning = /[^\x20-\x7e]/.test(typedHost)
    ? `The host name "${typedHost}" has letters outside the basic Latin alphabet, some of which look like Latin ones: the address it really names is ${url.host}. Make sure that is your resolver.`
    : undefined;
  return {
    ok: true,
    resolver: { label: `Your resolver (${url.host})`, url: url.href },
    host: url.host,
    ...(warning ? { warning } : {}),
  };
}

export function resolverKind(settings: BlocklistSettings): 'public' | 'custom' {
  return settings.resolver === 'custom' ? 'custom' : 'public';
}

/** Every list the user can choose from with these settings: the catalogue plus their own. */
export function availableLists(settings: BlocklistSettings): DnsblList[] {
  return [...DNSBL_LISTS, ...settings.customLists.map(customToList)];
}

/**
 * The ids of the lists chosen: the user's own selection once they have made one, else the
 * catalogue's default selection for this kind of resolver. The form ticks these; a run asks them.
 */
export function selectedListIds(settings: BlocklistSettings): string[] {
  return (
    settings.selectedListIds ??
    defaultSelection(DNSBL_LISTS, resolverKind(settings)).map((l) => l.id)
  );
}

export function selectedLists(settings: BlocklistSettings): DnsblList[] {
  const kind = resolverKind(settings);
  const ids = selectedListIds(settings);
  return availableLists(settings).filter(
    (list) => ids.includes(list.id) && availability(list, kind).selectable,
  );
}

export interface RunPlan {
  resolver: { label: string; url: string };
  lists: PlannedList[];
  targets: Target[];
  /** Lines of the target text that are not addresses or ranges. */
  lineProblems: LineProblem[];
  /**
   * Ranges left out because they would exceed the limit, with why ("Line 3: …"): the first few,
   * then one sentence counting the rest (see refusalsInBrief).
   */
  refused: string[];
  /**
   * Everything typed that will not be asked about, with why (private/reserved, over the limit),
   * for the consent screen and the stored run.
   */
  notChecked: NotChecked[];
}

export type RunPlanResult = { ok: true; plan: RunPlan } | { ok: false; problems: string[] };

export const MAX_ADDRESSES_PER_RUN = 1024;

/** The user's keys, one per operator that needs one (kept in the browser, never exported). */
export type AccessKeys = Partial<Record<KeyService, string>>;

/** The key services the selected lists need, in a stable order, for the form to ask for. */
export function keyServicesNeeded(lists: readonly DnsblList[]): KeyService[] {
  const needed = new Set(lists.flatMap((list) => (list.keyService ? [list.keyService] : [])));
  return KeyServiceSchema.options.filter((service) => needed.has(service));
}

/** Everything needed to start a run, or every reason it cannot start yet. */
export function planRun(
  settings: BlocklistSettings,
  profile: Profile,
  keys: AccessKeys,
): RunPlanResult {
  const problems: string[] = [];
  const resolver = resolverFor(settings);
  if (!resolver.ok) problems.push(resolver.message);

  const { parsed, expanded } = readTargets(targetsText(settings, profile));
  if (expanded.addresses.length === 0) {
    if (expanded.refused.length > 0) {
      problems.push(...refusalsInBrief(expanded.refused));
    } else if (expanded.notPublic.length > 0) {
      problems.push(
        'There are no public addresses to check: private and reserved addresses are never on public block lists. Add the public addresses of your mail servers.',
      );
    } else {
      problems.push('There are no valid addresses to check: add your mail servers or ranges.');
    }
  }

  const lists: PlannedList[] = [];
  for (const list of selectedLists(settings)) {
    // Each operator's key goes only into its own zones, never to another operator.
    const planned = planList(list, list.keyService ? keys[list.keyService] : undefined);
    if (planned.ok) lists.push(planned.planned);
    else problems.push(planned.message);
  }
  if (lists.length === 0 && problems.length === 0) problems.push('Choose at least one block list.');

  const notChecked = [
    ...expanded.notPublic.map((group): NotChecked => ({
      addresses: group.addresses,
      why: 'not-public',
      reason: group.kind,
    })),
    ...expanded.refused.map(({ entry }): NotChecked => ({
      addresses: entry.normalised,
      why: 'over-limit',
      reason: `over the limit of ${formatNumber(MAX_ADDRESSES_PER_RUN)} addresses per check`,
    })),
  ];
  if (notChecked.length > MAX_NOT_CHECKED) {
    // The run records what it left out; a record it could not store would be lost on reload.
    problems.push(
      `${formatNumber(notChecked.length)} lines or parts of ranges would be left out of this check, more than a check can record (${formatNumber(MAX_NOT_CHECKED)}): remove the lines over the limit and check them in later runs.`,
    );
  }

  if (!resolver.ok || problems.length > 0) return { ok: false, problems };
  return {
    ok: true,
    plan: {
      resolver: resolver.resolver,
      lists,
      targets: expanded.addresses.map(toTarget),
      lineProblems: parsed.problems,
      refused: refusalsInBrief(expanded.refused),
      notChecked,
    },
  };
}

/** What the user agrees to: this resolver learns every address; these operators' zones are asked. */
export function consentFor(plan: RunPlan, now: Date): BlocklistConsent {
  return {
    givenAt: now.toISOString(),
    resolverUrl: plan.resolver.url,
    zones: plan.lists.map(({ list }) => list.zone).sort(),
    addresses: plan.targets.map((t) => t.address),
  };
}

/**
 * Consent covers a run only if it was given for the same resolver, and no list and no address
 * was added since: a /22 added later is 1,024 addresses the user has not agreed to send.
 */
export function consentCovers(consent: BlocklistConsent | undefined, plan: RunPlan): boolean {
  if (!consent || consent.resolverUrl !== plan.resolver.url || !consent.addresses) return false;
  const agreedZones = new Set(consent.zones);
  const agreedAddresses = new Set(consent.addresses);
  return (
    plan.lists.every(({ list }) => agreedZones.has(list.zone)) &&
    plan.targets.every((t) => agreedAddresses.has(t.address))
  );
}
