import type { AccuracyRow } from './accuracy-types';
import type { LatencyBreakdown } from './latency-bench';

const pct = (value: number | undefined): string => (value === undefined ? '' : `${value >= 0 ? '+' : ''}${value.toFixed(2)} %`);
const peerCell = (row: AccuracyRow): string => {
  if (!row.peer) return '';
  return row.peer.truth === undefined ? `${row.peer.value} ${row.unit}` : `${row.peer.value} ${row.unit} (truth ${row.peer.truth})`;
};
const yesNo = (value: boolean | null): string => (value === null ? 'n/a' : value ? 'yes' : 'NO');

/** The accuracy table as fixed-width text for the console and as Markdown for docs/measurement.md. */
export function formatAccuracyTable(rows: readonly AccuracyRow[], markdown = false): string {
  const header = ['metric', 'truth', 'measured', 'error', 'error vs nominal', 'peer', 'peer error', 'goal met', 'not worse than peer'];
  const body = rows.map((row) => [
    row.metric,
    `${row.truth} ${row.unit}`,
    `${row.measured} ${row.unit}`,
    pct(row.errorPct),
    row.nominal ? `${pct(row.nominal.errorPct)} vs ${row.nominal.value} ${row.unit}` : '',
    peerCell(row),
    pct(row.peer?.errorPct),
    `${yesNo(row.withinGoal)} (${row.goal})`,
    yesNo(row.notWorseThanPeer),
  ]);
  return formatTable(header, body, markdown);
}

const ms = (value: number | undefined): string => (value === undefined ? 'n/a' : `${value} ms`);
const signedMs = (value: number | undefined): string => (value === undefined ? 'n/a' : `${value >= 0 ? '+' : ''}${value} ms`);

/** Where each tool's p50 goes: network truth, + the echo server's time (on the wire), + the client host's time. */
export function formatBreakdownTable(breakdown: readonly LatencyBreakdown[], markdown = false): string {
  const header = [
    'added delay',
    'tool',
    'network truth',
    'wire p50 (client interface)',
    'server time',
    'tool p50',
    'client host time',
    'wire exchanges',
  ];
  const body = breakdown.map((entry) => [
    `+${entry.delayMs} ms`,
    entry.tool,
    ms(entry.truthMs),
    ms(entry.wireP50Ms),
    signedMs(entry.serverMs),
    ms(entry.toolP50Ms),
    signedMs(entry.clientMs),
    String(entry.wireSamples),
  ]);
  return formatTable(header, body, markdown);
}

function formatTable(header: readonly string[], body: readonly (readonly string[])[], markdown: boolean): string {
  if (markdown) {
    const line = (cells: readonly string[]): string => `| ${cells.join(' | ')} |`;
    return [line(header), line(header.map(() => '---')), ...body.map(line)].join('\n');
  }
  const widths = header.map((_, column) => Math.max(...[header, ...body].map((cells) => (cells[column] ?? '').length)));
  return [header, ...body]
    .map((cells) =>
      cells
        .map((cell, column) => cell.padEnd(widths[column] ?? 0))
        .join('  ')
        .trimEnd(),
    )
    .join('\n');
}
