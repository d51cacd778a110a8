/**
 * `feedfold start`'s first-run step: an empty store gets the bundled seeds,
 * a store with items is left alone.
 */
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { loadConfig } from '../../src/config.js';
import type { CommandContext } from '../../src/commands/context.js';
import { bundledSeedsDir, seedIfEmpty } from '../../src/commands/start.js';
import { openLowdbStore } from '../../src/store/lowdb-store.js';

describe('start', () => {
  it('finds seeds/ beside package.json', () => {
    expect(bundledSeedsDir()).toMatch(/\/seeds$/);
    expect(() => bundledSeedsDir('/')).toThrow(/cannot find the seeds\/ folder/);
  });

  it('ingests the seeds into an empty store, with their events, and only once', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'feedfold-start-'));
    const config = loadConfig({ data: join(dir, 'data') }, {}, dir);
    const ctx: CommandContext = { config: () => config, openStore: () => openLowdbStore(config.dataDir) };
    const first = await seedIfEmpty(ctx);
    expect(first).toMatchObject({ read: 5, added: 5, failed: [] });
    const store = await ctx.openStore();
    expect(await store.listEvents()).toHaveLength(4);
    await store.close();
    expect(await seedIfEmpty(ctx)).toBeNull();
  });
});
