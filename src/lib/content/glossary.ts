import { GlossarySchema, type Glossary } from '../model/glossary';
import glossary from './glossary.json';
import { parseContent } from './parse';

/** The shipped glossary, validated when first used and in CI (tests/unit/glossary.test.ts). */
export const defaultGlossary: Glossary = parseContent('glossary.json', GlossarySchema, glossary);
