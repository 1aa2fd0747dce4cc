import { randomBytes } from 'node:crypto';
import { QueryTypes } from 'sequelize';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { beijingDateString, beijingInstant } from '../../src/lib/beijingTime';
import { enqueue } from '../../src/modules/notifications/enqueue';
import { runPeriodNotices } from '../../src/modules/notifications/periodNotices';
import { runReleaseReminders } from '../../src/modules/notifications/releaseReminder';
import {
  applicationWorld,
  createDraft,
  pdfBytes,
  signedInCandidate,
  submit,
  uploadProof,
} from '../support/applications';
import { freshIdCardNo } from '../support/fixtures';
import { startTestServer, type TestServer } from '../support/testApp';
import { twoCountyOffices } from '../support/adminSession';
import { holdAndConfirm, holdCourses, payByScan, readyCandidate, refundAbnormally } from '../support/bookingFlows';
import { paymentSuite } from '../support/paymentSuite';

interface OutboxRow {
  candidate_id: number;
  event: string;
  dedupe_key: string;
  data: unknown;
  state: string;
}

describe('events write their messages', () => {
  const suite = paymentSuite({ capacity: 50 });
  const outboxOf = async (candidateId: number) =>
    (
      await suite.server.db.sequelize.query<OutboxRow>(
        'SELECT candidate_id, event, dedupe_key, data, state FROM outbox_messages WHERE candidate_id = ? ORDER BY id',
        { replacements: [candidateId], type: QueryTypes.SELECT },
      )
    ).map((row) => ({ ...row, data: typeof row.data === 'string' ? (JSON.parse(row.data) as unknown) : row.data }));

  it('payment received, then refund abnormal, each once', async () => {
    const { server, catalog } = suite;
    const booked = await holdAndConfirm(server, catalog);
    await payByScan(server, booked);
    const order = await server.db.models.PaymentOrder.findOne({ where: { outTradeNo: booked.outTradeNo } });
    expect(await outboxOf(booked.candidate.candidateId)).toEqual([
      expect.objectContaining({
        event: 'payment_received',
        dedupe_key: `payment_received:${order!.id}`,
        data: expect.objectContaining({ amountFen: booked.amountFen, outTradeNo: booked.outTradeNo }),
        state: 'pending',
      }),
    ]);
    await refundAbnormally(server, booked);
    const messages = await outboxOf(booked.candidate.candidateId);
    expect(messages.map((m) => m.event)).toEqual(['payment_received', 'refund_abnormal']);
    expect(messages[1]!.data).toMatchObject({ amountFen: booked.amountFen });
  });

  it('reminds, before the end-of-day release, only candidates with unpaid seats, once', async () => {
    const { server, catalog } = suite;
    const unpaid = await holdCourses(server, catalog, 2);
    const paid = await holdAndConfirm(server, catalog, 1);
    await payByScan(server, paid);
    const period = (await server.db.models.ExamPeriod.findByPk(catalog.periodId))!;
    const release = beijingInstant(beijingDateString(new Date()), period.dailyReleaseTime);
    const minutes = server.config.notifications.releaseReminderMinutes;
    const early = new Date(release.getTime() - (minutes + 1) * 60_000);
    const due = new Date(release.getTime() - minutes * 60_000);
    const deps = { ...server.services };

    expect(await runReleaseReminders(deps, { now: early, periodId: catalog.periodId })).toBe(0);
    expect(await runReleaseReminders(deps, { now: due, periodId: catalog.periodId })).toBeGreaterThan(0);
    expect(await runReleaseReminders(deps, { now: new Date(due.getTime() + 60_000), periodId: catalog.periodId })).toBe(
      0,
    );
    const reminders = (await outboxOf(unpaid.candidate.candidateId)).filter((m) => m.event === 'release_reminder');
    expect(reminders).toHaveLength(1);
    expect(reminders[0]!.data).toMatchObject({ releaseAt: period.dailyReleaseTime, items: 2 });
    expect((await outboxOf(paid.candidate.candidateId)).map((m) => m.event)).toEqual(['payment_received']);
  });

  it('refund succeeded, and the print window opening to candidates with paid courses, once', async () => {
    const { server, catalog } = suite;
    const refunded = await holdAndConfirm(server, catalog, 1);
    await payByScan(server, refunded);
    const paid = await holdAndConfirm(server, catalog, 1);
    await payByScan(server, paid);
    const asked = await refunded.api.post('/api/payments/refunds', {
      outTradeNo: refunded.outTradeNo,
      reason: '时间冲突',
    });
    expect(asked.status, asked.text).toBe(200);
    await vi.waitFor(
      async () =>
        expect((await outboxOf(refunded.candidate.candidateId)).map((m) => m.event)).toEqual([
          'payment_received',
          'refund_succeeded',
        ]),
      { timeout: 10_000, interval: 50 },
    );

    const opensAt = new Date(Math.floor(Date.now() / 1000) * 1000 - 60_000);
    await server.db.models.ExamPeriod.update({ printOpensAt: opensAt }, { where: { id: catalog.periodId } });
    await runPeriodNotices(server.services, { now: new Date() });
    await runPeriodNotices(server.services, { now: new Date() });
    const told = (await outboxOf(paid.candidate.candidateId)).filter((m) => m.event === 'print_window_opened');
    expect(told).toHaveLength(1);
    expect(told[0]!.data).toMatchObject({ opensAt: opensAt.toISOString() });
    expect((await outboxOf(refunded.candidate.candidateId)).map((m) => m.event)).not.toContain('print_window_opened');
  });
});

