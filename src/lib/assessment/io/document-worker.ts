import { describeError } from '../../shared/errors';
import { rememberDigest } from './digest';
import type { FileReadResult } from './document-bytes';
import {
  runDocumentTask,
  type DigestOutcome,
  type DocumentTask,
  type TaskOutcome,
} from './document-tasks';
import type { WorkerReply } from './documents.worker';

/**
 * Reading and digesting a chosen file away from the page: a 40 MB export took the page's only
 * thread for seconds (parsing, validation, canonical JSON, SHA-256), during which nothing on the
 * screen could answer. Each task gets a worker of its own, ended once it has answered, so the
 * memory a large file needed is given back at once. Loaded on first use, with the worker's own
 * code (its copy of the document model) fetched only when a worker starts.
 */

/** Workers exist in every browser the app supports; not in jsdom, where the tests run. */
function workersAvailable(): boolean {
  return typeof Worker !== 'undefined';
}

function inWorker<T extends DocumentTask>(request: T): Promise<TaskOutcome<T>> {
  return new Promise((resolve, reject) => {
    // Written out in this form so that Vite finds the worker and builds it as a file of its own.
    const worker = new Worker(new URL('./documents.worker.ts', import.meta.url), {
      type: 'module',
    });
    const done = () => worker.terminate();
    worker.onmessage = (event: MessageEvent<WorkerReply>) => {
      done();
      const reply = event.data;
      if (reply.ok) resolve(reply.outcome as TaskOutcome<T>);
      else reject(new Error(reply.error));
    };
    worker.onmessageerror = () => {
      done();
      reject(new Error('the answer from the file reader could not be received'));
    };
    worker.onerror = (event) => {
      event.preventDefault();
      done();
      reject(new Error(event.message || 'the file reader could not be started'));
    };
    worker.postMessage(request);
  });
}

function perform<T extends DocumentTask>(request: T): Promise<TaskOutcome<T>> {
  return workersAvailable() ? inWorker(request) : runDocumentTask(request);
}

/**
 * Reads a file (already known not to be oversized) to import it. Never throws: a worker that
 * fails is reported like a file that cannot be read.
 */
export async function readFileOffThread(file: Blob): Promise<FileReadResult> {
  try {
    const { result, digest } = await perform({ task: 'read', file });
    // The importer compares the file with its digest next: it finds this one ready.
    if (result.ok && digest !== undefined) rememberDigest(result.document.assessment, digest);
    return result;
  } catch (error) {
    return { ok: false, reason: `The file could not be read: ${describeError(error)}` };
  }
}

/** Reads a file as an import would and recomputes the digest of its content. */
export function digestFileOffThread(file: Blob): Promise<DigestOutcome> {
  return perform({ task: 'digest', file });
}
