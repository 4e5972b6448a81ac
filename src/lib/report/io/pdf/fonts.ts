import type { jsPDF } from 'jspdf';
// DejaVu Sans covers Latin with every Welsh, Irish and Scottish Gaelic accent, Greek and
// Cyrillic; jsPDF's built-in fonts cover only Latin-1. Vite emits the files as assets that only
// this (lazily loaded) module refers to, so they are fetched when a report is made, never with
// the first page. Licence: Bitstream Vera / DejaVu (free to embed and redistribute).
import regularUrl from 'dejavu-fonts-ttf/ttf/DejaVuSans.ttf?url';
import boldUrl from 'dejavu-fonts-ttf/ttf/DejaVuSans-Bold.ttf?url';

export const REPORT_FONT = 'DejaVuSans';

/** jsPDF's virtual file system takes a font as a "binary string": one char per byte. */
function binaryString(buffer: ArrayBuffer): string {
  const bytes = new Uint8Array(buffer);
  const chunks: string[] = [];
  const size = 0x8000;
  for (let i = 0; i < bytes.length; i += size) {
    chunks.push(String.fromCharCode(...bytes.subarray(i, i + size)));
  }
  return chunks.join('');
}

async function fetchFont(url: string): Promise<string> {
  const response = await fetch(url);
  if (!response.ok) {
    throw new Error(`the report font could not be loaded (HTTP ${response.status} for ${url})`);
  }
  return binaryString(await response.arrayBuffer());
}

let fonts: Promise<{ regular: string; bold: string }> | undefined;

/** Fetched once per page load; a failed fetch is forgotten so the next export tries again. */
function loadFonts() {
  fonts ??= Promise.all([fetchFont(regularUrl), fetchFont(boldUrl)]).then(
    ([regular, bold]) => ({ regular, bold }),
    (error: unknown) => {
      fonts = undefined;
      throw error;
    },
  );
  return fonts;
}

/** Registers DejaVu Sans (normal and bold) with the document; jsPDF embeds only the glyphs used. */
export async function addReportFonts(doc: jsPDF): Promise<void> {
  const { regular, bold } = await loadFonts();
  doc.addFileToVFS('DejaVuSans.ttf', regular);
  doc.addFont('DejaVuSans.ttf', REPORT_FONT, 'normal');
  doc.addFileToVFS('DejaVuSans-Bold.ttf', bold);
  doc.addFont('DejaVuSans-Bold.ttf', REPORT_FONT, 'bold');
  doc.setFont(REPORT_FONT, 'normal');
}

/**
 * jsPDF names an embedded font after the family it was registered under, so both would be
 * "DejaVuSans" in the file; the bold one is DejaVu Sans Bold, whose PostScript name is
 * "DejaVuSans-Bold". Renamed once everything is drawn (jsPDF looks fonts up by family and style,
 * not by this name), just before the file is written.
 */
export function nameBoldFont(doc: jsPDF): void {
  const fonts = doc.getFontList();
  if (!fonts[REPORT_FONT]?.includes('bold')) return;
  const internal = doc.internal as unknown as {
    getFont: (name: string, style: string) => { fontName: string } | undefined;
  };
  const bold = internal.getFont(REPORT_FONT, 'bold');
  if (bold) bold.fontName = `${REPORT_FONT}-Bold`;
}