describe('the candidate’s notification settings', () => {
  const suite = paymentSuite({ capacity: 5 });

  it('counts accepted one-time subscriptions of our templates, for a WeChat user only', async () => {
    const { server } = suite;
    const { api, candidate } = await readyCandidate(server);
    const tmpl = server.config.notifications.wechatTemplates.release_reminder!;
    const other = server.config.notifications.wechatTemplates.payment_received!;
    const report = { results: { [tmpl]: 'accept', [other]: 'reject', 'not-ours': 'accept' } };
    const refused = await api.post('/api/notifications/subscriptions', report);
    expect(refused.status).toBe(400);
    expect(refused.body).toMatchObject({ code: 'SUBSCRIBE_NEEDS_WECHAT' });

    const openid = `o${randomBytes(21).toString('base64url')}`;
    await server.db.sequelize.query('UPDATE candidates SET wechat_openid = ? WHERE id = ?', {
      replacements: [openid, candidate.candidateId],
    });
    expect((await api.post('/api/notifications/subscriptions', report)).body).toEqual({ accepted: [tmpl] });
    await api.post('/api/notifications/subscriptions', report);
    const rows = await server.db.sequelize.query<{ template_id: string; remaining: number }>(
      'SELECT template_id, remaining FROM notification_subscriptions WHERE openid = ?',
      { replacements: [openid], type: QueryTypes.SELECT },
    );
    expect(rows).toEqual([{ template_id: tmpl, remaining: 2 }]);

    const settings = await api.get('/api/notifications/settings');
    expect(settings.body).toMatchObject({ smsOptOut: false, templates: { release_reminder: tmpl } });
    expect((await api.put('/api/notifications/sms-opt-out', { optOut: true })).body).toMatchObject({ smsOptOut: true });
    expect((await api.get('/api/notifications/settings')).body).toMatchObject({ smsOptOut: true });
    expect((await api.put('/api/notifications/sms-opt-out', { optOut: false })).body).toMatchObject({
      smsOptOut: false,
    });
  });

  it('shows officials the delivery log of their own county’s candidates, phones masked', async () => {
    const { server } = suite;
    const offices = await twoCountyOffices(server);
    const mine = await readyCandidate(server);
    const theirs = await readyCandidate(server);
    for (const [who, county] of [
      [mine, offices.own.countyId],
      [theirs, offices.other.countyId],
    ] as const) {
      await server.db.sequelize.query('UPDATE candidates SET county_id = ? WHERE id = ?', {
        replacements: [county, who.candidate.candidateId],
      });
      await server.db.sequelize.transaction((transaction) =>
        enqueue(transaction, {
          candidateId: who.candidate.candidateId,
          event: 'notice',
          dedupeKey: `notice:test:${who.candidate.candidateId}`,
          data: { title: '考点变更', body: '请留意新的考点地址' },
        }),
      );
    }
    const log = await offices.ownCounty.api.get<{ items: Array<Record<string, unknown>>; total: number }>(
      '/api/admin/notifications/deliveries?event=notice',
    );
    expect(log.status, log.text).toBe(200);
    expect(log.body.total).toBe(1);
    expect(log.body.items[0]).toMatchObject({
      eventName: '考办通知',
      state: 'pending',
      phoneMasked: `${mine.phone.slice(0, 3)}****${mine.phone.slice(7)}`,
    });
    expect(JSON.stringify(log.body)).not.toContain(mine.phone);
  });
});

