/**
 * `feedfold start`'s first-run step: an empty store gets the bundled seeds,
 * a store with items is left alone.
 */
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { loadConfig } from '../../src/config.js';
import { workspaceOf, type Workspace } from '../../src/use-cases/workspace.js';
import { seedIfEmpty } from '../../src/use-cases/seed-store.js';
import { bundledSeedsDir } from '../../src/sources/source-records.js';
import { openLowdbStore } from '../../src/store/lowdb-store.js';

describe('start', () => {
  it('finds seeds/ beside package.json', async () => {
    expect(bundledSeedsDir()).toMatch(/\/seeds$/);
    expect(bundledSeedsDir('/x.js')).toBeNull();
    await expect(seedIfEmpty(workspaceOf(loadConfig({ data: mkdtempSync(join(tmpdir(), 'feedfold-start-')) }, {})), null)).rejects.toThrow(/cannot find the seeds\/ folder/);
  });

  it('ingests the seeds into an empty store, with their events, and only once', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'feedfold-start-'));
    const config = loadConfig({ data: join(dir, 'data') }, {}, dir);
    const ctx: Workspace = workspaceOf(config);
    const first = await seedIfEmpty(ctx);
    expect(first).toMatchObject({ read: 5, added: 5, failed: [] });
    const store = await ctx.openStore();
    expect(await store.listEvents()).toHaveLength(4);
    await store.close();
    expect(await seedIfEmpty(ctx)).toBeNull();
  });
});
