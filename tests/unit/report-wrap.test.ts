import { describe, expect, test } from 'vitest';
import { breakWord, isAddressLike, wrapText } from '../../src/lib/report/io/pdf/wrap';

/** A monospaced measure: one unit a character. */
const measure = (text: string) => [...text].length;

describe('line breaking in the PDF', () => {
  test('lines break at spaces and never exceed the width', () => {
    const lines = wrapText('Tîm Rhwydweithiau a Systemau Gwybodaeth', 14, measure);
    expect(lines).toEqual(['Tîm', 'Rhwydweithiau', 'a Systemau', 'Gwybodaeth']);
    for (const line of lines) expect(measure(line)).toBeLessThanOrEqual(14);
  });

  test('a word wider than a line breaks with a hyphen, or after the hyphen it has', () => {
    expect(wrapText('Rhwydweithiau', 8, measure)).toEqual(['Rhwydwe-', 'ithiau']);
    expect(breakWord('janet-services-documentation', 16, measure)).toEqual([
      'janet-services-',
      'documentation',
    ]);
  });

  test('a web address breaks only after / or ., so a copied address joins up again', () => {
    const url =
      'https://community.jisc.ac.uk/library/janet-services-documentation/open-mail-relays-janet';
    expect(isAddressLike(url)).toBe(true);
    const lines = wrapText(`See ${url} for details`, 40, measure);
    for (const line of lines) expect(measure(line)).toBeLessThanOrEqual(40);
    const pieces = lines.join('\n').split(/\s+/);
    const start = pieces.findIndex((p) => p.startsWith('https'));
    const joined = pieces.slice(start, -2).join('');
    expect(joined).toBe(url);
    for (const line of lines.slice(0, -1)) {
      if (line.includes('/')) expect(line).toMatch(/[/.]$/);
    }
  });

  test('line ends are kept and an empty paragraph stays an empty line', () => {
    expect(wrapText('one\n\ntwo three', 20, measure)).toEqual(['one', '', 'two three']);
  });
});