describe('application decisions', () => {
  let server: TestServer;
  let world: Awaited<ReturnType<typeof applicationWorld>>;
  beforeAll(async () => {
    server = await startTestServer({ TRUST_PROXY: 'true' });
    world = await applicationWorld(server);
  });
  afterAll(() => server.close());

  const submitted = async (applicant: Awaited<ReturnType<typeof signedInCandidate>>, form: Record<string, unknown>) => {
    const draft = await createDraft(applicant.api, 'info_change', form);
    await uploadProof(applicant.api, draft.body.id, pdfBytes(), { proof: 'id_document' });
    const sent = await submit(applicant.api, draft.body.id, form);
    expect(sent.status, sent.text).toBe(200);
    return draft.body.id;
  };
  const messagesOf = async (candidateId: number) =>
    (
      await server.db.sequelize.query<OutboxRow>('SELECT event, data FROM outbox_messages WHERE candidate_id = ?', {
        replacements: [candidateId],
        type: QueryTypes.SELECT,
      })
    ).map((row) => ({
      event: row.event,
      data: typeof row.data === 'string' ? (JSON.parse(row.data) as unknown) : row.data,
    }));

  it('tell the candidate a final decision, not a county forwarding it to the province', async () => {
    const applicant = await signedInCandidate(server, world.own.countyId);
    const id = await submitted(applicant, { name: '李新名', reason: '户籍登记姓名已变更' });
    const rejected = await world.ownCounty.api.post(`/api/admin/applications/${id}/decision`, {
      outcome: 'reject',
      reason: '请上传户籍证明',
    });
    expect(rejected.status, rejected.text).toBe(200);
    expect(await messagesOf(applicant.candidateId)).toEqual([
      { event: 'application_decided', data: { kindName: '信息变更', approved: false, reason: '请上传户籍证明' } },
    ]);

    const other = await signedInCandidate(server, world.own.countyId);
    const documentChange = await submitted(other, {
      documentType: 'resident_id',
      documentNo: freshIdCardNo(),
      reason: '身份证号码登记有误',
    });
    const forwarded = await world.ownCounty.api.post(`/api/admin/applications/${documentChange}/decision`, {
      outcome: 'approve',
    });
    expect(forwarded.body).toMatchObject({ state: 'in_review' });
    expect(await messagesOf(other.candidateId)).toEqual([]);
    await world.province.api.post(`/api/admin/applications/${documentChange}/decision`, { outcome: 'approve' });
    expect(await messagesOf(other.candidateId)).toEqual([
      { event: 'application_decided', data: { kindName: '信息变更', approved: true, reason: null } },
    ]);
  });
});
