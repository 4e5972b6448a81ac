import { describe, expect, test } from 'vitest';
import { defaultGlossary } from '../../src/lib/content/glossary';
import { glossaryTarget, linkTerms } from '../../src/lib/glossary/link-terms';
import { GlossarySchema } from '../../src/lib/model/glossary';
import { defaultCatalogue } from '../../src/lib/content/checklist';

const linked = (text: string) =>
  linkTerms(text, defaultGlossary)
    .filter((segment) => segment.termId)
    .map((segment) => `${segment.text}→${segment.termId}`);

describe('the glossary', () => {
  test('the shipped glossary is valid, and a word may belong to one entry only', () => {
    expect(defaultGlossary.length).toBeGreaterThan(10);
    const clash = GlossarySchema.safeParse([
      { id: 'a', term: 'relay', definition: 'x' },
      { id: 'b', term: 'other', aliases: ['Relay'], definition: 'y' },
    ]);
    expect(clash.error?.issues[0]?.message).toBe(
      '"Relay" is already a word of a: a word links to one entry',
    );
  });

  test('the first use of each term links; the longest words win; the text is unchanged', () => {
    const text =
      'Does every host refuse to relay? An open relay, or an open proxy, relays spam; check the DNS block lists over DoH.';
    expect(linked(text)).toEqual([
      'relay→relay',
      'open relay→open-relay',
      'open proxy→open-proxy',
      'DNS block lists→dnsbl',
      'DoH→doh',
    ]);
    expect(
      linkTerms(text, defaultGlossary)
        .map((s) => s.text)
        .join(''),
    ).toBe(text);
  });

  test('whole words only, acronyms as written, and a capital at the start of a sentence', () => {
    expect(linked('The mx1 host and relaysafe.example are not terms.')).toEqual([]);
    expect(linked('doh and cors in lower case are not the acronyms.')).toEqual([]);
    expect(linked('Relaying is allowed for staff.')).toEqual(['Relaying→relay']);
  });

  test('every control question of the checklist links at least one term or none, never breaks', () => {
    let linkedQuestions = 0;
    for (const section of defaultCatalogue.sections) {
      for (const control of section.controls) {
        const segments = linkTerms(control.statement, defaultGlossary);
        expect(segments.map((s) => s.text).join('')).toBe(control.statement);
        if (segments.some((s) => s.termId)) linkedQuestions += 1;
      }
    }
    expect(linkedQuestions).toBeGreaterThan(5);
  });

  test('the address names the glossary and, optionally, an entry', () => {
    expect(glossaryTarget('#glossary')).toEqual({});
    expect(glossaryTarget('#glossary-open-relay')).toEqual({ termId: 'open-relay' });
    expect(glossaryTarget('#main')).toBeUndefined();
  });
});
