import { execFileSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import path from 'node:path';
import { REPO_ROOT } from './serverProcess';

const BUILDS = {
  h5: { index: 'miniprogram/dist/h5/index.html', script: 'build:h5' },
  admin: { index: 'admin/dist/index.html', script: 'build:admin' },
} as const;

/** Browser tests need the built front ends; CI builds them first, a developer's first run builds them here. */
export function ensureBuilt(app: keyof typeof BUILDS): void {
  const { index, script } = BUILDS[app];
  if (existsSync(path.join(REPO_ROOT, index))) return;
  execFileSync('npm', ['run', script], { cwd: REPO_ROOT, stdio: 'inherit' });
}
