/**
 * `feedfold opml import FILE` and `feedfold opml export [--out FILE]`: move
 * subscriptions in and out of other feed readers (use-cases/manage-sources.ts).
 * Import keeps each feed's folder path as its categories and skips feeds
 * already subscribed; export writes OPML 2.0 of the feed sources.
 */
import { writeFile } from 'node:fs/promises';
import type { Command } from 'commander';
import type { Workspace } from '../use-cases/workspace.js';

export function register(program: Command, workspace: Workspace): void {
  const opml = program.command('opml').description('import and export subscriptions as OPML');

  opml
    .command('import')
    .description('subscribe to every feed in an OPML file (folders become categories)')
    .argument('<file>', 'OPML file exported by another reader')
    .action(async (file: string) => {
      const { importOpmlFile } = await import('../use-cases/manage-sources.js');
      const summary = await importOpmlFile(workspace, file, () => console.error('waiting for the running feedfold cycle to finish…'));
      for (const record of summary.added) console.log(`added ${record.id}  ${record.location}`);
      for (const skipped of summary.skipped) console.error(`skipped ${skipped.xmlUrl}: ${skipped.reason}`);
      console.log(`opml import: ${summary.added.length} added, ${summary.existing.length} already subscribed, ${summary.skipped.length} skipped`);
    });

  opml
    .command('export')
    .description('write the feed sources as OPML 2.0')
    .option('--out <file>', 'write to a file instead of standard output')
    .action(async (options: { out?: string }) => {
      const { exportOpml } = await import('../use-cases/manage-sources.js');
      const { text, foldersLeftOut } = await exportOpml(workspace);
      if (foldersLeftOut > 0) console.error(`note: ${foldersLeftOut} article folder source(s) are not in the OPML (they have no feed URL)`);
      if (options.out) await writeFile(options.out, text, 'utf8');
      else process.stdout.write(text);
    });
}
