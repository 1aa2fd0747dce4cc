import 'koa';

/** The uploaded file @koa/multer puts on the request. */
declare module 'koa' {
  interface Request {
    file?: Express.Multer.File;
  }
}
