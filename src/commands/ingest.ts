/**
 * `feedfold ingest PATH…`: argument parsing and printing for the ingest use
 * case (use-cases/ingest-paths.ts). Exit status 1 when any file failed; the
 * good ones are stored all the same.
 */
import type { Command } from 'commander';
import type { IngestFailure, IngestSummary } from '../use-cases/ingest-paths.js';
import type { Workspace } from '../use-cases/workspace.js';
import { EXIT_SOME_FAILED } from './exit-status.js';

export function register(program: Command, workspace: Workspace): void {
  program
    .command('ingest')
    .description('read article files, folders of them, and local feed documents (.xml, .json) into the store')
    .argument('<paths...>', 'files or folders (searched recursively)')
    .action(async (paths: string[]) => {
      const { ingestIntoWorkspace } = await import('../use-cases/ingest-paths.js');
      const progress = progressLine(process.stderr);
      const summary = await ingestIntoWorkspace(workspace, paths, { onProgress: progress.update });
      progress.done();
      for (const failure of summary.failed) console.error(failureLine(failure));
      console.log(summaryLine(summary));
      if (summary.failed.length > 0) process.exitCode = EXIT_SOME_FAILED;
    });
}

export function summaryLine(summary: IngestSummary): string {
  return (
    `ingest: ${summary.read} files read — ${summary.added} added, ${summary.updated} updated, ` +
    `${summary.unchanged} unchanged, ${summary.failed.length} failed; ${summary.events} events`
  );
}

/** `failed: WHERE: WHY`, naming the file once even when the reason already starts with it. */
export function failureLine(failure: IngestFailure): string {
  const reason = failure.reason.startsWith(`${failure.source}:`) || failure.reason.startsWith(`${failure.source} (`) ? failure.reason : `${failure.source}: ${failure.reason}`;
  return `failed: ${reason}`;
}

/** A single rewritten status line on a terminal; silent when stderr is a pipe or file. */
function progressLine(stream: NodeJS.WriteStream) {
  let last = 0;
  let shown = false;
  return {
    update(done: number, total: number, document: { origin: string }) {
      if (!stream.isTTY || total < 50) return;
      const now = Date.now();
      if (now - last < 100 && done < total) return;
      last = now;
      shown = true;
      const line = `ingest ${done}/${total} ${document.origin}`;
      stream.write(`\r${line.slice(0, (stream.columns ?? 80) - 1).padEnd((stream.columns ?? 80) - 1)}`);
    },
    done() {
      if (shown) stream.write('\n');
    },
  };
}
