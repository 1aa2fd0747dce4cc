declare module '@koa/multer' {
  import type { Middleware } from 'koa';
  import type { Options } from 'multer';

  interface KoaMulter {
    single(field: string): Middleware;
  }
  function multer(options?: Options): KoaMulter;
  namespace multer {
    function memoryStorage(): NonNullable<Options['storage']>;
  }
  export default multer;
}
