import { runDocumentTask, type DocumentTask } from './document-tasks';
import { describeError } from '../../shared/errors';

/**
 * The worker that reads and digests chosen files off the page's thread (see document-worker.ts):
 * one task per worker, answered with its outcome, or with the error it met.
 */

/** What the worker receives and sends. */
export type WorkerReply = { ok: true; outcome: unknown } | { ok: false; error: string };

// The project's TypeScript knows the window's globals, not a worker's: this is the part used.
const scope = self as unknown as {
  onmessage: ((event: MessageEvent<DocumentTask>) => void) | null;
  postMessage(reply: WorkerReply): void;
};

scope.onmessage = (event) => {
  runDocumentTask(event.data).then(
    (outcome) => scope.postMessage({ ok: true, outcome }),
    (error: unknown) => scope.postMessage({ ok: false, error: describeError(error) }),
  );
};
