import { afterEach, describe, expect, test, vi } from 'vitest';
import { readAssessmentFile } from '../../src/lib/assessment/io/files';
import { assessmentDigest } from '../../src/lib/assessment/io/digest';
import { runDocumentTask, type DocumentTask } from '../../src/lib/assessment/io/document-tasks';
import { jsonExport, verifyExportFile } from '../../src/lib/report/io/exports';
import { reportAssessment } from '../fixtures/report-assessment';

/*
 * In the app, files are read and digested in a worker. Node has no Worker, so these tests stand
 * one in that runs the worker's own task code and answers through a structured clone, as a real
 * worker's message would.
 */

interface Started {
  url: URL;
  options: WorkerOptions | undefined;
  requests: DocumentTask[];
  terminated: boolean;
}

const started: Started[] = [];

class StandInWorker {
  onmessage: ((event: { data: unknown }) => void) | null = null;
  onmessageerror: (() => void) | null = null;
  onerror: ((event: { message: string; preventDefault(): void }) => void) | null = null;
  readonly #record: Started;
  /** Changes the reply before it is sent, as a test needs. */
  static alter: (reply: { ok: boolean; outcome?: unknown }) => unknown = (reply) => reply;
  static failToStart = false;

  constructor(url: URL, options?: WorkerOptions) {
    this.#record = { url, options, requests: [], terminated: false };
    started.push(this.#record);
  }

  postMessage(request: DocumentTask): void {
    this.#record.requests.push(request);
    if (StandInWorker.failToStart) {
      queueMicrotask(() =>
        this.onerror?.({ message: 'refused by the Content-Security-Policy', preventDefault() {} }),
      );
      return;
    }
    void runDocumentTask(request).then((outcome) => {
      this.onmessage?.({ data: structuredClone(StandInWorker.alter({ ok: true, outcome })) });
    });
  }

  terminate(): void {
    this.#record.terminated = true;
  }
}

afterEach(() => {
  vi.unstubAllGlobals();
  started.length = 0;
  StandInWorker.alter = (reply) => reply;
  StandInWorker.failToStart = false;
});

const now = new Date('2026-11-30T12:00:00Z');

async function exportFile(name = 'export.json') {
  const exported = await jsonExport(reportAssessment({ organisation: 'Coleg Gŵyr' }), now);
  return { file: new File([exported.content], name), text: String(exported.content) };
}

describe('reading and digesting files in a worker', () => {
  test('an import is read by a module worker, which is ended once it has answered', async () => {
    vi.stubGlobal('Worker', StandInWorker);
    const { file } = await exportFile();
    const read = await readAssessmentFile(file);
    expect(read.ok && read.document.assessment.profile.organisation).toBe('Coleg Gŵyr');
    expect(started).toHaveLength(1);
    expect(started[0]?.url.pathname).toMatch(/\/documents\.worker\.ts$/);
    expect(started[0]?.options).toEqual({ type: 'module' });
    expect(started[0]?.requests.map((r) => r.task)).toEqual(['read']);
    expect(started[0]?.terminated).toBe(true);
  });

  test('the digest the worker worked out is the one the import then checks, and only once', async () => {
    vi.stubGlobal('Worker', StandInWorker);
    StandInWorker.alter = (reply) => ({
      ...reply,
      outcome: { ...(reply.outcome as object), digest: 'from the worker' },
    });
    const { file, text } = await exportFile();
    const read = await readAssessmentFile(file);
    if (!read.ok) throw new Error(read.reason);
    const embedded = (JSON.parse(text) as { integrity: { digest: string } }).integrity.digest;
    expect(await assessmentDigest(read.document.assessment)).toBe('from the worker');
    expect(await assessmentDigest(read.document.assessment)).toBe(embedded);
  });

  test('a worker that cannot start is told like a file that cannot be read', async () => {
    vi.stubGlobal('Worker', StandInWorker);
    StandInWorker.failToStart = true;
    const { file } = await exportFile();
    expect(await readAssessmentFile(file)).toEqual({
      ok: false,
      reason: 'The file could not be read: refused by the Content-Security-Policy',
    });
    expect(started[0]?.terminated).toBe(true);
  });

  test('Verify reads and digests the file in a worker, which sends back only the digests', async () => {
    vi.stubGlobal('Worker', StandInWorker);
    const replies: unknown[] = [];
    StandInWorker.alter = (reply) => {
      replies.push(reply);
      return reply;
    };
    const { file, text } = await exportFile('checked.json');
    const embedded = (JSON.parse(text) as { integrity: { digest: string } }).integrity.digest;
    const outcome = await verifyExportFile(file, embedded);
    expect(outcome).toMatchObject({
      ok: true,
      fileName: 'checked.json',
      organisation: 'Coleg Gŵyr',
      verification: { computed: embedded, embedded: { kind: 'match' }, printed: { kind: 'match' } },
    });
    expect(started[0]?.requests.map((r) => r.task)).toEqual(['digest']);
    expect(replies).toEqual([
      {
        ok: true,
        outcome: { ok: true, organisation: 'Coleg Gŵyr', embedded, computed: embedded },
      },
    ]);
  });

  test('a damaged file sent to Verify comes back in plain words, with what the parser said as detail', async () => {
    vi.stubGlobal('Worker', StandInWorker);
    const { text } = await exportFile();
    const cut = new File([text.slice(0, 200)], 'cut.json');
    const outcome = await verifyExportFile(cut, '');
    expect(outcome).toMatchObject({
      ok: false,
      reason: expect.stringMatching(/^cut\.json could not be read\. /),
    });
    expect(outcome.ok ? undefined : outcome.detail).toMatch(/^The JSON parser said: /);
    // The same words an import of that file gives.
    const imported = await readAssessmentFile(cut);
    expect(imported.ok ? undefined : imported.detail).toBe(outcome.ok ? '' : outcome.detail);
  });

  test('an oversized file is refused before any worker starts', async () => {
    vi.stubGlobal('Worker', StandInWorker);
    const huge = new File(['{}'], 'huge.json');
    Object.defineProperty(huge, 'size', { value: 60 * 1024 * 1024 });
    expect((await verifyExportFile(huge, '')).ok).toBe(false);
    expect((await readAssessmentFile(huge)).ok).toBe(false);
    expect(started).toEqual([]);
  });
});
