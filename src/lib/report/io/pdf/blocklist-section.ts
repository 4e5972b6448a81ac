import { formatDateTime } from '../../../shared/dates';
import { formatNumber } from '../../../shared/format';
import type { RunSummary } from '../../../blocklists/domain/summary';
import { MUTED, type Writer } from './writer';

/**
 * The block-list run as the report prints it: when and through which resolver, each list's
 * health check, every listing and every answer that gave no verdict, in the run's own words.
 */
export function blocklistResults(w: Writer, run: RunSummary): void {
  w.startSection();
  w.heading('Block-list results', 1);
  w.field('Started', formatDateTime(run.startedAt));
  w.field('Finished', run.finishedAt ? formatDateTime(run.finishedAt) : 'Did not finish');
  // 'Complete' only when every pair that could be asked has a verdict (worded in the domain).
  w.field('Outcome', run.outcome);
  w.field('Resolver', `${run.resolver.label} (${run.resolver.url})`);
  w.field('Addresses checked', formatNumber(run.addressCount));
  // Addresses left out (private/reserved, over the limit) are named, never silently dropped.
  for (const line of run.notChecked) w.field('Not checked', line);
  w.gap(1);
  // The one sentence about listings: "no address is listed" only when every pair has a verdict.
  w.text(run.statement, { bold: true, after: run.notAskedText ? 1.5 : 3 });
  // Widely used lists not asked: "not listed" above says nothing about them.
  if (run.notAskedText) w.text(run.notAskedText, { after: 3 });

  w.heading('Lists and their health check', 2);
  w.table({
    head: [['List and zone', 'Health check', 'Listed', 'Not listed', 'No verdict', 'Skipped']],
    body: run.lists.map((l) => [
      `${l.name}\n${l.zone}`,
      l.healthText,
      formatNumber(l.coverage.listed),
      formatNumber(l.coverage.notListed),
      formatNumber(l.coverage.noVerdict),
      formatNumber(l.coverage.skipped),
    ]),
    // Fixed widths for the list and the counts (wide enough for their headings' words) leave
    // the health check the rest, about 70 mm on A4 and more on Letter: left to itself, autoTable
    // gave a failure reason a word or two per line.
    columnStyles: {
      0: { cellWidth: 46 },
      1: { cellWidth: 'auto' },
      2: { halign: 'right', cellWidth: 15 },
      3: { halign: 'right', cellWidth: 15 },
      4: { halign: 'right', cellWidth: 17 },
      5: { halign: 'right', cellWidth: 17 },
    },
  });
  w.text(run.countsNote, { size: 9, colour: MUTED, after: 3 });

  w.heading('Listed addresses', 2);
  if (run.listed.length === 0) {
    w.text(run.noListingsText, { after: 3 });
  } else {
    w.table({
      head: [['Address', 'List', 'Answer', 'Meaning', 'Reason given by the list']],
      body: run.listed.map((r) => [
        r.address,
        r.list.name,
        r.codes.join(', '),
        r.meanings.join('; '),
        r.txt ?? '',
      ]),
      columnStyles: { 0: { cellWidth: 34 }, 2: { cellWidth: 22 } },
    });
  }

  w.heading('Answers that gave no verdict', 2);
  if (run.problems.length === 0 && !run.unaskedText) w.text(run.everyPairAskedText, { after: 3 });
  if (run.unaskedText) w.text(run.unaskedText, { after: 3 });
  if (run.problems.length > 0) {
    w.table({
      head: [['Address', 'List', 'Outcome', 'Detail']],
      body: run.problems.map((r) => [
        r.address,
        r.list.name,
        r.outcomeText,
        [r.detail, r.rcode && `DNS ${r.rcode}`, r.codes.join(', ')].filter(Boolean).join(' · '),
      ]),
      columnStyles: { 0: { cellWidth: 34 }, 2: { cellWidth: 26 } },
    });
  }
}
