/// <reference types="@tarojs/taro" />

declare module '*.png';
declare module '*.svg';
declare module '*.css';

declare namespace NodeJS {
  interface ProcessEnv {
    TARO_ENV: 'weapp' | 'h5';
    /** API origin for the WeChat build; empty in H5 (same origin as the page). */
    TARO_APP_API_BASE?: string;
    TARO_APP_ID?: string;
    /** "true" in the H5 build for development and tests (`--mode simulator`); empty in production: the web channel. */
    TARO_APP_WECHAT_SIMULATOR?: string;
  }
}
