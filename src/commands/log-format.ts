/**
 * `--log json|text|auto`: one format per output stream. `auto` is text when
 * standard error is a terminal (a person is watching) and JSON lines
 * otherwise (a log file, journald, a cron mail).
 */
import { ConfigError } from '../errors.js';
import type { LogFormat } from '../use-cases/cycle-log.js';

export function logFormat(option: string, terminal: boolean = Boolean(process.stderr.isTTY)): LogFormat {
  if (option === 'auto') return terminal ? 'text' : 'json';
  if (option === 'json' || option === 'text') return option;
  throw new ConfigError(`--log must be json, text or auto, got "${option}"`);
}
