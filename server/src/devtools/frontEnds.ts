import { execFileSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

const REPO_ROOT = fileURLToPath(new URL('../../..', import.meta.url));

export const FRONT_ENDS = {
  h5: { index: 'miniprogram/dist/h5/index.html', script: 'build:h5', label: '考生端 H5' },
  /** The H5 build standing in for WeChat through /sim: the browser tests' build, never served by `npm start`. */
  h5Simulator: { index: 'miniprogram/dist/h5-sim/index.html', script: 'build:h5:sim', label: '考生端 H5（模拟微信）' },
  admin: { index: 'admin/dist/index.html', script: 'build:admin', label: '考办管理后台' },
} as const;

export type FrontEnd = keyof typeof FRONT_ENDS;

/** What `npm start` serves. */
export const SERVED_FRONT_ENDS: FrontEnd[] = ['h5', 'admin'];

/** Builds a front end once, when its output is missing (a fresh clone); `npm run build` rebuilds on purpose. */
export function ensureBuilt(app: FrontEnd): void {
  const { index, script } = FRONT_ENDS[app];
  if (existsSync(new URL(index, `file://${REPO_ROOT}`))) return;
  // A test runner's NODE_ENV=test would make the bundler emit development code (React Refresh hooks that throw
  // outside a dev server): build exactly as `npm run <script>` from a shell does.
  const { NODE_ENV: _ignored, ...env } = process.env;
  execFileSync('npm', ['run', script], { cwd: REPO_ROOT, stdio: 'inherit', env });
}
