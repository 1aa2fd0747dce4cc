import path from 'node:path';
import { defineConfig, type UserConfigExport } from '@tarojs/cli';

const sharedSource = path.resolve(__dirname, '../../shared/src');

/**
 * npm keeps @tarojs/plugin-framework-react in this workspace's own node_modules (its optional vite peer differs from
 * the admin's), while Taro's hoisted runtime imports it: let webpack look here too.
 */
function resolveWorkspaceModules(chain: { resolve: { modules: { add(dir: string): { add(dir: string): unknown } } } }) {
  chain.resolve.modules.add(path.resolve(__dirname, '../node_modules')).add('node_modules');
}

/** The H5 build for development and tests stands in for WeChat (`--mode simulator`): kept apart from the web channel. */
const simulatorSuffix = process.env.TARO_APP_WECHAT_SIMULATOR === 'true' ? '-sim' : '';

/**
 * H5 sizes design pixels in rem, the root size following the screen's shorter side (750 design px = the screen on
 * a phone). Capped, a PC shows the 750-wide design as a column of 750 / 40 * 24 = 450 px with 18 px body text
 * (app.css centres that column), instead of 40 px text across the whole window.
 */
const H5_MAX_ROOT_SIZE = 24;

export default defineConfig<'webpack5'>(() => {
  const config: UserConfigExport<'webpack5'> = {
    projectName: 'kaowei-miniprogram',
    date: '2026-11-22',
    designWidth: 750,
    deviceRatio: { 640: 2.34 / 2, 750: 1, 375: 2, 828: 1.81 / 2 },
    sourceRoot: 'src',
    // One folder per target, so the WeChat and H5 builds never overwrite each other.
    outputRoot: `dist/${process.env.TARO_ENV}${simulatorSuffix}`,
    plugins: [],
    defineConstants: {},
    alias: { '@': path.resolve(__dirname, '../src') },
    framework: 'react',
    compiler: 'webpack5',
    cache: { enable: false },
    mini: {
      // The shared workspace ships TypeScript source.
      compile: { include: [sharedSource] },
      webpackChain: resolveWorkspaceModules,
      postcss: { pxtransform: { enable: true, config: {} }, cssModules: { enable: false } },
    },
    h5: {
      publicPath: '/',
      staticDirectory: 'static',
      compile: { include: [sharedSource] },
      webpackChain: resolveWorkspaceModules,
      router: { mode: 'hash' },
      output: { filename: 'js/[name].[contenthash:8].js', chunkFilename: 'js/[name].[contenthash:8].js' },
      postcss: {
        autoprefixer: { enable: true, config: {} },
        pxtransform: { enable: true, config: { maxRootSize: H5_MAX_ROOT_SIZE } },
        cssModules: { enable: false },
      },
    },
  };
  return config;
});
