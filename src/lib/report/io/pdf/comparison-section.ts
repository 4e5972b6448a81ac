import type { ComparisonReport } from '../../comparison-wording';
import { SINCE_HEADING } from '../../comparison-wording';
import { MUTED, type Writer } from './writer';

/**
 * "Since the last assessment": this assessment against the previous one chosen. Every sentence
 * comes from comparison-wording.ts; only headings and column names are written here.
 */
export function comparisonSection(w: Writer, c: ComparisonReport): void {
  w.startSection();
  w.heading(SINCE_HEADING, 1);
  w.text(c.intro, { after: 2 });
  if (c.versionNote) w.text(c.versionNote, { size: 9, colour: MUTED, after: 2 });
  w.text(c.trend, { bold: true, after: 3 });

  w.ensure(w.headingHeight(2) + w.smallTableHeight(c.scores.length));
  w.heading('Scores then and now', 2);
  w.table({
    head: [['Section', 'Then', 'Now', 'Change']],
    body: c.scores.map((s) => [s.title, s.then, s.now, s.change]),
    columnStyles: { 1: { cellWidth: 26 }, 2: { cellWidth: 26 }, 3: { cellWidth: 32 } },
  });

  w.heading('Answers that changed', 2);
  if (c.changed.length === 0) w.text(c.none.changed, { after: 3 });
  else {
    w.table({
      head: [['Control', 'Section', 'Then', 'Now']],
      body: c.changed.map((x) => [x.title, x.section, x.then, x.now]),
      columnStyles: { 1: { cellWidth: 40 }, 2: { cellWidth: 32 }, 3: { cellWidth: 32 } },
    });
  }

  const list = (heading: string, items: { title: string; detail: string }[], none?: string) => {
    if (items.length === 0 && none === undefined) return;
    w.heading(heading, 2);
    if (items.length === 0 && none) w.text(none, { after: 3 });
    for (const item of items) {
      w.ensure(12);
      w.text(`• ${item.title}`, { bold: true, after: 0.5 });
      w.text(item.detail, { size: 9, colour: MUTED, indent: 4, after: 1.5 });
    }
    w.gap(1.5);
  };
  list('Findings closed', c.closed, c.none.closed);
  list('Findings opened', c.opened, c.none.opened);
  list('Actions now overdue', c.overdue, c.none.overdue);
  list('Controls in the previous assessment only', c.onlyThen);
  list('Controls not in the previous assessment', c.onlyNow);
}
