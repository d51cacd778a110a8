/**
 * `feedfold events [--json]`: the stored events. The JSON form is what feeds
 * and scripts read: `{ id, title, published, updated, items: [{ id, origin,
 * url, outlet, title, published }] }`, newest event first.
 */
import type { Command } from 'commander';
import type { Event } from '../event.js';
import type { Workspace } from '../use-cases/workspace.js';

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

/**
 * The readable list: each event, then its members, each with its day. An
 * event's day is its earliest report's, in that report's own time zone, so it
 * is the day printed on the member line below it (the event's `published` is
 * the same instant in UTC, which can be the day before).
 */
export function eventListLines(events: ReturnType<typeof eventsForJson>): string[] {
  const day = (published: string | null | undefined) => (published ? published.slice(0, 10) : '—'.padEnd(10));
  const lines: string[] = [];
  for (const event of events) {
    const earliest = event.items.find((item) => item.published)?.published ?? event.published;
    lines.push(`${day(earliest)}  ${event.id}  ${event.title}  (${event.items.length})`);
    for (const item of event.items) lines.push(`    ${day(item.published)}  ${item.outlet}  ${item.title}`);
  }
  lines.push(`${events.length} events`);
  return lines;
}

export function register(program: Command, workspace: Workspace): void {
  program
    .command('events')
    .description('list the events items were folded into')
    .option('--json', 'print a JSON array of events with their members')
    .action(async (options: { json?: boolean }) => {
      const { listStoredEvents } = await import('../use-cases/read-store.js');
      const events = eventsForJson(await listStoredEvents(workspace));
      if (options.json) {
        process.stdout.write(`${JSON.stringify(events, null, 2)}\n`);
        return;
      }
      for (const line of eventListLines(events)) console.log(line);
    });
}
