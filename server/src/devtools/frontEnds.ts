import { execFileSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

const REPO_ROOT = fileURLToPath(new URL('../../..', import.meta.url));

export const FRONT_ENDS = {
  h5: { index: 'miniprogram/dist/h5/index.html', script: 'build:h5', label: '考生端 H5' },
  admin: { index: 'admin/dist/index.html', script: 'build:admin', label: '考办管理后台' },
} as const;

export type FrontEnd = keyof typeof FRONT_ENDS;

/** Builds a front end once, when its output is missing (a fresh clone); `npm run build` rebuilds on purpose. */
export function ensureBuilt(app: FrontEnd): void {
  const { index, script } = FRONT_ENDS[app];
  if (existsSync(new URL(index, `file://${REPO_ROOT}`))) return;
  execFileSync('npm', ['run', script], { cwd: REPO_ROOT, stdio: 'inherit' });
}
