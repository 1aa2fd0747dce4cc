import type { RegistrationView } from '@kaowei/shared';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { submitRegistration as submitOperation } from '../../src/modules/accounts/registration/submitRegistration';
import { applicationView } from '../../src/modules/accounts/registration/submitRegistration';
import { removeUnlinkedPhotos } from '../../src/modules/accounts/registration/photoCleanup';
import {
  registrationExtras,
  solvedCaptcha,
  submitRegistration,
  uploadIdCardImage,
  uploadPhoto,
} from '../support/accountFlows';
import { signedInOfficial, type OfficialClient } from '../support/adminSession';
import { ApiClient, randomPhone } from '../support/apiClient';
import { pdfBytes } from '../support/applications';
import { freshIdCardNo, insertCatalog, type CatalogFixture } from '../support/fixtures';
import { makePng } from '../support/images';
import { startTestServer, type TestServer } from '../support/testApp';

type Answer = RegistrationView & { registrationToken: string; code?: string; message?: string };
const DAY = 86_400_000;

describe('新生注册 completed: windows, 须知, ID-card image, photo verdicts', () => {
  let server: TestServer;
  let catalog: CatalogFixture;
  let county: OfficialClient;
  let province: OfficialClient;

  beforeAll(async () => {
    // Many registrations from one address: keep the per-network SMS limits out of the way.
    server = await startTestServer({ SMS_IP_HOURLY: '100000', SMS_IP_DAILY: '100000', SMS_IP_CAPTCHA_AFTER: '100000' });
    catalog = await insertCatalog(server.db, { capacity: 5 });
    await server.db.models.County.update(
      { officeName: '城东区自考办', officeAddress: '城东区教育局二楼203室' },
      { where: { id: catalog.countyId } },
    );
    county = await signedInOfficial(server, 'county', { countyId: catalog.countyId });
    province = await signedInOfficial(server, 'province');
  });
  afterAll(() => server.close());

  async function register(api: ApiClient) {
    const photo = await uploadPhoto(api, makePng(358, 441), await solvedCaptcha(api, server.simulator));
    const answer = await submitRegistration<Answer>(api, server.simulator, {
      majorCode: catalog.majorCode,
      countyCode: catalog.countyCode,
      photoId: photo.body.photoId,
      ethnicity: '藏族',
      education: 'college',
    });
    expect(answer.status, answer.text).toBe(200);
    api.token = answer.body.registrationToken;
    return answer.body;
  }

  it('is refused outside the province’s window, with the window’s times, and withdrawn after its review deadline', async () => {
    // The province sets a window far from every other test's, so it is the nearest one to the clocks below.
    const opensAt = new Date(Date.now() + 400 * DAY);
    const closesAt = new Date(opensAt.getTime() + DAY);
    const reviewClosesAt = new Date(opensAt.getTime() + 3 * DAY);
    const added = await province.api.post('/api/admin/registration-windows', {
      periodId: null,
      opensAt: opensAt.toISOString(),
      closesAt: closesAt.toISOString(),
      reviewClosesAt: reviewClosesAt.toISOString(),
    });
    expect(added.status, added.text).toBe(200);
    const byCounty = await county.api.post('/api/admin/registration-windows', {
      opensAt: opensAt.toISOString(),
      closesAt: closesAt.toISOString(),
      reviewClosesAt: reviewClosesAt.toISOString(),
    });
    expect(byCounty.status).toBe(403);

    const api = new ApiClient(server.baseUrl);
    const phone = randomPhone();
    const photo = await uploadPhoto(api, makePng(358, 441), await solvedCaptcha(api, server.simulator));
    await api.post('/api/registrations/sms-code', { phone });
    const input = {
      documentType: 'resident_id' as const,
      idCardNo: freshIdCardNo(),
      name: '李小明',
      phone,
      smsCode: await server.simulator.latestSmsCode(phone),
      majorCode: catalog.majorCode,
      countyCode: catalog.countyCode,
      password: 'Register2027',
      photoId: photo.body.photoId,
      ...(await registrationExtras(api, server.simulator)),
    } as Parameters<typeof submitOperation>[1];
    for (const at of [opensAt.getTime() - DAY, closesAt.getTime() + 1000]) {
      await expect(submitOperation(server.services, input, new Date(at))).rejects.toMatchObject({
        code: 'APPLICATION_WINDOW_CLOSED',
        message: expect.stringMatching(
          /^当前不在新生注册办理时间内（办理时间：\d{4}年\d{1,2}月\d{1,2}日 \d\d:\d\d 至 \d{4}年.+）$/,
        ),
      });
    }
    // Refused before the code was spent: inside the window the same code still works.
    const inside = await submitOperation(server.services, input, new Date(opensAt.getTime() + 1000));
    expect(inside).toMatchObject({ state: 'submitted', reviewClosesAt: reviewClosesAt.toISOString() });

    // Unreviewed at the review deadline: withdrawn, for the applicant and the office alike.
    const application = (await server.db.models.Application.findByPk(inside.applicationId))!;
    expect((await applicationView(server.services, application, new Date(reviewClosesAt.getTime() - 1))).state).toBe(
      'submitted',
    );
    expect((await applicationView(server.services, application, reviewClosesAt)).state).toBe('withdrawn');
  });

  it('tells the window open now, and treats a registration past its review deadline as withdrawn everywhere', async () => {
    const window = await new ApiClient(server.baseUrl).get<{ openNow: boolean; window: unknown }>(
      '/api/registrations/window',
    );
    expect(window.body.openNow).toBe(true);

    const applicant = new ApiClient(server.baseUrl);
    const submitted = await register(applicant);
    await county.api.post(`/api/admin/registrations/${submitted.applicationId}/reject`, { reason: '学历信息有误' });
    await server.db.models.Application.update(
      { reviewClosesAt: new Date(Date.now() - 1000) },
      { where: { id: submitted.applicationId } },
    );

    expect((await applicant.get<Answer>('/api/registrations/mine')).body.state).toBe('withdrawn');
    const corrected = await applicant.put<Answer>('/api/registrations/mine', {});
    expect(corrected.status).toBe(400);
    const stored = (await server.db.models.Application.findByPk(submitted.applicationId))!;
    const resubmitted = await applicant.put<Answer>('/api/registrations/mine', {
      name: '李小明',
      phone: stored.phone,
      majorCode: catalog.majorCode,
      countyCode: catalog.countyCode,
      password: 'Register2027',
      photoId: stored.photoPath,
      idCardImageId: stored.idCardImage,
      ethnicity: '藏族',
      education: 'college',
      termsAccepted: true,
    });
    expect(resubmitted.status).toBe(409);
    expect(resubmitted.body.code).toBe('REGISTRATION_WITHDRAWN');
    expect(resubmitted.body.message).toMatch(/^注册申请未在审核截止时间（\d{4}年.+）前通过审核，已视为放弃/);

    const withdrawn = await county.api.get<{ items: Answer[] }>('/api/admin/registrations?state=withdrawn');
    expect(withdrawn.body.items.map((i) => i.applicationId)).toContain(submitted.applicationId);
    const rejected = await county.api.get<{ items: Answer[] }>('/api/admin/registrations?state=rejected');
    expect(rejected.body.items.map((i) => i.applicationId)).not.toContain(submitted.applicationId);
    const approve = await county.api.post(`/api/admin/registrations/${submitted.applicationId}/approve`, {});
    expect(approve.status).toBe(409);
  });

  it('needs 须知 accepted, 民族 and 文化程度, and keeps when the terms were accepted', async () => {
    const api = new ApiClient(server.baseUrl);
    const photo = await uploadPhoto(api, makePng(358, 441), await solvedCaptcha(api, server.simulator));
    const unread = await submitRegistration<Answer>(api, server.simulator, {
      majorCode: catalog.majorCode,
      countyCode: catalog.countyCode,
      photoId: photo.body.photoId,
      termsAccepted: false,
      ethnicity: '火星族',
    });
    expect(unread.status).toBe(400);
    expect(unread.body.message).toContain('请先阅读并同意《考生须知》和服务条款');
    expect(unread.body.message).toContain('请选择民族');

    const before = Date.now();
    const submitted = await register(new ApiClient(server.baseUrl));
    expect(Date.parse(submitted.termsAcceptedAt!)).toBeGreaterThanOrEqual(before - 1000);
    const detail = await county.api.get<Answer>(`/api/admin/registrations/${submitted.applicationId}`);
    expect(detail.body).toMatchObject({
      ethnicity: '藏族',
      education: 'college',
      educationName: '大学专科',
      hasIdCardImage: true,
      photo: { state: 'pending', stateName: '待审核', rejections: 0 },
      offlineCapture: null,
    });
    const image = await fetch(`${server.baseUrl}/api/admin/registrations/${submitted.applicationId}/id-card-image`, {
      headers: { Authorization: `Bearer ${county.api.token}` },
    });
    expect(image.status).toBe(200);
    expect(image.headers.get('content-type')).toBe('image/png');
  });

  it('refuses an ID-card image that is not a JPG or PNG by its bytes, before anything is stored', async () => {
    const api = new ApiClient(server.baseUrl);
    const stored = await server.services.idCardImages.list();
    for (const [bytes, name] of [
      [Buffer.from('plain text pretending to be a picture'), 'card.jpg'],
      [pdfBytes(), 'card.png'],
      [Buffer.concat([makePng(640, 400), Buffer.alloc(5 * 1024 * 1024)]), 'card.png'],
    ] as const) {
      const refused = await uploadIdCardImage(api, bytes, await solvedCaptcha(api, server.simulator), name);
      expect(refused.status).toBe(400);
      expect(refused.body.code).toBe('ATTACHMENT_INVALID');
    }
    expect(await server.services.idCardImages.list()).toEqual(stored);
    const good = await uploadIdCardImage(api, makePng(640, 400), await solvedCaptcha(api, server.simulator));
    expect(good.status, good.text).toBe(200);
    expect(await server.services.idCardImages.list()).toContain(good.body.idCardImageId);
  });

  it('deletes ID-card images no application took within a day, keeping the linked ones', async () => {
    const api = new ApiClient(server.baseUrl);
    const abandoned = await uploadIdCardImage(api, makePng(640, 400), await solvedCaptcha(api, server.simulator));
    const submitted = await register(new ApiClient(server.baseUrl));
    const linked = (await server.db.models.Application.findByPk(submitted.applicationId))!.idCardImage!;
    // An hour no other test's cleanup claims (job_runs: once per hour across instances).
    await removeUnlinkedPhotos(server.services, new Date(Date.now() + 49 * 3600_000));
    const left = await server.services.idCardImages.list();
    expect(left).toContain(linked);
    expect(left).not.toContain(abandoned.body.idCardImageId);
  });

  it('shows the photo’s verdict; after 3 rejected photos offers the county office, with its address', async () => {
    const applicant = new ApiClient(server.baseUrl);
    const submitted = await register(applicant);
    const id = submitted.applicationId;
    expect(submitted.photo).toMatchObject({ state: 'pending', stateName: '待审核' });

    const noReason = await county.api.post(`/api/admin/registrations/${id}/photo-verdict`, { verdict: 'rejected' });
    expect(noReason.status).toBe(400);
    expect(noReason.text).toContain('请填写照片不合格的原因');

    for (let round = 1; round <= 3; round++) {
      const judged = await county.api.post<Answer>(`/api/admin/registrations/${id}/photo-verdict`, {
        verdict: 'rejected',
        reason: `背景不是白色（第${round}次）`,
      });
      expect(judged.status, judged.text).toBe(200);
      const mine = (await applicant.get<Answer>('/api/registrations/mine')).body;
      expect(mine.photo).toMatchObject({
        state: 'rejected',
        stateName: '不合格',
        rejectReason: `背景不是白色（第${round}次）`,
        rejections: round,
      });
      if (round < 3) {
        expect(mine.offlineCapture).toBeNull();
        // Judged already: the office waits for a new photo.
        expect(
          (await county.api.post(`/api/admin/registrations/${id}/photo-verdict`, { verdict: 'approved' })).status,
        ).toBe(409);
        expect((await county.api.post(`/api/admin/registrations/${id}/approve`, {})).body.code).toBe(
          'PHOTO_NOT_APPROVED',
        );
        const photo = await uploadPhoto(applicant, makePng(358, 441));
        const replaced = await applicant.put<Answer>('/api/registrations/mine/photo', { photoId: photo.body.photoId });
        expect(replaced.status, replaced.text).toBe(200);
        expect(replaced.body.photo).toMatchObject({ state: 'pending', stateName: '待审核', rejectReason: null });
      } else {
        expect(mine.offlineCapture).toEqual({ officeName: '城东区自考办', officeAddress: '城东区教育局二楼203室' });
      }
    }

    // Another photo after the offer, judged 合格: the application can be approved.
    const photo = await uploadPhoto(applicant, makePng(358, 441));
    await applicant.put('/api/registrations/mine/photo', { photoId: photo.body.photoId });
    const good = await county.api.post<Answer>(`/api/admin/registrations/${id}/photo-verdict`, { verdict: 'approved' });
    expect(good.body).toMatchObject({ photo: { state: 'approved', stateName: '合格' }, offlineCapture: null });
    const approved = await county.api.post<Answer>(`/api/admin/registrations/${id}/approve`, {});
    expect(approved.status, approved.text).toBe(200);
    const application = (await server.db.models.Application.findByPk(id))!;
    const candidate = (await server.db.models.Candidate.findByPk(application.candidateId!))!;
    expect({ ethnicity: candidate.ethnicity, education: candidate.education }).toEqual({
      ethnicity: '藏族',
      education: '大学专科',
    });
  });
});
