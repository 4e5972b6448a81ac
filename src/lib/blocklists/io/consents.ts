import { BlocklistConsentSchema, type BlocklistConsent } from '../../model/assessment';

/**
 * Consent to send block-list queries is a choice made by the person at this browser, so it is
 * kept here, one record per assessment, and never in the assessment itself: an assessment is
 * exported and imported, and a file must never bring a "yes" with it. A record that does not read
 * back as a consent is treated as none (the user is simply asked again).
 */

const PREFIX = 'mssa:consent:';

export interface ConsentStore {
  get(assessmentId: string): BlocklistConsent | undefined;
  set(assessmentId: string, consent: BlocklistConsent): void;
  remove(assessmentId: string): void;
}

export function createConsentStore(getBackend: () => Storage): ConsentStore {
  return {
    get(assessmentId) {
      try {
        const raw = getBackend().getItem(PREFIX + assessmentId);
        if (raw === null) return undefined;
        const parsed = BlocklistConsentSchema.safeParse(JSON.parse(raw));
        return parsed.success ? parsed.data : undefined;
      } catch {
        return undefined;
      }
    },
    set(assessmentId, consent) {
      try {
        getBackend().setItem(PREFIX + assessmentId, JSON.stringify(consent));
      } catch {
        // Storage unavailable: the consent holds for this page only (see ConsentRing).
      }
    },
    remove(assessmentId) {
      try {
        getBackend().removeItem(PREFIX + assessmentId);
      } catch {
        // Nothing stored to remove.
      }
    },
  };
}
