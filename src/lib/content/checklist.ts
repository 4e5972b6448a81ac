import { CatalogueSchema, type Catalogue, type Guidance } from '../model/catalogue';
import checklist from './checklist.json';
import { parseContent } from './parse';

/**
 * The shipped checklist (checklist.json: sections and controls of the Janet guidance "Open Mail
 * Relays in Janet"), validated when the app loads and in CI by tests/unit/catalogue.test.ts. A
 * mistake in the file names the file and the field. Levels follow the guidance's own wording:
 * MUST for "MUST NOT allow ... relay", SHOULD for "ensure" / "should" / the General
 * Countermeasures list, MAY for "consider". Its texts are plain: shown as text, never as HTML.
 */
export const defaultCatalogue: Catalogue = parseContent(
  'checklist.json',
  CatalogueSchema,
  checklist,
);

let guidance: Promise<Guidance> | undefined;

/**
 * The guidance for the shipped checklist (guidance/<control-id>.md), loaded on first use and
 * checked against the checklist. The files and the Markdown parser are one chunk that only this
 * dynamic import fetches, so they stay out of the first page load. The same promise serves every
 * caller; a failed load (the chunk did not arrive) is forgotten, so that asking again retries.
 */
export function loadDefaultGuidance(): Promise<Guidance> {
  guidance ??= import('./guidance')
    .then(({ shippedGuidance }) => shippedGuidance(defaultCatalogue))
    .catch((error: unknown) => {
      guidance = undefined;
      throw error;
    });
  return guidance;
}
