/** A4 is the default; US Letter for organisations that print on it. */
export type PaperSize = 'a4' | 'letter';

export const PAPER_LABELS: Record<PaperSize, string> = {
  a4: 'A4',
  letter: 'US Letter',
};
