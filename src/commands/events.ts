/**
 * `feedfold events [--json]`: the stored events. The JSON form is what feeds
 * and scripts read: `{ id, title, published, updated, items: [{ id, origin,
 * url, outlet, title, published }] }`, newest event first.
 */
import type { Command } from 'commander';
import type { Event } from '../event.js';
import type { CommandContext } from './context.js';

export function eventsForJson(events: readonly Event[]) {
  return [...events]
    .sort((a, b) => (b.published ?? '').localeCompare(a.published ?? '') || a.id.localeCompare(b.id))
    .map((event) => ({
      id: event.id,
      title: event.title,
      published: event.published,
      updated: event.updated,
      items: event.items.map(({ id, origin, url, outlet, title, published }) => ({ id, origin, url, outlet, title, published })),
    }));
}

export function register(program: Command, ctx: CommandContext): void {
  program
    .command('events')
    .description('list the events items were folded into')
    .option('--json', 'print a JSON array of events with their members')
    .action(async (options: { json?: boolean }) => {
      const store = await ctx.openStore();
      try {
        const events = eventsForJson(await store.listEvents());
        if (options.json) {
          process.stdout.write(`${JSON.stringify(events, null, 2)}\n`);
          return;
        }
        for (const event of events) {
          console.log(`${event.published ? event.published.slice(0, 10) : '—'.padEnd(10)}  ${event.id}  ${event.title}  (${event.items.length})`);
          for (const item of event.items) console.log(`    ${item.published ? item.published.slice(0, 10) : '—'.padEnd(10)}  ${item.outlet}  ${item.title}`);
        }
        console.log(`${events.length} events`);
      } finally {
        await store.close();
      }
    });
}
