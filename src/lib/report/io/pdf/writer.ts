import type { jsPDF } from 'jspdf';
import { autoTable, type UserOptions } from 'jspdf-autotable';
import type { Verdict } from '../../../checklist/results';
import { REPORT_FONT } from './fonts';

/**
 * The report's type, colours and page geometry, and a cursor that writes wrapped text, headings,
 * fields and tables down the pages, starting a new page when one is full.
 */

export type Rgb = [number, number, number];

export const MARGIN = { top: 22, bottom: 20, side: 18 };
const PT_TO_MM = 25.4 / 72;
const LINE_HEIGHT = 1.3;
export const INK: Rgb = [25, 25, 25];
export const MUTED: Rgb = [95, 95, 95];
export const RULE: Rgb = [190, 190, 190];
export const ACCENT: Rgb = [22, 72, 138];
export const VERDICT_COLOURS: Record<Verdict, Rgb> = {
  meets: [0, 105, 60],
  'does-not-meet': [168, 28, 28],
  'cannot-be-confirmed': [120, 72, 0],
  incomplete: [140, 84, 0],
};

/** What the PDF prints for a character its font has no glyph for (an emoji, say). */
export const MISSING_GLYPH = '□';

/**
 * User text as drawn: line ends normalised, tabs as spaces, other control characters removed, and
 * the bidirectional controls too (a PDF page is drawn left to right in the order typed, so they
 * would change nothing but show as gaps).
 */
function controlsRemoved(text: string): string {
  return (
    text
      .replace(/\r\n?/g, '\n')
      .replace(/\t/g, '    ')
      // eslint-disable-next-line no-control-regex
      .replace(/[\u0000-\u0009\u000B-\u001F\u007F-\u009F]/g, '')
      .replace(/[\u200E\u200F\u202A-\u202E\u2066-\u2069]/g, '')
  );
}

/** The report font's character map (code unit to glyph), where jsPDF exposes it. */
function glyphMap(doc: jsPDF): Readonly<Record<number, number>> | undefined {
  // jsPDF's own (untyped) lookup of the current font, with the TrueType tables it parsed.
  const internal = doc.internal as unknown as {
    getFont?: () => { metadata?: { cmap?: { unicode?: { codeMap?: Record<number, number> } } } };
  };
  return internal.getFont?.().metadata?.cmap?.unicode?.codeMap;
}

interface TextStyle {
  size?: number;
  bold?: boolean;
  colour?: Rgb;
  indent?: number;
  /** Space after the block, in mm. */
  after?: number;
}

const headingSize = (level: 1 | 2 | 3) => (level === 1 ? 17 : level === 2 ? 13 : 11);

/** A cursor over the pages: writes wrapped text and starts a new page when one is full. */
export class Writer {
  y = MARGIN.top;
  readonly width: number;
  readonly height: number;

  /** How many characters were printed as MISSING_GLYPH because the font cannot draw them. */
  missingGlyphs = 0;
  #glyphs: Readonly<Record<number, number>> | undefined;

  constructor(readonly doc: jsPDF) {
    this.width = doc.internal.pageSize.getWidth();
    this.height = doc.internal.pageSize.getHeight();
  }

  /**
   * Text as the report's font can draw it: a character it has no glyph for would silently vanish
   * (jsPDF drops it), so it is printed as MISSING_GLYPH instead and counted, and the report says so.
   */
  printable(text: string, options: { count?: boolean } = {}): string {
    this.#glyphs ??= glyphMap(this.doc);
    const glyphs = this.#glyphs;
    let out = '';
    for (const character of controlsRemoved(text)) {
      const code = character.codePointAt(0) ?? 0;
      const drawable =
        character === '\n' || character === ' ' || (code <= 0xffff && (!glyphs || glyphs[code]));
      if (drawable) out += character;
      else {
        out += MISSING_GLYPH;
        if (options.count !== false) this.missingGlyphs += 1;
      }
    }
    return out;
  }

  get contentWidth(): number {
    return this.width - 2 * MARGIN.side;
  }

  get bottom(): number {
    return this.height - MARGIN.bottom;
  }

  newPage(): void {
    this.doc.addPage();
    this.y = MARGIN.top;
  }

  /** Starts a new page unless `height` mm still fit on this one. */
  ensure(height: number): void {
    if (this.y + height > this.bottom) this.newPage();
  }

  /**
   * Where a major section (a level-1 heading) starts. On a new page, as a printed report expects,
   * except in two cases where that page break would leave a page nearly empty: the section before
   * spilled only a few lines onto this page (less than 40% of it is used), or the whole section
   * (`height` mm, for a short one such as the sign-off) fits in what is left.
   */
  startSection(height?: number): void {
    if (this.y <= MARGIN.top) return;
    const gap = 8;
    const used = (this.y - MARGIN.top) / (this.bottom - MARGIN.top);
    const fits = height !== undefined && this.y + gap + height <= this.bottom;
    if (used < 0.4 || fits) this.gap(gap);
    else this.newPage();
  }

