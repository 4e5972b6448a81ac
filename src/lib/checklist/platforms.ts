import type { DesktopPlatform, MailSoftware, Profile } from '../model/assessment';
import type { Fix, Platform } from '../model/catalogue';

/**
 * Guidance that fits the reader: the profile says which mail software the organisation runs or
 * uses and which desktop platforms it manages; each control's steps for those platforms come
 * first, and the rest are kept, folded, under "Other platforms". Nothing is ever dropped: a
 * reader may be wrong about their own estate, and an auditor may want to see it all.
 */

/** Steps every organisation can use, whatever it runs: shown whenever a profile is given. */
const ALWAYS: readonly Platform[] = ['general', 'firewall'];

/** The guidance platforms each answer in the profile brings forward. */
const BY_MAIL_SOFTWARE: Record<MailSoftware, readonly Platform[]> = {
  // Postfix, Exim and Sendmail run on Linux or another UNIX; Exchange Server on Windows Server.
  postfix: ['postfix', 'linux'],
  exim: ['exim', 'linux'],
  sendmail: ['sendmail', 'linux'],
  exchange: ['exchange', 'windows'],
  'microsoft-365': ['microsoft365', 'hosted'],
  'google-workspace': ['googleworkspace', 'hosted'],
  other: [],
};

const BY_DESKTOP: Record<DesktopPlatform, readonly Platform[]> = {
  windows: ['windows'],
  macos: ['macos'],
  linux: ['linux'],
};

/**
 * The platforms this organisation uses, or undefined when the profile does not say (nothing is
 * then folded: every platform is shown, as it is to a reader who has not filled it in).
 */
export function platformsInUse(profile: Profile): ReadonlySet<Platform> | undefined {
  const software = profile.mailSoftware ?? [];
  const desktops = profile.desktopPlatforms ?? [];
  if (software.length === 0 && desktops.length === 0) return undefined;
  return new Set([
    ...ALWAYS,
    ...software.flatMap((s) => BY_MAIL_SOFTWARE[s]),
    ...desktops.flatMap((d) => BY_DESKTOP[d]),
  ]);
}

export interface FittedSteps {
  /** The groups for the platforms in use, in the order the guidance gives them. */
  yours: Fix[];
  /** The rest, in the same order, to be shown folded under "Other platforms". */
  others: Fix[];
}

/** Splits a control's groups of steps (how to check, or how to fix) by the platforms in use. */
export function fitSteps(
  groups: readonly Fix[],
  inUse: ReadonlySet<Platform> | undefined,
): FittedSteps {
  if (!inUse) return { yours: [...groups], others: [] };
  return {
    yours: groups.filter((group) => inUse.has(group.platform)),
    others: groups.filter((group) => !inUse.has(group.platform)),
  };
}
