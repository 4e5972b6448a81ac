import { SINCE_HEADING, type ComparisonReport } from '../../comparison-wording';
import { heading, para, table, type Block } from './report-docx';

/** "Since the last assessment" in the Word copy: the same strings as the PDF's section. */
export function comparisonBlocks(c: ComparisonReport): Block[] {
  const list = (title: string, items: { title: string; detail: string }[], none?: string) =>
    items.length === 0 && none === undefined
      ? []
      : [
          heading(title, 2),
          ...(items.length === 0 && none ? [para(none)] : []),
          ...items.map((item) => para(`• ${item.title}\n${item.detail}`)),
        ];
  return [
    heading(SINCE_HEADING, 1),
    para(c.intro),
    ...(c.versionNote ? [para(c.versionNote)] : []),
    para(c.trend, { bold: true }),
    heading('Scores then and now', 2),
    table(
      ['Section', 'Then', 'Now', 'Change'],
      c.scores.map((s) => [s.title, s.then, s.now, s.change]),
    ),
    heading('Answers that changed', 2),
    c.changed.length === 0
      ? para(c.none.changed)
      : table(
          ['Control', 'Section', 'Then', 'Now'],
          c.changed.map((x) => [x.title, x.section, x.then, x.now]),
        ),
    ...list('Findings closed', c.closed, c.none.closed),
    ...list('Findings opened', c.opened, c.none.opened),
    ...list('Actions now overdue', c.overdue, c.none.overdue),
    ...list('Controls in the previous assessment only', c.onlyThen),
    ...list('Controls not in the previous assessment', c.onlyNow),
  ];
}
