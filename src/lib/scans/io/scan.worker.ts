import { describeError } from '../../shared/errors';
import { runScanTask, type ScanTask } from './scan-task';

/**
 * The worker that reads an nmap XML file off the page's thread (see scan-worker.ts): one file per
 * worker, answered with the import's outcome, or with the error it met.
 */

export type ScanWorkerReply = { ok: true; outcome: unknown } | { ok: false; error: string };

// The project's TypeScript knows the window's globals, not a worker's: this is the part used.
const scope = self as unknown as {
  onmessage: ((event: MessageEvent<ScanTask>) => void) | null;
  postMessage(reply: ScanWorkerReply): void;
};

scope.onmessage = (event) => {
  runScanTask(event.data).then(
    (outcome) => scope.postMessage({ ok: true, outcome }),
    (error: unknown) => scope.postMessage({ ok: false, error: describeError(error) }),
  );
};
