import type { Profile } from '../../model/assessment';
import type { ScanEvidence } from '../../model/scan-evidence';
import { notPublicReason } from '../../net/special-ranges';
import { inProfile, parseIp, profileAddresses, type ProfileAddresses } from './findings';

/** Hosts a scan covered that the profile does not account for, and why each is flagged. */
export interface AddressFlags {
  /** Up hosts that are neither a declared mail server nor inside a profile range. */
  outsideProfile: string[];
  /** In an outside-view scan: hosts at private, loopback or other non-public addresses. */
  notPublic: { address: string; why: string }[];
}

/**
 * Flags on a scan's hosts: a host outside the profile's ranges may be someone else's (scan only
 * networks you are responsible for); a private address cannot be reached from the internet, so an
 * "outside view" of it was not run from outside.
 */
export function addressFlags(scan: ScanEvidence, profile: ProfileAddresses): AddressFlags {
  const outsideProfile: string[] = [];
  const notPublic: AddressFlags['notPublic'] = [];
  for (const host of scan.hosts) {
    if (host.status !== 'up') continue;
    if (!inProfile(host.address, profile)) outsideProfile.push(host.address);
    if (scan.vantage === 'outside') {
      const ip = parseIp(host.address);
      const why = ip ? notPublicReason(ip.toString()) : 'not an IP address';
      if (why) notPublic.push({ address: host.address, why });
    }
  }
  return { outsideProfile, notPublic };
}

export function scanAddressFlags(scan: ScanEvidence, profile: Profile): AddressFlags {
  return addressFlags(scan, profileAddresses(profile));
}
