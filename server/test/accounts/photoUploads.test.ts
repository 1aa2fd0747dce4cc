import fs from 'node:fs/promises';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { removeUnlinkedPhotos } from '../../src/modules/accounts/registration/photoCleanup';
import { ApiClient } from '../support/apiClient';
import { solvedCaptcha, submitRegistration, uploadPhoto } from '../support/accountFlows';
import { insertCatalog, type CatalogFixture } from '../support/fixtures';
import { makePng } from '../support/images';
import { startTestServer, type TestServer } from '../support/testApp';

const HOUR = 3600_000;

/** 新生注册 photos: who may upload, how many from one address, and what happens to those never used. */
describe('registration photo uploads', () => {
  let server: TestServer;
  let catalog: CatalogFixture;
  beforeAll(async () => {
    server = await startTestServer({ TRUST_PROXY: 'true', PHOTO_UPLOAD_IP_HOURLY: '10' });
    catalog = await insertCatalog(server.db, { capacity: 5 });
  });
  afterAll(() => server.close());

  const photoFile = (photoId: string) => path.join(server.config.dataDir, 'uploads', 'photos', photoId);
  const onDisk = (photoId: string) =>
    fs.access(photoFile(photoId)).then(
      () => true,
      () => false,
    );
  const captcha = () => solvedCaptcha(new ApiClient(server.baseUrl), server.simulator);

  async function uploaded(api: ApiClient): Promise<string> {
    const answer = await uploadPhoto(api, makePng(358, 441), await captcha());
    expect(answer.status, answer.text).toBe(200);
    return answer.body.photoId;
  }

  const register = (api: ApiClient, photoId: string) =>
    submitRegistration<{ registrationToken: string }>(api, server.simulator, {
      majorCode: catalog.majorCode,
      countyCode: catalog.countyCode,
      photoId,
    });

  it('needs an image captcha, used once, or the registration token of an application', async () => {
    const api = new ApiClient(server.baseUrl);
    const bare = await uploadPhoto(api, makePng(358, 441));
    expect(bare.status).toBe(400);
    expect(bare.body).toMatchObject({ code: 'CAPTCHA_REQUIRED', message: '请输入图片验证码' });

    const solved = await captcha();
    expect((await uploadPhoto(api, makePng(358, 441), solved)).status).toBe(200);
    expect((await uploadPhoto(api, makePng(358, 441), solved)).body).toMatchObject({ code: 'CAPTCHA_INVALID' });
    expect(
      (await uploadPhoto(api, makePng(358, 441), { ...(await captcha()), captchaAnswer: 'zzzz' })).body,
    ).toMatchObject({
      code: 'CAPTCHA_INVALID',
    });

    // An applicant correcting the application uploads with its token, no captcha.
    const submitted = await register(api, await uploaded(api));
    expect(submitted.status, JSON.stringify(submitted.body)).toBe(200);
    const applicant = new ApiClient(server.baseUrl);
    applicant.token = submitted.body.registrationToken;
    expect((await uploadPhoto(applicant, makePng(413, 579))).status).toBe(200);
    // A token that is not one is refused, not taken as anonymous.
    applicant.token = 'not-a-token';
    expect((await uploadPhoto(applicant, makePng(413, 579), await captcha())).status).toBe(401);
  });

  it('takes at most the hourly number from one address, also when they arrive together', async () => {
    const attacker = new ApiClient(server.baseUrl);
    const big = Buffer.concat([makePng(358, 441), Buffer.alloc(1_800_000)]);
    // Uploads without a captcha are refused before they are counted: they use up nobody's allowance.
    for (let i = 0; i < 12; i++) {
      expect((await uploadPhoto(attacker, big)).body).toMatchObject({ code: 'CAPTCHA_REQUIRED' });
    }
    // 30 uploads of 1.8 MB at once, each with its captcha solved.
    const captchas = await Promise.all(Array.from({ length: 30 }, captcha));
    const answers = await Promise.all(captchas.map((solved) => uploadPhoto(attacker, big, solved)));
    const accepted = answers.filter((a) => a.status === 200);
    expect(accepted).toHaveLength(10);
    for (const refused of answers.filter((a) => a.status !== 200)) {
      expect(refused.status).toBe(429);
      expect(refused.body).toMatchObject({ code: 'RATE_LIMITED', message: '操作过于频繁，请稍后再试' });
    }
    expect(await Promise.all(accepted.map((a) => onDisk(a.body.photoId)))).toEqual(accepted.map(() => true));
    // Another address is not affected.
    await uploaded(new ApiClient(server.baseUrl));
  });

  it('deletes the photos no application took within a day, once across instances', async () => {
    const api = new ApiClient(server.baseUrl);
    const linked = await uploaded(api);
    expect((await register(api, linked)).status).toBe(200);
    const abandoned = await uploaded(new ApiClient(server.baseUrl));
    const now = Date.now();

    await removeUnlinkedPhotos(server.services, new Date(now + 23 * HOUR));
    expect(await onDisk(abandoned)).toBe(true);

    // Two instances run the cleanup at the same time.
    const at = new Date(now + 25 * HOUR);
    await Promise.all([removeUnlinkedPhotos(server.services, at), removeUnlinkedPhotos(server.services, at)]);
    expect(await onDisk(abandoned)).toBe(false);
    expect(await onDisk(linked)).toBe(true);
    const [runs] = await server.db.sequelize.query(
      "SELECT state FROM job_runs WHERE job = 'photo_cleanup' AND run_key = ?",
      {
        replacements: [at.toISOString().slice(0, 13)],
      },
    );
    expect(runs).toEqual([{ state: 'finished' }]);
  });

  it('refuses, at submission, a photo the cleanup may be deleting', async () => {
    const api = new ApiClient(server.baseUrl);
    const photoId = await uploaded(api);
    const old = new Date(Date.now() - 23.5 * HOUR);
    await fs.utimes(photoFile(photoId), old, old);
    const submitted = await register(api, photoId);
    expect(submitted.status).toBe(400);
    expect(submitted.body).toMatchObject({ code: 'PHOTO_INVALID', message: '照片不符合要求：请重新上传照片' });
  });
});
