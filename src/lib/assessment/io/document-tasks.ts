import { assessmentDigest } from './digest';
import { readDocumentFile, type FileReadResult } from './document-bytes';

/**
 * The heavy work on a chosen file: reading it as a document (JSON parsing, migration and schema
 * validation of megabytes) and recomputing its digest (canonical JSON and SHA-256). The app does
 * it in a worker (see document-worker.ts), so a large file never freezes the page; where there
 * are no workers (jsdom in the unit tests) the same functions run in the page.
 */

export type DocumentTask =
  /** Read a file to import it. */
  | { task: 'read'; file: Blob }
  /** Read a file as an import would, and recompute the digest of its content, to verify it. */
  | { task: 'digest'; file: Blob };

export interface ReadOutcome {
  result: FileReadResult;
  /**
   * The digest of the assessment read, when the file carries one to compare it with: the importer
   * checks it next, and it is worked out here rather than in the page.
   */
  digest?: string;
}

export type DigestOutcome =
  /** As a failed read says it: plain words, and what the parser or the schema said. */
  | { ok: false; reason: string; detail?: string }
  | {
      ok: true;
      organisation: string;
      /** The digest written into the file, if any. */
      embedded: string | undefined;
      /** The digest of the file's content, recomputed now. */
      computed: string;
    };

export type TaskOutcome<T extends DocumentTask> = T extends { task: 'read' }
  ? ReadOutcome
  : DigestOutcome;

export async function readForImport(file: Blob): Promise<ReadOutcome> {
  const result = await readDocumentFile(file);
  if (!result.ok || !result.document.integrity) return { result };
  return { result, digest: await assessmentDigest(result.document.assessment) };
}

export async function digestOfFile(file: Blob): Promise<DigestOutcome> {
  const result = await readDocumentFile(file);
  if (!result.ok) return { ok: false, reason: result.reason, detail: result.detail };
  const { assessment, integrity } = result.document;
  return {
    ok: true,
    organisation: assessment.profile.organisation,
    embedded: integrity?.digest,
    computed: await assessmentDigest(assessment),
  };
}

export async function runDocumentTask<T extends DocumentTask>(request: T): Promise<TaskOutcome<T>> {
  const outcome =
    request.task === 'read' ? readForImport(request.file) : digestOfFile(request.file);
  return (await outcome) as TaskOutcome<T>;
}
