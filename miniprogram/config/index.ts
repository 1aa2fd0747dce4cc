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

export default defineConfig<'webpack5'>(() => {
  const config: UserConfigExport<'webpack5'> = {
    projectName: 'kaowei-miniprogram',
    date: '2026-11-22',
    designWidth: 750,
    deviceRatio: { 640: 2.34 / 2, 750: 1, 375: 2, 828: 1.81 / 2 },
    sourceRoot: 'src',
    // One folder per target, so the WeChat and H5 builds never overwrite each other.
    outputRoot: `dist/${process.env.TARO_ENV}`,
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
      postcss: { autoprefixer: { enable: true, config: {} }, cssModules: { enable: false } },
    },
  };
  return config;
});
