import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestServer, type TestServer } from './support/testApp';

const ACCOUNT_ENDPOINTS = [
  'get /api/captcha',
  'post /api/accounts/ticket-lookup',
  'post /api/accounts/login',
  'post /api/accounts/refresh',
  'post /api/accounts/wechat-login',
  'post /api/accounts/wechat/unlink',
  'get /api/accounts/me',
  'post /api/accounts/phone/sms-code',
  'post /api/accounts/phone',
  'post /api/accounts/phone/wechat',
  'post /api/accounts/phone/unbind/sms-code',
  'post /api/accounts/phone/unbind',
  'post /api/accounts/password',
  'post /api/accounts/password/reset/sms-code',
  'post /api/accounts/password/reset',
  'post /api/registrations/sms-code',
  'post /api/registrations/photos',
  'post /api/registrations',
  'get /api/registrations/window',
  'post /api/registrations/id-card-images',
  'put /api/registrations/mine/photo',
  'get /api/registrations/mine',
  'put /api/registrations/mine',
  'post /api/registrations/access',
  'post /api/admin/login',
  'get /api/admin/registrations',
  'get /api/admin/registrations/{id}',
  'get /api/admin/registrations/{id}/photo',
  'post /api/admin/registrations/{id}/approve',
  'post /api/admin/registrations/{id}/reject',
  'post /api/admin/registrations/{id}/photo-verdict',
  'get /api/admin/registrations/{id}/id-card-image',
  'get /api/admin/registration-windows',
  'post /api/admin/candidates/{id}/unbind-phone',
];

describe('/api/openapi.json', () => {
  let server: TestServer;
  beforeAll(async () => {
    server = await startTestServer();
  });
  afterAll(() => server.close());

  it('lists every accounts endpoint with its request schema, generated from the zod schemas', async () => {
    const response = await fetch(`${server.baseUrl}/api/openapi.json`);
    expect(response.status).toBe(200);
    const doc = (await response.json()) as {
      openapi: string;
      paths: Record<
        string,
        Record<string, { requestBody?: { content: Record<string, { schema: { properties?: object } }> } }>
      >;
    };
    expect(doc.openapi).toBe('3.1.0');
    const listed = Object.entries(doc.paths).flatMap(([path, methods]) =>
      Object.keys(methods).map((m) => `${m} ${path}`),
    );
    for (const endpoint of ACCOUNT_ENDPOINTS) expect(listed, endpoint).toContain(endpoint);

    const login = doc.paths['/api/accounts/login']!.post!.requestBody!.content['application/json']!.schema;
    expect(Object.keys(login.properties ?? {})).toEqual(
      expect.arrayContaining(['account', 'ticketToken', 'password', 'captchaId', 'captchaAnswer', 'wechatToken']),
    );
    const registration = doc.paths['/api/registrations']!.post!.requestBody!.content['application/json']!.schema;
    expect(Object.keys(registration.properties ?? {})).toEqual(
      expect.arrayContaining(['idCardNo', 'phone', 'smsCode', 'photoId']),
    );
  });
});
