/**
 * What the app has stored in the page's browser, read straight from IndexedDB as the next page
 * load would find it, and a way to plant records there (as another version or a fault might).
 */
import type { Page } from 'playwright-core';

export interface StoredRecord {
  id: string;
  schemaVersion: number;
  bytes: number;
  document: {
    assessment: {
      id: string;
      profile: { organisation: string; assessorName: string };
      answers: Record<string, { status: string; notes: string }>;
      lookup: { lastRun?: { results: unknown } };
    };
  } & Record<string, unknown>;
}

/** Every stored assessment record (none when the app has not created its database yet). */
export function storedRecords(page: Page): Promise<StoredRecord[]> {
  return page.evaluate(async () => {
    const name = 'mail-security-self-assessment';
    // Opening a database that does not exist would create it empty, and spoil the app's own.
    if (!(await indexedDB.databases()).some((d) => d.name === name)) return [];
    const db = await new Promise<IDBDatabase>((resolve, reject) => {
      const request = indexedDB.open(name);
      request.onsuccess = () => resolve(request.result);
      request.onerror = () => reject(request.error);
    });
    try {
      return await new Promise<StoredRecord[]>((resolve, reject) => {
        const request = db.transaction('assessments').objectStore('assessments').getAll();
        request.onsuccess = () => resolve(request.result as StoredRecord[]);
        request.onerror = () => reject(request.error);
      });
    } finally {
      db.close();
    }
  });
}

/** Writes a record into the app's database (which must exist: open the app first). */
export function putStoredRecord(page: Page, record: unknown): Promise<void> {
  return page.evaluate(async (value) => {
    const db = await new Promise<IDBDatabase>((resolve, reject) => {
      const request = indexedDB.open('mail-security-self-assessment');
      request.onsuccess = () => resolve(request.result);
      request.onerror = () => reject(request.error);
    });
    await new Promise<void>((resolve, reject) => {
      const tx = db.transaction('assessments', 'readwrite');
      tx.objectStore('assessments').put(value);
      tx.oncomplete = () => resolve();
      tx.onerror = () => reject(tx.error);
    });
    db.close();
  }, record);
}

/** The addresses a kept, interrupted check had answers for (one list: one answer each). */
export function interruptedAnswers(page: Page): Promise<string[]> {
  return page.evaluate(async () => {
    const db = await new Promise<IDBDatabase>((resolve, reject) => {
      const request = indexedDB.open('mail-security-self-assessment');
      request.onsuccess = () => resolve(request.result);
      request.onerror = () => reject(request.error);
    });
    const records = await new Promise<unknown[]>((resolve, reject) => {
      const request = db
        .transaction('checks-in-progress')
        .objectStore('checks-in-progress')
        .getAll();
      request.onsuccess = () => resolve(request.result);
      request.onerror = () => reject(request.error);
    });
    db.close();
    type Compact = {
      full: { result: { address: string } }[];
      notListed: { address: number[] }[];
    };
    return records.flatMap((record) => {
      const run = (record as { check: { run: { addresses: string[]; results: Compact } } }).check
        .run;
      return [
        ...run.results.full.map((f) => f.result.address),
        ...run.results.notListed.flatMap((c) => c.address.map((i) => run.addresses[i]!)),
      ];
    });
  });
}
