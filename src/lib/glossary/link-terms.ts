import type { Glossary } from '../model/glossary';

/** A piece of text, linked to a glossary entry when `termId` is set. */
export interface TermSegment {
  text: string;
  termId?: string;
}

function escape(word: string): string {
  return word.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

/**
 * The words of every entry as one pattern, longest first (so "open relay" wins over "relay").
 * Acronyms and names match as written ("MX", "DoH"); lower-case words also match capitalised at
 * the start of a sentence. Whole words only: "relays" is not found inside "relaysafe".
 */
function pattern(glossary: Glossary): { regex: RegExp; owner: Map<string, string> } {
  const owner = new Map<string, string>();
  for (const entry of glossary) {
    for (const word of [entry.term, ...entry.aliases]) {
      owner.set(word, entry.id);
      if (word === word.toLowerCase()) owner.set(word[0]!.toUpperCase() + word.slice(1), entry.id);
    }
  }
  const words = [...owner.keys()].sort((a, b) => b.length - a.length).map(escape);
  return { regex: new RegExp(`(?<![\\w-])(?:${words.join('|')})(?![\\w-])`, 'g'), owner };
}

const patterns = new WeakMap<Glossary, ReturnType<typeof pattern>>();

/**
 * Splits text so that the first use of each glossary term links to its entry; later uses, and
 * entries already linked nearby (`skip`), stay plain text. The words are never changed.
 */
export function linkTerms(
  text: string,
  glossary: Glossary,
  skip: ReadonlySet<string> = new Set(),
): TermSegment[] {
  let compiled = patterns.get(glossary);
  if (!compiled) patterns.set(glossary, (compiled = pattern(glossary)));
  const { regex, owner } = compiled;
  const linked = new Set(skip);
  const segments: TermSegment[] = [];
  let at = 0;
  for (const match of text.matchAll(regex)) {
    const termId = owner.get(match[0]);
    if (termId === undefined || linked.has(termId)) continue;
    linked.add(termId);
    if (match.index > at) segments.push({ text: text.slice(at, match.index) });
    segments.push({ text: match[0], termId });
    at = match.index + match[0].length;
  }
  if (at < text.length) segments.push({ text: text.slice(at) });
  return segments;
}

/** Where an entry is shown: the glossary view reads this from the address. */
export const GLOSSARY_HASH = '#glossary';

export function glossaryHref(termId?: string): string {
  return termId ? `${GLOSSARY_HASH}-${termId}` : GLOSSARY_HASH;
}

/** The entry an address points at: undefined when it is not the glossary's. */
export function glossaryTarget(hash: string): { termId?: string } | undefined {
  if (hash === GLOSSARY_HASH) return {};
  if (hash.startsWith(`${GLOSSARY_HASH}-`)) return { termId: hash.slice(GLOSSARY_HASH.length + 1) };
  return undefined;
}
