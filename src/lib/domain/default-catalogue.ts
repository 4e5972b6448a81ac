import { CatalogueSchema, type Catalogue } from './catalogue';
import { catalogueData } from './catalogue-data';

/** The shipped checklist, validated when the app loads (and in CI by tests/unit/catalogue.test.ts). */
export const defaultCatalogue: Catalogue = CatalogueSchema.parse(catalogueData);
