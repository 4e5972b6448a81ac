import { describeError } from '../../shared/errors';
import { runScanTask, type ScanImport, type ScanTask } from './scan-task';
import type { ScanWorkerReply } from './scan.worker';

/**
 * Reading a scan file away from the page: a 4,096-host scan read and validated on the page's
 * thread held it for about a second (npm run bench:scans), during which nothing on the screen
 * could answer. Each file gets a worker of its own, ended once it has answered, so the memory a
 * large file needed is given back at once.
 */

/** Workers exist in every browser the app supports; not in jsdom, where the tests run. */
function workersAvailable(): boolean {
  return typeof Worker !== 'undefined';
}

function inWorker(task: ScanTask): Promise<ScanImport> {
  return new Promise((resolve, reject) => {
    // Written out in this form so that Vite finds the worker and builds it as a file of its own.
    const worker = new Worker(new URL('./scan.worker.ts', import.meta.url), { type: 'module' });
    const done = () => worker.terminate();
    worker.onmessage = (event: MessageEvent<ScanWorkerReply>) => {
      done();
      const reply = event.data;
      if (reply.ok) resolve(reply.outcome as ScanImport);
      else reject(new Error(reply.error));
    };
    worker.onmessageerror = () => {
      done();
      reject(new Error('the answer from the scan reader could not be received'));
    };
    worker.onerror = (event) => {
      event.preventDefault();
      done();
      reject(new Error(event.message || 'the scan reader could not be started'));
    };
    worker.postMessage(task);
  });
}

/** Reads one scan file, in a worker where there is one. Never throws. */
export async function readScanOffThread(task: ScanTask): Promise<ScanImport> {
  try {
    return await (workersAvailable() ? inWorker(task) : runScanTask(task));
  } catch (error) {
    return { ok: false, reason: `The file could not be read: ${describeError(error)}` };
  }
}
