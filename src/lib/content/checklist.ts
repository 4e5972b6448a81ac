import { CatalogueSchema, parseGuidance, type Catalogue, type Guidance } from '../model/catalogue';
import { catalogueData } from './checklist-data';

/** The shipped checklist, validated when the app loads (and in CI by tests/unit/catalogue.test.ts). */
export const defaultCatalogue: Catalogue = CatalogueSchema.parse(catalogueData);

let guidance: Promise<Guidance> | undefined;

/**
 * The guidance texts for the shipped checklist, loaded on first use (a separate chunk of about
 * 30 KB gzipped) and validated against the checklist. The same promise serves every caller.
 */
export function loadDefaultGuidance(): Promise<Guidance> {
  guidance ??= import('./guidance-data').then(({ guidanceData }) =>
    parseGuidance(defaultCatalogue, guidanceData),
  );
  return guidance;
}
