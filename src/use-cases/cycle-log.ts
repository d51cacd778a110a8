/**
 * How a cycle reports itself: one JSON line per source per cycle for the
 * daemon's log (greppable, machine-readable), or a progress line rewritten in
 * place on a terminal plus one line per problem, and a summary line either way.
 *
 * It only formats and writes; it does not decide anything about the cycle.
 */
import type { CycleSummary, SourceReport } from './refresh-cycle.js';

export type LogFormat = 'json' | 'text';

export interface CycleLog {
  source(report: SourceReport, done: number, total: number): void;
  summary(summary: CycleSummary): void;
}

/** One source's outcome as the JSON line the daemon logs. */
export function sourceLogLine(report: SourceReport): string {
  return JSON.stringify({ event: 'source', ...report });
}

export function summaryLine(summary: CycleSummary): string {
  const counts = { ok: 0, 'not-modified': 0, error: 0, abandoned: 0 };
  for (const report of summary.reports) counts[report.status]++;
  return (
    `cycle: ${summary.due} of ${summary.sources} sources due — ${counts.ok} fetched, ${counts['not-modified']} not modified, ` +
    `${counts.error} failed${counts.abandoned ? `, ${counts.abandoned} abandoned (stopping)` : ''}; ` +
    `items ${summary.added} added, ${summary.updated} updated, ${summary.unchanged} unchanged`
  );
}

export function createCycleLog(format: LogFormat, out: NodeJS.WritableStream, terminal: NodeJS.WriteStream | null): CycleLog {
  if (format === 'json') {
    return {
      source: (report) => void out.write(`${sourceLogLine(report)}\n`),
      summary: (summary) => {
        const { reports: _reports, ...totals } = summary;
        out.write(`${JSON.stringify({ event: 'cycle', time: new Date().toISOString(), ...totals })}\n`);
      },
    };
  }
  let progressShown = false;
  const clearProgress = () => {
    if (progressShown && terminal) terminal.write(`\r${' '.repeat((terminal.columns ?? 80) - 1)}\r`);
    progressShown = false;
  };
  return {
    source(report, done, total) {
      if (report.status === 'error') {
        clearProgress();
        out.write(`failed: ${report.name ?? report.location}: ${report.error?.kind}: ${report.error?.message}\n`);
      } else if (report.error) {
        clearProgress();
        out.write(`warning: ${report.name ?? report.location}: ${report.error.message}\n`);
      }
      if (report.movedTo) out.write(`moved: ${report.location} → ${report.movedTo} (permanent redirect; stored URL updated)\n`);
      if (terminal?.isTTY) {
        const width = (terminal.columns ?? 80) - 1;
        terminal.write(`\r${`[${done}/${total}] ${report.status} ${report.name ?? report.location}`.slice(0, width).padEnd(width)}`);
        progressShown = true;
      }
    },
    summary(summary) {
      clearProgress();
      out.write(`${summaryLine(summary)}\n`);
    },
  };
}

/** A cycle log that says nothing: for tests and callers that only want the summary returned. */
export const SILENT_CYCLE_LOG: CycleLog = { source: () => undefined, summary: () => undefined };
