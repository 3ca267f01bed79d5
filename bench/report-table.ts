import type { AccuracyRow } from './accuracy-types';

const pct = (value: number | undefined): string => (value === undefined ? '' : `${value >= 0 ? '+' : ''}${value.toFixed(2)} %`);
const yesNo = (value: boolean | null): string => (value === null ? 'n/a' : value ? 'yes' : 'NO');

/** The accuracy table as fixed-width text for the console and as Markdown for docs/measurement.md. */
export function formatAccuracyTable(rows: readonly AccuracyRow[], markdown = false): string {
  const header = ['metric', 'truth', 'measured', 'error', 'error vs tbf rate', 'peer', 'peer error', 'goal met', 'not worse than peer'];
  const body = rows.map((row) => [
    row.metric,
    `${row.truth} ${row.unit}`,
    `${row.measured} ${row.unit}`,
    pct(row.errorPct),
    pct(row.errorVsShapedPct),
    row.peer ? `${row.peer.value} ${row.unit}` : '',
    pct(row.peer?.errorPct),
    `${yesNo(row.withinGoal)} (${row.goal})`,
    yesNo(row.notWorseThanPeer),
  ]);
  if (markdown) {
    const line = (cells: readonly string[]): string => `| ${cells.join(' | ')} |`;
    return [line(header), line(header.map(() => '---')), ...body.map(line)].join('\n');
  }
  const widths = header.map((_, column) => Math.max(...[header, ...body].map((cells) => (cells[column] ?? '').length)));
  return [header, ...body].map((cells) => cells.map((cell, column) => cell.padEnd(widths[column] ?? 0)).join('  ').trimEnd()).join('\n');
}
