import { checkImportSize, parseDocumentText, type ReadResult } from '../../model/document';

/** Offers `content` to the user as a download. Nothing is uploaded anywhere. */
export function downloadFile(fileName: string, content: BlobPart, type: string): void {
  const url = URL.createObjectURL(new Blob([content], { type }));
  const link = document.createElement('a');
  link.href = url;
  link.download = fileName;
  link.rel = 'noopener';
  document.body.append(link);
  link.click();
  link.remove();
  // Revoke later: some browsers start the download asynchronously after click().
  setTimeout(() => URL.revokeObjectURL(url), 60_000);
}

/** Reads a user-chosen file as an assessment document, refusing oversized files unread. */
export async function readAssessmentFile(file: File): Promise<ReadResult> {
  const sizeProblem = checkImportSize(file.size);
  if (sizeProblem) return { ok: false, reason: sizeProblem };
  let text: string;
  try {
    text = await file.text();
  } catch (error) {
    return { ok: false, reason: `The file could not be read: ${String(error)}` };
  }
  return parseDocumentText(text);
}
