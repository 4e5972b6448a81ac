import { checkImportSize } from '../../model/document';
import { describeError } from '../../shared/errors';
import type { FileReadResult } from './document-bytes';

export type { FileReadResult } from './document-bytes';

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

/**
 * Reads a user-chosen file as an assessment document, refusing oversized files unread. The
 * reading itself (see document-bytes.ts for encodings) happens in a worker, loaded on first use:
 * a large file would otherwise hold the page still while it is parsed and validated.
 */
export async function readAssessmentFile(file: File): Promise<FileReadResult> {
  const sizeProblem = checkImportSize(file.size);
  if (sizeProblem) return { ok: false, reason: sizeProblem };
  let reader: typeof import('./document-worker');
  try {
    reader = await import('./document-worker');
  } catch (error) {
    return { ok: false, reason: `The file could not be read: ${describeError(error)}` };
  }
  return reader.readFileOffThread(file);
}
