import { checkImportSize, parseDocumentText, type ReadResult } from '../../model/document';
import { describeError } from '../../shared/errors';

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

/** A file read as an assessment document, and how many characters were not valid UTF-8. */
export type FileReadResult = ReadResult & { replacedCharacters?: number };

/**
 * Reads a user-chosen file as an assessment document, refusing oversized files unread. Exports
 * are UTF-8; a file saved in another encoding (Latin-1, say) still reads, with the characters
 * that are not UTF-8 replaced by U+FFFD, and says how many, so names are never garbled unseen.
 */
export async function readAssessmentFile(file: File): Promise<FileReadResult> {
  const sizeProblem = checkImportSize(file.size);
  if (sizeProblem) return { ok: false, reason: sizeProblem };
  let bytes: ArrayBuffer;
  try {
    bytes = await file.arrayBuffer();
  } catch (error) {
    return { ok: false, reason: `The file could not be read: ${describeError(error)}` };
  }
  try {
    return parseDocumentText(new TextDecoder('utf-8', { fatal: true }).decode(bytes));
  } catch {
    const text = new TextDecoder('utf-8').decode(bytes);
    const result = parseDocumentText(text);
    const replaced = text.match(/\uFFFD/g)?.length ?? 0;
    return result.ok ? { ...result, replacedCharacters: replaced } : result;
  }
}
