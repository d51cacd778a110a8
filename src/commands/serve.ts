/**
 * `feedfold serve [--port 8080] [--host 127.0.0.1] [--no-schedule] [--log …]`:
 * starts the server (use-cases/serve.ts) and runs it until SIGINT/SIGTERM,
 * then closes it gracefully; a second signal exits at once.
 *
 * Everything the server says goes to standard output in one format: JSON
 * lines (for a log collector) or text (on a terminal), `--log` to choose.
 */
import type { Command } from 'commander';
import type { Config } from '../config.js';
import { ConfigError, describeError } from '../errors.js';
import type { LogFormat } from '../use-cases/cycle-log.js';
import type { RunningServer, ServeOptions, ServerEvent } from '../use-cases/serve.js';
import type { Workspace } from '../use-cases/workspace.js';
import { logFormat } from './log-format.js';

export interface ServeFlags {
  port?: string;
  host?: string;
  schedule?: boolean;
  log: string;
}

export function register(program: Command, workspace: Workspace): void {
  serveCommand(program.command('serve'), 'serve the feeds and the reader over HTTP and refresh the sources on the schedule (FEEDFOLD_SCHEDULE)')
    .option('--no-schedule', 'serve only; leave refreshing to cron (`feedfold run`)')
    .action(async (flags: ServeFlags) => {
      await serveUntilSignalled(workspace, flags);
    });
}

/** The options `serve` and `start` share. */
export function serveCommand(command: Command, description: string): Command {
  return command
    .description(description)
    .option('--port <port>', 'port to listen on (env FEEDFOLD_PORT, default 8080)')
    .option('--host <host>', 'address to listen on (env FEEDFOLD_HOST, default 127.0.0.1)')
    .option('--log <format>', 'json: one JSON line per event; text: readable lines; auto: text on a terminal', 'auto');
}

/** Starts the server and runs it until SIGINT/SIGTERM. */
export async function serveUntilSignalled(workspace: Workspace, flags: ServeFlags): Promise<void> {
  const format = logFormat(flags.log, Boolean(process.stdout.isTTY));
  const log = serverLog(format);
  const [{ startServer }, { createCycleLog }] = await Promise.all([import('../use-cases/serve.js'), import('../use-cases/cycle-log.js')]);
  const server = await startServer(workspace, {
    ...serveOptions(workspace.config(), flags),
    ...(flags.schedule === false ? { schedule: false } : {}),
    log,
    cycleLog: createCycleLog(format, process.stdout, null),
  });
  await untilSignalled(server, log);
}

function untilSignalled(server: RunningServer, log: (event: ServerEvent) => void): Promise<void> {
  return new Promise<void>((resolve) => {
    let stopping = false;
    const stop = (signal: NodeJS.Signals) => {
      if (stopping) {
        console.error(`${signal} again: exiting now`);
        process.exit(130);
      }
      stopping = true;
      log({ event: 'stopping', signal });
      void server.close().then(
        () => {
          log({ event: 'stopped' });
          resolve();
        },
        (error: unknown) => {
          console.error(`feedfold: ${describeError(error)}`);
          process.exitCode = 1;
          resolve();
        },
      );
    };
    process.on('SIGINT', stop);
    process.on('SIGTERM', stop);
  });
}

/** Port and host from flags over the config, validated like the config. */
export function serveOptions(config: Config, flags: { port?: string; host?: string }): Pick<ServeOptions, 'port' | 'host'> {
  const port = flags.port === undefined ? config.port : Number(flags.port);
  if (!Number.isInteger(port) || port < 0 || port > 65535) throw new ConfigError(`--port must be an integer from 0 to 65535, got "${flags.port}"`);
  return { port, host: flags.host ?? config.host };
}

/** One line per server event on standard output, in the chosen format. */
export function serverLog(format: LogFormat, out: NodeJS.WritableStream = process.stdout): (event: ServerEvent) => void {
  if (format === 'json') return (fields) => void out.write(`${JSON.stringify({ ...fields, time: new Date().toISOString() })}\n`);
  return (fields) => void out.write(`${serverEventText(fields)}\n`);
}

/** A server event as a person reads it. */
export function serverEventText(fields: ServerEvent): string {
  const { event, ...rest } = fields;
  switch (event) {
    case 'listening':
      return `feedfold is serving ${String(rest['entries'])} feed entries on ${String(rest['url'])}`;
    case 'feeds-reloaded':
      return `feeds reloaded (${String(rest['reason'])}): ${String(rest['entries'])} entries`;
    case 'stopping':
      return `${String(rest['signal'])}: stopping`;
    case 'stopped':
      return 'stopped';
    default: {
      const details = Object.entries(rest).map(([key, value]) => `${key}: ${typeof value === 'string' ? value : JSON.stringify(value)}`);
      return [event, ...details].join('  ');
    }
  }
}
