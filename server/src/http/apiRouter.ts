import { OpenAPIRegistry, OpenApiGeneratorV31 } from '@asteasolutions/zod-to-openapi';
import Router, { type RouterContext } from '@koa/router';
import type { Middleware } from 'koa';
import type { z } from 'zod';
import type { AppState } from './types';

type Method = 'get' | 'post' | 'put' | 'delete';

export interface RouteSpec<Body extends z.ZodType | undefined, Query extends z.ZodObject | undefined> {
  method: Method;
  /** Koa style: `/api/admin/registrations/:id`. */
  path: string;
  summary: string;
  tag: string;
  /** Who may call it; shown in the OpenAPI document. */
  security?: 'candidate' | 'official' | 'registration';
  body?: Body;
  query?: Query;
  /** Authentication and permission middleware, run before validation of the body. */
  guards?: Middleware<AppState>[];
  /** A non-JSON request (multipart upload): its text fields are `body`, if given. */
  contentType?: string;
}

type Infer<T> = T extends z.ZodType ? z.output<T> : undefined;

export type ApiContext = RouterContext<AppState>;

export type Handler<Body extends z.ZodType | undefined, Query extends z.ZodObject | undefined> = (
  ctx: ApiContext,
  input: { body: Infer<Body>; query: Infer<Query> },
) => Promise<unknown> | unknown;

/**
 * Routes declared once: the Koa route (guards → zod validation → handler, whose return value is the
 * JSON answer) and its OpenAPI entry, so /api/openapi.json always lists every endpoint.
 */
export class ApiRouter {
  readonly router = new Router<AppState>();

  constructor(private readonly registry: OpenAPIRegistry) {}

  route<Body extends z.ZodType | undefined = undefined, Query extends z.ZodObject | undefined = undefined>(
    spec: RouteSpec<Body, Query>,
    handler: Handler<Body, Query>,
  ): this {
    this.registry.registerPath({
      method: spec.method,
      path: spec.path.replace(/:(\w+)/g, '{$1}'),
      summary: spec.summary,
      tags: [spec.tag],
      security: spec.security ? [{ [spec.security]: [] }] : undefined,
      request: {
        params: undefined,
        query: spec.query,
        body:
          spec.body || spec.contentType
            ? { content: { [spec.contentType ?? 'application/json']: { schema: spec.body ?? {} } } }
            : undefined,
      },
      responses: {
        200: { description: '成功' },
        default: { description: '错误：{code, message, requestId}' },
      },
    });
    const validateAndHandle: Middleware<AppState> = async (ctx) => {
      const c = ctx as ApiContext;
      const body = spec.body ? spec.body.parse(c.request.body ?? {}) : undefined;
      const query = spec.query ? spec.query.parse(c.query) : undefined;
      const result = await handler(c, { body, query } as { body: Infer<Body>; query: Infer<Query> });
      if (result !== undefined) c.body = result;
      else if (c.body === undefined) c.status = 204;
    };
    this.router[spec.method](spec.path, ...(spec.guards ?? []), validateAndHandle);
    return this;
  }
}

export function createOpenApiRegistry(): OpenAPIRegistry {
  const registry = new OpenAPIRegistry();
  for (const name of ['candidate', 'official', 'registration']) {
    registry.registerComponent('securitySchemes', name, { type: 'http', scheme: 'bearer', bearerFormat: 'JWT' });
  }
  return registry;
}

export function openApiDocument(registry: OpenAPIRegistry): unknown {
  return new OpenApiGeneratorV31(registry.definitions).generateDocument({
    openapi: '3.1.0',
    info: { title: 'Kaowei 考位 API', version: '0.1.0', description: '自学考试课程报考系统接口' },
  });
}
