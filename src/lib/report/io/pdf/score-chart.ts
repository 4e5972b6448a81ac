import type { ReportModel } from '../../model';
import { ACCENT, MARGIN, MUTED, RULE, type Writer } from './writer';

const CHART_ROW = 9;
export const chartHeight = (model: ReportModel) => model.sections.length * CHART_ROW + 10;

/** A horizontal bar per section, drawn with jsPDF's own primitives (no screenshot). */
export function scoreChart(w: Writer, model: ReportModel): void {
  const labelWidth = 72;
  const barHeight = 5;
  const rowHeight = CHART_ROW;
  const chartLeft = MARGIN.side + labelWidth;
  const chartWidth = w.contentWidth - labelWidth - 18;
  const height = chartHeight(model);
  w.ensure(height);
  const top = w.y;
  const doc = w.doc;

  // Grid lines at 0, 25, 50, 75 and 100%.
  doc.setLineWidth(0.15);
  doc.setDrawColor(...RULE);
  w.setStyle({ size: 7, colour: MUTED });
  for (const tick of [0, 25, 50, 75, 100]) {
    const x = chartLeft + (chartWidth * tick) / 100;
    doc.line(x, top, x, top + model.sections.length * rowHeight);
    doc.text(`${tick}%`, x, top + model.sections.length * rowHeight + 1.5, {
      baseline: 'top',
      align: 'center',
    });
  }

  model.sections.forEach((section, i) => {
    const rowTop = top + i * rowHeight + (rowHeight - barHeight) / 2;
    const middle = rowTop + barHeight / 2;
    w.setStyle({ size: 8 });
    // A long title takes two lines beside its bar; anything longer is cut with an ellipsis.
    const lines: string[] = doc.splitTextToSize(section.title, labelWidth - 4);
    const label = lines.length > 2 ? [lines[0]!, `${lines[1]!.trimEnd()}…`] : lines.slice(0, 2);
    const lineStep = w.lineHeight(8);
    label.forEach((line, n) => {
      const offset = (n - (label.length - 1) / 2) * lineStep;
      doc.text(line, MARGIN.side, middle + offset, { baseline: 'middle' });
    });
    if (section.score === null) {
      w.setStyle({ size: 8, colour: MUTED });
      doc.text(section.scoreText, chartLeft + 1, middle, { baseline: 'middle' });
      return;
    }
    const barWidth = Math.max((chartWidth * section.score) / 100, 0.4);
    doc.setFillColor(...ACCENT);
    doc.rect(chartLeft, rowTop, barWidth, barHeight, 'F');
    w.setStyle({ size: 8.5, bold: true });
    doc.text(section.scoreText, chartLeft + barWidth + 2, middle, {
      baseline: 'middle',
    });
  });
  w.y = top + height;
}
