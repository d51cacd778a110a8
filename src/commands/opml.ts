/**
 * `feedfold opml import FILE` and `feedfold opml export [--out FILE]`: move
 * subscriptions in and out of other feed readers. Import keeps each feed's
 * folder path as its categories and skips feeds already subscribed; export
 * writes OPML 2.0 of the feed sources (article folders have no URL to export).
 */
import { readFile, writeFile } from 'node:fs/promises';
import type { Command } from 'commander';
import { SourceError } from '../errors.js';
import { decodeDocument } from '../sources/decode-charset.js';
import { parseOpml, renderOpml } from '../sources/opml.js';
import { opmlFromSources, sourcesFromOpml } from '../sources/opml-subscriptions.js';
import type { SourceRecord } from '../store/store.js';
import type { CommandContext } from './context.js';
import { changeSources, loadSources } from './sources.js';

export function register(program: Command, ctx: CommandContext): void {
  const opml = program.command('opml').description('import and export subscriptions as OPML');

  opml
    .command('import')
    .description('subscribe to every feed in an OPML file (folders become categories)')
    .argument('<file>', 'OPML file exported by another reader')
    .action(async (file: string) => {
      let bytes: Buffer;
      try {
        bytes = await readFile(file);
      } catch (cause) {
        throw new SourceError(file, 'io', `cannot read: ${(cause as Error).message}`, { cause });
      }
      const document = parseOpml(decodeDocument(bytes, null, file).text, file);
      const summary = await changeSources(ctx, 'opml import', async (store, list) => {
        const result = sourcesFromOpml(document, list);
        if (result.added.length > 0) await store.saveSources([...list, ...result.added]);
        return result;
      });
      for (const record of summary.added) console.log(`added ${record.id}  ${record.location}`);
      for (const skipped of summary.skipped) console.error(`skipped ${skipped.xmlUrl}: ${skipped.reason}`);
      console.log(
        `opml import: ${summary.added.length} added, ${summary.existing.length} already subscribed, ${summary.skipped.length} skipped`,
      );
    });

  opml
    .command('export')
    .description('write the feed sources as OPML 2.0')
    .option('--out <file>', 'write to a file instead of standard output')
    .action(async (options: { out?: string }) => {
      const store = await ctx.openStore();
      let list: SourceRecord[];
      try {
        list = await loadSources(store);
      } finally {
        await store.close();
      }
      const text = renderOpml(opmlFromSources(list, `${ctx.config().title} subscriptions`), { dateCreated: new Date() });
      const folders = list.filter((s) => s.kind === 'folder').length;
      if (folders > 0) console.error(`note: ${folders} article folder source(s) are not in the OPML (they have no feed URL)`);
      if (options.out) await writeFile(options.out, text, 'utf8');
      else process.stdout.write(text);
    });
}
