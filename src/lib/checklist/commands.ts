import type { Profile } from '../model/assessment';
import { slotPlaceholder, type CodeSlot, type Step } from '../model/catalogue';
import { parseAddressLines, parseDomainLines, type AddressEntry } from '../net/address-lines';
import { quoteFor } from './quote';

/**
 * Commands in the guidance written with the organisation's own values: its mail domains, mail
 * server addresses and network ranges from the profile, where the guidance file marks them
 * ({{domain}}, {{servers}}…). Only entries the profile accepts as valid are used (a line with a
 * typo is reported on the profile, never pasted into a command), each is quoted for the shell
 * the command is written for, and a value that cannot be written safely leaves the placeholder.
 */

export type SlotValues = Readonly<Record<CodeSlot, readonly string[]>>;

const unique = (values: readonly string[]) => [...new Set(values)];

/** The profile's values for every slot, in the order typed, without repeats. */
export function slotValues(profile: Profile): SlotValues {
  const domains = unique(parseDomainLines(profile.mailDomains).entries.map((e) => e.normalised));
  const addresses = (entries: AddressEntry[], kind?: AddressEntry['kind']) =>
    unique(entries.filter((e) => !kind || e.kind === kind).map((e) => e.normalised));
  const servers = parseAddressLines(profile.mailServers, { allowRanges: false }).entries;
  const ranges = parseAddressLines(profile.networkRanges, { allowRanges: true }).entries;
  return {
    domain: domains.slice(0, 1),
    domains,
    server: addresses(servers).slice(0, 1),
    servers: addresses(servers),
    server4: addresses(servers, 'ipv4').slice(0, 1),
    servers4: addresses(servers, 'ipv4'),
    server6: addresses(servers, 'ipv6').slice(0, 1),
    servers6: addresses(servers, 'ipv6'),
    range: addresses(ranges).slice(0, 1),
    ranges: addresses(ranges),
    ranges4: addresses(ranges, 'ipv4'),
    ranges6: addresses(ranges, 'ipv6'),
  };
}

/** No values: every command shows its placeholders (as before a profile is filled in). */
export const NO_VALUES: SlotValues = {
  domain: [],
  domains: [],
  server: [],
  servers: [],
  server4: [],
  servers4: [],
  server6: [],
  servers6: [],
  range: [],
  ranges: [],
  ranges4: [],
  ranges6: [],
};

/** A piece of a command as shown: its own text, a profile value, or a placeholder to fill in. */
export type CommandPiece =
  | { kind: 'text'; text: string }
  | { kind: 'value'; text: string; slot: CodeSlot }
  | { kind: 'placeholder'; text: string; slot: CodeSlot };

/**
 * A step's command as pieces, with the profile's values where the guidance marks them. A slot
 * with no value, or with any value that cannot be quoted for the command's language, shows its
 * placeholder: never a command that silently leaves out part of what was asked for.
 */
export function commandPieces(step: Step, values: SlotValues): CommandPiece[] {
  if (step.code === undefined) return [];
  if (!step.template) return [{ kind: 'text', text: step.code }];
  const language = step.language ?? 'text';
  return step.template.map((part): CommandPiece => {
    if (typeof part === 'string') return { kind: 'text', text: part };
    const quoted = values[part.slot].map((value) => quoteFor(language, value));
    if (quoted.length === 0 || quoted.some((value) => value === undefined)) {
      return { kind: 'placeholder', text: slotPlaceholder(part.slot), slot: part.slot };
    }
    return { kind: 'value', text: quoted.join(part.separator), slot: part.slot };
  });
}

/** The command as text, as it is copied. */
export function commandText(pieces: readonly CommandPiece[]): string {
  return pieces.map((piece) => piece.text).join('');
}

/** The placeholders left in a command, each once, in order. */
export function placeholdersLeft(pieces: readonly CommandPiece[]): string[] {
  return unique(pieces.filter((piece) => piece.kind === 'placeholder').map((piece) => piece.text));
}
