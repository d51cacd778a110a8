/**
 * The one typed configuration: read once from flags, then `FEEDFOLD_*`
 * environment variables, then defaults, and validated at start with a clear
 * message. No other module reads process.env.
 */
import { resolve } from 'node:path';
import { ConfigError } from './errors.js';

export interface Config {
  /** Directory of the store (lowdb document, content blobs, state files, lock). */
  dataDir: string;
  /** Directory the static feeds are written to. */
  feedsDir: string;
  /** Public base URL of this installation, without a trailing slash. */
  baseUrl: string;
  host: string;
  port: number;
  /** Keep events whose newest member is younger than this many days. */
  retentionDays: number;
  /** node-cron expression of the refresh cycle inside the server. */
  schedule: string;
  /** Feed metadata. */
  title: string;
  language: string;
}

export interface ConfigOverrides {
  data?: string | undefined;
  out?: string | undefined;
  baseUrl?: string | undefined;
  host?: string | undefined;
  port?: string | number | undefined;
}

type Env = Record<string, string | undefined>;

export function loadConfig(overrides: ConfigOverrides = {}, env: Env = process.env, cwd = process.cwd()): Config {
  const baseUrl = (overrides.baseUrl ?? env.FEEDFOLD_BASE_URL ?? 'http://localhost:8080').replace(/\/+$/, '');
  try {
    const parsed = new URL(baseUrl);
    if (parsed.protocol !== 'http:' && parsed.protocol !== 'https:') throw new Error('not http(s)');
  } catch {
    throw new ConfigError(`FEEDFOLD_BASE_URL must be an absolute http(s) URL, got "${baseUrl}"`);
  }
  return {
    dataDir: resolve(cwd, overrides.data ?? env.FEEDFOLD_DATA ?? 'data'),
    feedsDir: resolve(cwd, overrides.out ?? env.FEEDFOLD_FEEDS ?? 'feeds'),
    baseUrl,
    host: overrides.host ?? env.FEEDFOLD_HOST ?? '127.0.0.1',
    port: integer('port', overrides.port ?? env.FEEDFOLD_PORT ?? env.PORT ?? '8080', 0, 65535),
    retentionDays: integer('FEEDFOLD_RETENTION_DAYS', env.FEEDFOLD_RETENTION_DAYS ?? '90', 1, 36500),
    schedule: env.FEEDFOLD_SCHEDULE ?? '*/15 * * * *',
    title: env.FEEDFOLD_TITLE ?? 'feedfold',
    language: env.FEEDFOLD_LANGUAGE ?? 'zh-Hans',
  };
}

function integer(name: string, value: string | number, min: number, max: number): number {
  const n = typeof value === 'number' ? value : Number(value);
  if (!Number.isInteger(n) || n < min || n > max) {
    throw new ConfigError(`${name} must be an integer from ${min} to ${max}, got "${value}"`);
  }
  return n;
}
