import type { Provenance } from '../model/catalogue';

/**
 * Where a control comes from, in the words the card, the results, the PDF and the CSV share: from
 * the guidance (and how the checklist reads it, where it asks for more than its words), or good
 * practice beyond it, with its source.
 */

export const PROVENANCE_LABELS: Record<Provenance['basis'], string> = {
  guidance: 'From the guidance',
  beyond: 'Beyond the guidance',
};

/** One word for tight places (a table's level cell), explained by the legend beside it. */
export const PROVENANCE_TAGS: Record<Provenance['basis'], string> = {
  guidance: 'Guidance',
  beyond: 'Beyond',
};

/** Said where the tags are used. */
export const PROVENANCE_LEGEND =
  '"Guidance": the control comes from the Janet guidance, at the level its words support. "Beyond": good practice the guidance does not ask for, with its own source; it counts in the score with good practice, not in the verdict.';

/** "From the guidance", or "Beyond the guidance (RFC 8314, …)". */
export function provenanceShort(provenance: Provenance): string {
  return provenance.basis === 'guidance'
    ? PROVENANCE_LABELS.guidance
    : `${PROVENANCE_LABELS.beyond} (${provenance.source.title})`;
}

/** The whole statement, as the PDF's detailed answers and the CSV give it. */
export function provenanceText(provenance: Provenance): string {
  if (provenance.basis === 'guidance') {
    return provenance.interpretation
      ? `${PROVENANCE_LABELS.guidance}. How this checklist reads it: ${provenance.interpretation}`
      : `${PROVENANCE_LABELS.guidance}.`;
  }
  return `${PROVENANCE_LABELS.beyond}: good practice from ${provenance.source.title} (${provenance.source.url}). ${provenance.why}`;
}
