import 'koa';

/** The uploaded file @koa/multer puts on the request. */
declare module 'koa' {
  interface Request {
    file?: Express.Multer.File;
    /** Files of several named fields (`multer().fields(…)`), by field name. */
    files?: Record<string, Express.Multer.File[]>;
  }
}
