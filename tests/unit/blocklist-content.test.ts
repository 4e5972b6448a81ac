import { describe, test, expect } from 'vitest';
import shipped from '../../src/lib/content/blocklists.json';
import { DNSBL_LISTS, parseBlocklistsFile } from '../../src/lib/content/blocklists';
import { ContentError } from '../../src/lib/content/parse';

type Entry = Record<string, unknown>;
interface EditableFile {
  codeSets: Record<string, Entry[]>;
  lists: Entry[];
}

/** The shipped file with one mistake made in a copy of it. */
function shippedWith(mistake: (file: EditableFile) => void): unknown {
  const file = structuredClone(shipped) as unknown as EditableFile;
  mistake(file);
  return file;
}

function entry(file: EditableFile, id: string): Entry {
  const found = file.lists.find((list) => list.id === id);
  if (!found) throw new Error(`no list ${id} in blocklists.json`);
  return found;
}

const indexOf = (id: string): number => shipped.lists.findIndex((list) => list.id === id);

/** The ContentError a file's content is rejected with. */
function rejection(data: unknown): ContentError {
  try {
    parseBlocklistsFile(data);
  } catch (error) {
    if (error instanceof ContentError) return error;
    throw error;
  }
  throw new Error('the file was accepted');
}

describe('blocklists.json', () => {
  test('the shipped file loads, with code set names replaced by their codes', () => {
    const lists = parseBlocklistsFile(shipped);
    expect(lists).toEqual(DNSBL_LISTS);
    const zen = lists.find((list) => list.id === 'spamhaus-zen');
    expect(zen?.codes).toEqual(shipped.codeSets['spamhaus-zen']);
    expect(zen?.codes).toContainEqual({ value: '127.0.0.2', meaning: 'SBL (Spamhaus Block List)' });
    expect(zen?.errorCodes).toEqual(shipped.codeSets['spamhaus-errors']);
    // Notes for maintainers stay in the file.
    expect(lists.every((list) => !('//' in list))).toBe(true);
  });

  test('every code set is used by some list', () => {
    const named = new Set(
      shipped.lists.flatMap((list) =>
        [list.codes, list.errorCodes].filter((value) => typeof value === 'string'),
      ),
    );
    expect([...named].sort()).toEqual(Object.keys(shipped.codeSets).sort());
  });

  test('where a note is repeated, every copy says the same', () => {
    // JSON has no shared strings: the Spamhaus notes are written out once per list.
    for (const family of ['spamhaus.org', 'dq.spamhaus.net']) {
      const notes = new Set(
        DNSBL_LISTS.filter((list) => list.family === family).map((list) => list.accessNote),
      );
      expect(notes.size, family).toBe(1);
    }
    const dblErrors = shipped.codeSets['spamhaus-dbl-errors'];
    for (const code of shipped.codeSets['spamhaus-errors']) expect(dblErrors).toContainEqual(code);
  });

  test('a return code outside 127.0.0.0/8 is named by its place in the file', () => {
    const zen = indexOf('spamhaus-zen');
    const inList = rejection(
      shippedWith((file) => {
        entry(file, 'spamhaus-zen').codes = [{ value: '10.0.0.2', meaning: 'outside loopback' }];
      }),
    );
    expect(inList.file).toBe('blocklists.json');
    expect(inList.field).toBe(`lists[${zen}].codes[0].value`);
    expect(inList.message).toBe(
      `blocklists.json: lists[${zen}].codes[0].value: return codes are IPv4 addresses inside 127.0.0.0/8`,
    );

    const inCodeSet = rejection(
      shippedWith((file) => {
        file.codeSets['spamhaus-zen']![1]!.value = '128.0.0.3';
      }),
    );
    expect(inCodeSet.field).toBe('codeSets.spamhaus-zen[1].value');
    expect(inCodeSet.problem).toBe('return codes are IPv4 addresses inside 127.0.0.0/8');
  });

  test('a code set name that does not exist is an error, not an empty list of codes', () => {
    const dbl = indexOf('spamhaus-dbl');
    const misspelt = rejection(
      shippedWith((file) => {
        entry(file, 'spamhaus-dbl').errorCodes = 'spamhaus-dbl-error';
      }),
    );
    expect(misspelt.file).toBe('blocklists.json');
    expect(misspelt.field).toBe(`lists[${dbl}].errorCodes`);
    expect(misspelt.problem).toBe(
      'there is no code set named "spamhaus-dbl-error" (the code sets are: spamhaus-zen, spamhaus-errors, spamhaus-dbl, spamhaus-dbl-errors)',
    );
    // Names every JavaScript object has are not code sets either.
    const inherited = rejection(
      shippedWith((file) => {
        entry(file, 'spamhaus-dbl').codes = 'constructor';
      }),
    );
    expect(inherited.field).toBe(`lists[${dbl}].codes`);
  });

  test('a dead list without deadSince is an error at its deadSince', () => {
    const psbl = indexOf('psbl');
    const error = rejection(
      shippedWith((file) => {
        entry(file, 'psbl').status = 'dead';
      }),
    );
    expect(error.file).toBe('blocklists.json');
    expect(error.field).toBe(`lists[${psbl}].deadSince`);
    expect(error.problem).toBe('psbl: a dead list needs deadSince');
  });

  test('a duplicate id is an error at the second list with it', () => {
    const spamrats = indexOf('spamrats');
    expect(spamrats).toBeGreaterThan(indexOf('psbl'));
    const error = rejection(
      shippedWith((file) => {
        entry(file, 'spamrats').id = 'psbl';
      }),
    );
    expect(error.message).toBe(`blocklists.json: lists[${spamrats}].id: duplicate list id psbl`);
  });

  test('a {key} zone without a keyService is an error naming the list', () => {
    const dqs = indexOf('spamhaus-dqs-zen');
    const error = rejection(
      shippedWith((file) => {
        delete entry(file, 'spamhaus-dqs-zen').keyService;
      }),
    );
    expect(error.file).toBe('blocklists.json');
    expect(error.field).toBe(`lists[${dqs}]`);
    expect(error.problem).toBe(
      'spamhaus-dqs-zen: a {key} zone, a keyService and access key-required/subscription go together',
    );
  });

  test('a misspelt field is an error, not silently dropped', () => {
    const zen = indexOf('spamhaus-zen');
    const error = rejection(
      shippedWith((file) => {
        const zenEntry = entry(file, 'spamhaus-zen');
        zenEntry.lookupURL = zenEntry.lookupUrl;
        delete zenEntry.lookupUrl;
      }),
    );
    expect(error.field).toBe(`lists[${zen}].lookupURL`);
    expect(error.problem).toContain('not a field a list can have');
  });
});
