/**
 * Line breaking for the PDF, in place of jsPDF's own (which cuts a word that does not fit a line
 * wherever the line ends, without a hyphen: "Rhwydwei / thiau", "ht / tps://"). Pure: it is given
 * a way to measure text and knows nothing of jsPDF.
 *
 * - Lines break at spaces.
 * - A word longer than a whole line breaks after a hyphen it already has; a web address (or a
 *   path) only after "/" or "." so that a copied address joins up again; any other word breaks
 *   with a hyphen added at the end of the line.
 * - A web address with a single part longer than a line (rare: a 60-character host name) is cut
 *   where the line ends, because nothing else fits; it is the one case without a hyphen.
 */

export type Measure = (text: string) => number;

const MIN_CARRIED = 3;

/** "https://…", "www.…" or anything with a "/" in it: where a hyphen would change the meaning. */
export function isAddressLike(word: string): boolean {
  return /^[a-z][a-z0-9+.-]*:\/\//i.test(word) || /^www\./i.test(word) || word.includes('/');
}

/** The longest prefix of `word` (at least one character) for which `fits` holds. */
function longestPrefix(word: string, fits: (prefix: string) => boolean): number {
  const characters = [...word];
  let length = 1;
  while (length < characters.length && fits(characters.slice(0, length + 1).join(''))) length += 1;
  return characters.slice(0, length).join('').length;
}

/** A word too wide for a line, in pieces that each fit one. */
export function breakWord(word: string, width: number, measure: Measure): string[] {
  const pieces: string[] = [];
  let rest = word;
  const address = isAddressLike(word);
  while (rest !== '' && measure(rest) > width) {
    // The furthest allowed break point that still fits.
    let cut = 0;
    for (let i = 1; i < rest.length; i += 1) {
      const before = rest[i - 1]!;
      const allowed = address ? before === '/' || before === '.' : before === '-';
      if (!allowed) continue;
      if (measure(rest.slice(0, i)) <= width) cut = i;
      else break;
    }
    if (cut > 0) {
      pieces.push(rest.slice(0, cut));
      rest = rest.slice(cut);
    } else if (address) {
      cut = longestPrefix(rest, (p) => measure(p) <= width);
      pieces.push(rest.slice(0, cut));
      rest = rest.slice(cut);
    } else {
      cut = longestPrefix(rest, (p) => measure(`${p}-`) <= width);
      // At least three letters go to the next line ("Rhwydweith-iau", not "Rhwydweithia-u").
      const left = [...rest.slice(cut)].length;
      if (left < MIN_CARRIED && [...rest].length > 2 * MIN_CARRIED) {
        cut = [...rest].slice(0, [...rest].length - MIN_CARRIED).join('').length;
      }
      pieces.push(`${rest.slice(0, cut)}-`);
      rest = rest.slice(cut);
    }
  }
  if (rest !== '') pieces.push(rest);
  return pieces;
}

/**
 * One paragraph (no line ends) in lines no wider than `width`. Widths add up word by word (the
 * report's fonts are drawn without kerning), so a paragraph is measured once, not line by line.
 */
function wrapParagraph(paragraph: string, width: number, measure: Measure): string[] {
  const lines: string[] = [];
  const space = measure(' ');
  let line = '';
  let lineWidth = 0;
  for (const word of paragraph.split(' ')) {
    const wordWidth = measure(word);
    const candidateWidth = line === '' ? wordWidth : lineWidth + space + wordWidth;
    if (candidateWidth <= width) {
      line = line === '' ? word : `${line} ${word}`;
      lineWidth = candidateWidth;
      continue;
    }
    if (line !== '') lines.push(line.trimEnd());
    if (wordWidth <= width) {
      line = word;
      lineWidth = wordWidth;
      continue;
    }
    const pieces = breakWord(word, width, measure);
    lines.push(...pieces.slice(0, -1));
    line = pieces.at(-1) ?? '';
    lineWidth = measure(line);
  }
  lines.push(line.trimEnd());
  return lines;
}

/** Text (line ends kept) in lines no wider than `width`. */
export function wrapText(text: string, width: number, measure: Measure): string[] {
  return text.split('\n').flatMap((paragraph) => wrapParagraph(paragraph, width, measure));
}
