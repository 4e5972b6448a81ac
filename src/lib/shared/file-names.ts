/** A file-name-safe version of free text (organisation names can hold any script). */
export function fileNamePart(text: string, fallback: string): string {
  const cleaned = text
    .normalize('NFKC')
    .replace(/[\\/:*?"<>|\p{Cc}]+/gu, ' ')
    .trim()
    .replace(/\s+/g, '-')
    .slice(0, 60);
  return cleaned || fallback;
}

/** "Organisation-2026-11-28-mail-security-assessment.json" and the like. */
export function exportFileName(organisation: string, date: string, extension: string): string {
  return `${fileNamePart(organisation, 'organisation')}-${date || 'undated'}-mail-security-assessment.${extension}`;
}
