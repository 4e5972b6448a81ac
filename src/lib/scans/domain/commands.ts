import type { Profile } from '../../model/assessment';
import { quoteSh } from '../../checklist/quote';
import { parseAddressLines, parseDomainLines, type AddressEntry } from '../../net/address-lines';
import { PROXY_PORTS, SMTP_PORTS } from './classify';

/**
 * The nmap commands written for this organisation from its profile. The app never runs them: the
 * administrator does, on networks they are responsible for, and imports the XML (-oX) they write.
 * The output file names say "outside" or "inside", so the import can tell where each ran from.
 */

export interface ScanCommand {
  vantage: 'outside' | 'inside';
  title: string;
  command: string;
  /** IPv6 targets need nmap's -6 and a command of their own. */
  commandIpv6?: string;
  whereToRun: string;
  duration: string;
  addresses: number;
}

export const OUTSIDE_PORTS = [...SMTP_PORTS, ...PROXY_PORTS].sort((a, b) => a - b);
export const INSIDE_PORTS = [...SMTP_PORTS];

function count(entries: readonly AddressEntry[]): number {
  return entries.reduce(
    (sum, e) =>
      sum +
      (e.kind === 'ipv4'
        ? 2 ** (32 - e.prefixLength)
        : e.prefixLength >= 120
          ? 2 ** (128 - e.prefixLength)
          : Infinity),
    0,
  );
}

function fileStem(organisation: string): string {
  const stem = organisation
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-|-$/g, '')
    .slice(0, 40);
  return stem || 'organisation';
}

/** Rough: -Pn probes every address; hosts that answer add version detection and scripts. */
export function roughDuration(addresses: number, secondsPerAddress: number): string {
  if (!Number.isFinite(addresses))
    return 'IPv6 ranges cannot be scanned address by address: list the hosts instead';
  const seconds = 30 + addresses * secondsPerAddress;
  if (seconds < 120) return 'roughly a minute or two';
  if (seconds < 3600) return `roughly ${Math.ceil(seconds / 60)} minutes`;
  return `roughly ${Math.ceil(seconds / 3600)} hours: consider scanning a range at a time`;
}

export function scanCommands(profile: Profile): { commands: ScanCommand[]; missing?: string } {
  const servers = parseAddressLines(profile.mailServers).entries;
  const ranges = parseAddressLines(profile.networkRanges, { allowRanges: true }).entries;
  const domain = parseDomainLines(profile.mailDomains).entries[0]?.normalised;
  const seen = new Set<string>();
  const targets = [...servers, ...ranges].filter(
    (e) => !seen.has(e.normalised) && seen.add(e.normalised),
  );
  if (targets.length === 0) {
    return {
      commands: [],
      missing:
        'Give the mail server addresses and network ranges in the profile: the commands scan exactly those.',
    };
  }
  const stem = fileStem(profile.organisation);
  const v4 = targets.filter((t) => t.kind === 'ipv4').map((t) => t.normalised);
  const v6 = targets.filter((t) => t.kind === 'ipv6').map((t) => t.normalised);
  // Quoted by the one shell-quoting module the guidance's commands use; a domain that cannot be
  // written safely is left out rather than pasted.
  const quotedDomain = domain ? quoteSh(domain) : undefined;
  const scriptArgs = quotedDomain ? ` --script-args smtp-open-relay.domain=${quotedDomain}` : '';
  const outside = (targetList: string[], six: boolean) =>
    `nmap${six ? ' -6' : ''} -Pn -sV -p T:${OUTSIDE_PORTS.join(',')} --script smtp-open-relay,http-open-proxy,socks-open-proxy${scriptArgs} -oX ${stem}-outside-view${six ? '-ipv6' : ''}.xml ${targetList.join(' ')}`;
  const rangeTargets = ranges.filter((t) => t.kind === 'ipv4').map((t) => t.normalised);
  const rangeV6 = ranges.filter((t) => t.kind === 'ipv6').map((t) => t.normalised);
  const inside = (targetList: string[], six: boolean) =>
    `nmap${six ? ' -6' : ''} -sV -p T:${INSIDE_PORTS.join(',')} --open -oX ${stem}-inside-view${six ? '-ipv6' : ''}.xml ${targetList.join(' ')}`;
  const commands: ScanCommand[] = [
    {
      vantage: 'outside',
      title: 'Outside view: relays, proxies and mail ports as the internet sees them',
      command: v4.length ? outside(v4, false) : outside(v6, true),
      ...(v4.length && v6.length ? { commandIpv6: outside(v6, true) } : {}),
      whereToRun:
        'Run it from a computer outside your network that may connect out on port 25: many cloud providers (AWS, Azure, Google Cloud among them) block outbound port 25 by default, and a relay test from there ends "inconclusive" rather than proving anything. A host at a partner organisation or a connection without that block will do.',
      duration: roughDuration(count(targets), 1.5),
      addresses: count(targets),
    },
  ];
  if (ranges.length > 0) {
    commands.push({
      vantage: 'inside',
      title: 'Inside view: which hosts run a mail daemon (who listens on 25, 465 and 587)',
      command: rangeTargets.length ? inside(rangeTargets, false) : inside(rangeV6, true),
      ...(rangeTargets.length && rangeV6.length ? { commandIpv6: inside(rangeV6, true) } : {}),
      whereToRun:
        'Run it from a computer inside your network, so that filtering at the border does not hide the daemons: every host listed is a mail daemon to account for.',
      duration: roughDuration(count(ranges), 0.2),
      addresses: count(ranges),
    });
  }
  return { commands };
}
