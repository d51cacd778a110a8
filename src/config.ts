/**
 * The one typed configuration: read once from flags, then `FEEDFOLD_*`
 * environment variables, then defaults, and validated at start with a clear
 * message. No other module reads process.env.
 */
import { resolve } from 'node:path';
import { ConfigError } from './errors.js';
import { parseAllowList, type AllowList } from './sources/allow-list.js';

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
  /** Bounds on what one feed may cost; see SECURITY.md. */
  limits: FeedLimits;
  /** Hosts and networks that feeds added through the API or the reader may reach although private. */
  allowPrivateHosts: AllowList;
  /**
   * Secret that allows writes through the reader (adding and removing sources)
   * from other machines; without it, only loopback clients may write.
   */
  adminToken: string | null;
}

export interface FeedLimits {
  /** Largest response body accepted, bytes (FEEDFOLD_MAX_BODY_BYTES, default 10 MiB). */
  maxBodyBytes: number;
  /** Deadline for one whole fetch, redirects and body included, ms (FEEDFOLD_FETCH_TIMEOUT_MS, default 30 s). */
  fetchTimeoutMs: number;
  /** Items kept from one feed document; the rest are dropped with a warning (FEEDFOLD_MAX_ITEMS_PER_FEED, default 1000). */
  maxItemsPerFeed: number;
  /** Time allowed for parsing and cleaning one document, ms (FEEDFOLD_MAX_PARSE_MS, default 20 s). */
  maxParseMs: number;
}

export const DEFAULT_LIMITS: FeedLimits = { maxBodyBytes: 10 * 1024 * 1024, fetchTimeoutMs: 30_000, maxItemsPerFeed: 1000, maxParseMs: 20_000 };

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
    limits: {
      maxBodyBytes: integer('FEEDFOLD_MAX_BODY_BYTES', env.FEEDFOLD_MAX_BODY_BYTES ?? String(DEFAULT_LIMITS.maxBodyBytes), 1024, 1024 ** 3),
      fetchTimeoutMs: integer('FEEDFOLD_FETCH_TIMEOUT_MS', env.FEEDFOLD_FETCH_TIMEOUT_MS ?? String(DEFAULT_LIMITS.fetchTimeoutMs), 100, 600_000),
      maxItemsPerFeed: integer('FEEDFOLD_MAX_ITEMS_PER_FEED', env.FEEDFOLD_MAX_ITEMS_PER_FEED ?? String(DEFAULT_LIMITS.maxItemsPerFeed), 1, 1_000_000),
      maxParseMs: integer('FEEDFOLD_MAX_PARSE_MS', env.FEEDFOLD_MAX_PARSE_MS ?? String(DEFAULT_LIMITS.maxParseMs), 10, 600_000),
    },
    allowPrivateHosts: parseAllowList(env.FEEDFOLD_ALLOW_PRIVATE_HOSTS),
    adminToken: adminToken(env.FEEDFOLD_ADMIN_TOKEN),
  };
}

function adminToken(value: string | undefined): string | null {
  if (value === undefined || value === '') return null;
  // A short token can be guessed by anyone who can reach the port.
  if (value.length < 16) throw new ConfigError('FEEDFOLD_ADMIN_TOKEN must be at least 16 characters long');
  return value;
}

function integer(name: string, value: string | number, min: number, max: number): number {
  const n = typeof value === 'number' ? value : Number(value);
  if (!Number.isInteger(n) || n < min || n > max) {
    throw new ConfigError(`${name} must be an integer from ${min} to ${max}, got "${value}"`);
  }
  return n;
}
