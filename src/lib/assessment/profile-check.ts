import { parseAddressLines, parseDomainLines, type LineProblem } from '../net/address-lines';
import type { Profile } from '../model/assessment';

/**
 * The profile's line-by-line fields checked the same way everywhere (the profile form, the review
 * step, the report's scope): what the user typed is kept as typed, but a line that is not a valid
 * domain, address or range is never presented as part of the scope.
 */

export type ScopeField = 'mailDomains' | 'mailServers' | 'networkRanges';

export interface ScopeCheck {
  field: ScopeField;
  /** The field's label in the profile form. */
  label: string;
  /** The valid entries, as typed (trimmed, without comments). */
  entries: string[];
  problems: LineProblem[];
  /** What an invalid line is not: "a valid mail domain" / "valid mail domains". */
  noun: { one: string; many: string };
}

export function checkScopeField(profile: Profile, field: ScopeField): ScopeCheck {
  const text = profile[field];
  switch (field) {
    case 'mailDomains': {
      const parsed = parseDomainLines(text);
      return {
        field,
        label: 'Mail domains',
        entries: parsed.entries.map((e) => e.text),
        problems: parsed.problems,
        noun: { one: 'a valid mail domain', many: 'valid mail domains' },
      };
    }
    case 'mailServers': {
      const parsed = parseAddressLines(text, { allowRanges: false });
      return {
        field,
        label: 'Mail server addresses',
        entries: parsed.entries.map((e) => e.text),
        problems: parsed.problems,
        noun: { one: 'a valid address', many: 'valid addresses' },
      };
    }
    case 'networkRanges': {
      const parsed = parseAddressLines(text, { allowRanges: true });
      return {
        field,
        label: 'Network ranges',
        entries: parsed.entries.map((e) => e.text),
        problems: parsed.problems,
        noun: { one: 'a valid address or range', many: 'valid addresses or ranges' },
      };
    }
  }
}

/** The profile fields that have lines to fix, in form order (empty when there are none). */
export function profileLineProblems(profile: Profile): ScopeCheck[] {
  return (['mailDomains', 'mailServers', 'networkRanges'] as const)
    .map((field) => checkScopeField(profile, field))
    .filter((check) => check.problems.length > 0);
}