  /** The height in mm that text() would take for `text`, without drawing it. */
  measure(text: string, style: TextStyle = {}): number {
    const size = style.size ?? 10;
    this.setStyle(style);
    const lines: string[] = this.doc.splitTextToSize(
      this.printable(text, { count: false }),
      this.contentWidth - (style.indent ?? 0),
    );
    return lines.length * this.lineHeight(size) + (style.after ?? 1.5);
  }

  gap(mm: number): void {
    this.y += mm;
  }

  lineHeight(size: number): number {
    return size * PT_TO_MM * LINE_HEIGHT;
  }

  setStyle({ size = 10, bold = false, colour = INK }: TextStyle): void {
    this.doc.setFont(REPORT_FONT, bold ? 'bold' : 'normal');
    this.doc.setFontSize(size);
    this.doc.setTextColor(...colour);
  }

  /** Wrapped text; a block that does not fit continues on the next page. */
  text(text: string, style: TextStyle = {}): void {
    const size = style.size ?? 10;
    const indent = style.indent ?? 0;
    this.setStyle(style);
    const lines: string[] = this.doc.splitTextToSize(
      this.printable(text),
      this.contentWidth - indent,
    );
    const step = this.lineHeight(size);
    for (const line of lines) {
      this.ensure(step);
      this.doc.text(line, MARGIN.side + indent, this.y, { baseline: 'top' });
      this.y += step;
    }
    this.y += style.after ?? 1.5;
  }

  heading(text: string, level: 1 | 2 | 3): void {
    const size = headingSize(level);
    // Keep a heading with at least a few lines of what follows it.
    this.ensure(this.lineHeight(size) + 18);
    if (level === 1) this.gap(1);
    this.text(text, { size, bold: true, colour: level === 3 ? INK : ACCENT, after: 2.5 });
  }

  /** The height heading() takes for a one-line heading. */
  headingHeight(level: 1 | 2 | 3): number {
    return this.lineHeight(headingSize(level)) + 2.5 + (level === 1 ? 1 : 0);
  }

  /** "Label: value" with the label in bold; the value wraps under itself. */
  field(label: string, value: string, options: { labelWidth?: number; indent?: number } = {}) {
    const labelWidth = options.labelWidth ?? 42;
    const indent = options.indent ?? 0;
    const size = 10;
    this.setStyle({ size });
    const lines: string[] = this.doc.splitTextToSize(
      this.printable(value),
      this.contentWidth - indent - labelWidth,
    );
    const step = this.lineHeight(size);
    this.ensure(step);
    this.setStyle({ size, bold: true, colour: MUTED });
    this.doc.text(label, MARGIN.side + indent, this.y, { baseline: 'top' });
    this.setStyle({ size });
    for (const line of lines) {
      this.ensure(step);
      this.doc.text(line, MARGIN.side + indent + labelWidth, this.y, { baseline: 'top' });
      this.y += step;
    }
    this.y += 0.8;
  }

  /**
   * The height of a small table of one-line rows (8.5 pt text, 1.5 mm padding), to keep it whole
   * with its heading instead of leaving a few rows at the foot of a page.
   */
  smallTableHeight(rows: number): number {
    return (rows + 1) * (8.5 * PT_TO_MM * 1.15 + 3) + 5;
  }

  rule(): void {
    this.doc.setDrawColor(...RULE);
    this.doc.setLineWidth(0.2);
    this.doc.line(MARGIN.side, this.y, this.width - MARGIN.side, this.y);
    this.y += 3;
  }

  table(options: Omit<UserOptions, 'startY' | 'margin'>): void {
    autoTable(this.doc, {
      theme: 'grid',
      ...options,
      // Cells are drawn by autoTable, so their text is made printable here too.
      didParseCell: (data) => {
        data.cell.text = data.cell.text.map((line) => this.printable(line));
      },
      startY: this.y,
      margin: { top: MARGIN.top, bottom: MARGIN.bottom, left: MARGIN.side, right: MARGIN.side },
      styles: {
        font: REPORT_FONT,
        fontSize: 8.5,
        textColor: INK,
        lineColor: RULE,
        lineWidth: 0.2,
        cellPadding: 1.5,
        overflow: 'linebreak',
        ...options.styles,
      },
      headStyles: { fontStyle: 'bold', fillColor: [232, 237, 245], textColor: INK },
    });
    const last = (this.doc as unknown as { lastAutoTable?: { finalY: number } }).lastAutoTable;
    this.y = (last?.finalY ?? this.y) + 5;
  }
}
