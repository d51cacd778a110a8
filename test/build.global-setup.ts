import { execFileSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';

/** Compile src/ to dist/ so the end-to-end tests run the code under test, not a stale build. */
export default function setup(): void {
  const root = fileURLToPath(new URL('..', import.meta.url));
  execFileSync(process.execPath, [`${root}node_modules/typescript/bin/tsc`, '-p', 'tsconfig.json'], {
    cwd: root,
    stdio: 'inherit',
  });
}
