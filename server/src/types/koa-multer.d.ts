declare module '@koa/multer' {
  import type { Middleware } from 'koa';
  import type { Options } from 'multer';

  interface KoaMulter {
    single(field: string): Middleware;
    fields(fields: Array<{ name: string; maxCount?: number }>): Middleware;
  }
  function multer(options?: Options): KoaMulter;
  namespace multer {
    function memoryStorage(): NonNullable<Options['storage']>;
    function diskStorage(options: {
      destination: string;
      filename?: (req: unknown, file: unknown, callback: (error: Error | null, name: string) => void) => void;
    }): NonNullable<Options['storage']>;
  }
  export default multer;
}
