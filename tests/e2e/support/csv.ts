import { readFile } from 'node:fs/promises';
import { parse } from 'csv-parse/sync';

/**
 * A downloaded CSV read back as a spreadsheet would read it (csv-parse: quoted cells, doubled
 * quotes, line breaks inside cells), one object per row keyed by the header row. The byte-order
 * mark the app writes for Excel is checked, then dropped.
 */
export async function readCsv(path: string): Promise<Record<string, string>[]> {
  const bytes = await readFile(path);
  if (bytes[0] !== 0xef || bytes[1] !== 0xbb || bytes[2] !== 0xbf) {
    throw new Error(`${path} does not start with the UTF-8 byte-order mark`);
  }
  return parse(bytes.subarray(3).toString('utf8'), { columns: true, relax_column_count: false });
}
