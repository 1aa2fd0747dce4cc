import { execFileSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { REPO_ROOT } from './support/serverProcess';

const WEAPP = path.join(REPO_ROOT, 'miniprogram', 'dist', 'weapp');
const read = (file: string) => JSON.parse(readFileSync(path.join(WEAPP, file), 'utf8')) as Record<string, unknown>;

/** The value a .env file of the mini-program gives a variable (what the build bakes in when the shell has none). */
function envValue(file: string, name: string): string {
  const line = readFileSync(path.join(REPO_ROOT, 'miniprogram', file), 'utf8')
    .split('\n')
    .find((l) => l.startsWith(`${name}=`));
  return (line ?? '').slice(name.length + 1).replace(/^"|"$/g, '');
}

/** What WeChat DevTools opens: `npm run build:weapp` (run by CI before the tests; built here when missing). */
describe('the WeChat build', () => {
  beforeAll(() => {
    if (!existsSync(path.join(WEAPP, 'app.json'))) {
      execFileSync('npm', ['run', 'build:weapp'], { cwd: REPO_ROOT, stdio: 'inherit' });
    }
  }, 600_000);

  it('is a mini-program project with the configured appid', () => {
    const project = read('project.config.json');
    expect(project).toMatchObject({ compileType: 'miniprogram', miniprogramRoot: './' });
    expect(project.appid).toBe(process.env.TARO_APP_ID ?? envValue('.env.production', 'TARO_APP_ID'));
  });

  it('has every page compiled, with the 报考 / 我的 tab bar', () => {
    const app = read('app.json') as { pages: string[]; tabBar: { list: Array<{ pagePath: string; text: string }> } };
    expect(app.pages[0]).toBe('pages/booking/index');
    expect(app.pages).toEqual(expect.arrayContaining(['pages/login/index', 'pages/payment/index']));
    for (const page of app.pages) {
      for (const ext of ['js', 'wxml', 'json']) expect(existsSync(path.join(WEAPP, `${page}.${ext}`)), page).toBe(true);
    }
    expect(app.tabBar.list.map((t) => t.text)).toEqual(['报考', '我的']);
  });
});
