import { parseDocumentText, type ReadResult } from '../../model/document';
import { describeError } from '../../shared/errors';

/** A file read as an assessment document, and how many characters were not valid UTF-8. */
export type FileReadResult = ReadResult & { replacedCharacters?: number };

/**
 * Reads a file's bytes as an assessment document. Exports are UTF-8; a file saved in another
 * encoding (Latin-1, say) still reads, with the characters that are not UTF-8 replaced by U+FFFD,
 * and says how many, so names are never garbled unseen.
 */
export function readDocumentBytes(bytes: ArrayBuffer): FileReadResult {
  try {
    return parseDocumentText(new TextDecoder('utf-8', { fatal: true }).decode(bytes));
  } catch {
    const text = new TextDecoder('utf-8').decode(bytes);
    const result = parseDocumentText(text);
    const replaced = text.match(/\uFFFD/g)?.length ?? 0;
    return result.ok ? { ...result, replacedCharacters: replaced } : result;
  }
}

/** Reads a file (already known not to be oversized) as an assessment document. Never throws. */
export async function readDocumentFile(file: Blob): Promise<FileReadResult> {
  let bytes: ArrayBuffer;
  try {
    bytes = await file.arrayBuffer();
  } catch (error) {
    return { ok: false, reason: `The file could not be read: ${describeError(error)}` };
  }
  return readDocumentBytes(bytes);
}
