/**
 * Debian's Chromium for the browser tests. CI installs it (.ci/run), so there
 * a missing browser fails a test; on a developer machine without it the
 * browser suites are skipped with a message saying what to install.
 */
import { existsSync } from 'node:fs';
import { describe, expect, it } from 'vitest';

export const CHROMIUM = '/usr/bin/chromium';

/**
 * Whether the suite `name` can run. Registers, when Chromium is missing, a
 * failing test under CI=true or a warning elsewhere; call at module level.
 */
export function chromiumFor(name: string): boolean {
  if (existsSync(CHROMIUM)) return true;
  if (process.env.CI === 'true') {
    describe(`${name} (CI)`, () => {
      it('has Debian chromium to run in', () => {
        expect.fail(`${CHROMIUM} is missing on CI: .ci/run must apt-get install chromium`);
      });
    });
  } else {
    console.warn(`${name} skipped: ${CHROMIUM} is missing (apt-get install -y chromium)`);
  }
  return false;
}
