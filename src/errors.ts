/**
 * Typed errors that say which source and which item they concern, so a failure
 * can be recorded on that source and the run can go on with the others.
 */

export type SourceErrorKind =
  | 'network'
  | 'http'
  | 'timeout'
  | 'too-large'
  | 'encoding'
  | 'parse'
  | 'unrecognised'
  | 'io'
  /** The address guard refused the URL (SSRF: loopback, private, metadata…). */
  | 'blocked';

export class SourceError extends Error {
  override readonly name = 'SourceError';
  constructor(
    /** File path or feed URL the failure concerns. */
    readonly source: string,
    readonly kind: SourceErrorKind,
    message: string,
    options?: { cause?: unknown; item?: string },
  ) {
    super(message, options?.cause === undefined ? undefined : { cause: options.cause });
    this.item = options?.item ?? null;
  }
  /** Item (GUID, link or file) inside the source, when the failure concerns one item only. */
  readonly item: string | null;
}

export class StoreError extends Error {
  override readonly name = 'StoreError';
  constructor(
    /** The file or location of the store that failed. */
    readonly location: string,
    message: string,
    options?: { cause?: unknown },
  ) {
    super(message, options?.cause === undefined ? undefined : { cause: options.cause });
  }
}

export class ConfigError extends Error {
  override readonly name = 'ConfigError';
}

/** One line for a terminal: what failed, where, and why. */
export function describeError(error: unknown): string {
  if (error instanceof SourceError) {
    const where = error.item ? `${error.source} (${error.item})` : error.source;
    return `${where}: ${error.kind}: ${error.message}`;
  }
  if (error instanceof StoreError) {
    return error.message.includes(error.location) ? error.message : `${error.location}: ${error.message}`;
  }
  if (error instanceof Error) return error.message;
  return String(error);
}
