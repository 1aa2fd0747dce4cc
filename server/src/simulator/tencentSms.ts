import { createHash, createHmac, randomUUID, timingSafeEqual } from 'node:crypto';
import Router from '@koa/router';
import type { Context } from 'koa';
import type { SimulatorState } from './state';

export interface SimulatedSmsAccount {
  secretId: string;
  secretKey: string;
  sdkAppId: string;
}

const sha256 = (data: string) => createHash('sha256').update(data).digest('hex');
const hmac = (key: string | Buffer, data: string) => createHmac('sha256', key).update(data).digest();

/** Recomputes a TC3-HMAC-SHA256 signature the way Tencent Cloud does. */
export function tc3Signature(input: {
  secretKey: string;
  method: string;
  path: string;
  query: string;
  contentType: string;
  host: string;
  body: string;
  timestamp: number;
  service: string;
}): string {
  const date = new Date(input.timestamp * 1000).toISOString().slice(0, 10);
  const canonical = [
    input.method,
    input.path,
    input.query,
    `content-type:${input.contentType}\nhost:${input.host}\n`,
    'content-type;host',
    sha256(input.body),
  ].join('\n');
  const scope = `${date}/${input.service}/tc3_request`;
  const toSign = ['TC3-HMAC-SHA256', input.timestamp, scope, sha256(canonical)].join('\n');
  const key = hmac(hmac(hmac(`TC3${input.secretKey}`, date), input.service), 'tc3_request');
  return createHmac('sha256', key).update(toSign).digest('hex');
}

const AUTH =
  /^TC3-HMAC-SHA256 Credential=([^/]+)\/(\d{4}-\d{2}-\d{2})\/([^/]+)\/tc3_request, SignedHeaders=([^,]+), Signature=([0-9a-f]{64})$/;

/** Tencent Cloud SMS API 2021-01-11 SendSms, with the signature check and error shapes of the real service. */
export function tencentSmsRoutes(state: SimulatorState, account: SimulatedSmsAccount, now: () => number): Router {
  const router = new Router();
  router.post('/', (ctx: Context) => {
    const requestId = randomUUID();
    const fail = (code: string, message: string) =>
      void (ctx.body = { Response: { Error: { Code: code, Message: message }, RequestId: requestId } });
    const auth = AUTH.exec(ctx.get('Authorization'));
    if (!auth) return fail('AuthFailure.SignatureFailure', 'The provided credentials could not be validated.');
    const [, secretId, , service, signedHeaders, signature] = auth;
    if (secretId !== account.secretId) return fail('AuthFailure.SecretIdNotFound', 'The SecretId is not found.');
    const timestamp = Number(ctx.get('X-TC-Timestamp'));
    if (!Number.isFinite(timestamp) || Math.abs(now() / 1000 - timestamp) > 300) {
      return fail('AuthFailure.SignatureExpire', 'Signature expired.');
    }
    const expected = tc3Signature({
      secretKey: account.secretKey,
      method: ctx.method,
      path: ctx.path,
      query: ctx.querystring,
      contentType: ctx.get('Content-Type'),
      host: ctx.hostname,
      body: (ctx.request as { rawBody?: string }).rawBody ?? '',
      timestamp,
      service: service!,
    });
    if (signedHeaders !== 'content-type;host' || !timingSafeEqual(Buffer.from(expected), Buffer.from(signature!))) {
      return fail('AuthFailure.SignatureFailure', 'The provided credentials could not be validated.');
    }
    if (ctx.get('X-TC-Action') !== 'SendSms' || ctx.get('X-TC-Version') !== '2021-01-11') {
      return fail('InvalidAction', 'The action requested is not supported.');
    }
    const body = ctx.request.body as {
      SmsSdkAppId?: string;
      SignName?: string;
      TemplateId?: string;
      PhoneNumberSet?: string[];
      TemplateParamSet?: string[];
    };
    if (body.SmsSdkAppId !== account.sdkAppId)
      return fail('FailedOperation.SmsSdkAppIdVerifyFail', 'SmsSdkAppId verify fail.');
    if (!body.SignName || !body.TemplateId || !body.PhoneNumberSet?.length) {
      return fail('MissingParameter', 'The request is missing a required parameter.');
    }
    const injected = state.failNext.get('SendSms');
    if (injected !== undefined) {
      state.failNext.delete('SendSms');
      return fail(String(injected), 'simulated failure');
    }
    const sentAt = new Date(now()).toISOString();
    const statuses = body.PhoneNumberSet.map((number) => {
      const phone = number.replace(/^\+86/, '');
      state.smsInbox.push({
        phone,
        signName: body.SignName!,
        templateId: body.TemplateId!,
        params: body.TemplateParamSet ?? [],
        sentAt,
      });
      return {
        SerialNo: randomUUID(),
        PhoneNumber: number,
        Fee: 1,
        SessionContext: '',
        Code: 'Ok',
        Message: 'send success',
        IsoCode: 'CN',
      };
    });
    ctx.body = { Response: { SendStatusSet: statuses, RequestId: requestId } };
  });

  router.get('/sim/sms/inbox', (ctx: Context) => {
    const phone = ctx.query.phone;
    ctx.body = { messages: state.smsInbox.filter((m) => !phone || m.phone === phone).reverse() };
  });
  return router;
}
