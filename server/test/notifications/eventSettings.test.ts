import type { NotificationEventSettingView } from '@kaowei/shared';
import { randomBytes } from 'node:crypto';
import { QueryTypes } from 'sequelize';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { statementsTogether } from '../../src/db/sqlTx';
import { beijingInstant } from '../../src/lib/beijingTime';
import { deliverDue } from '../../src/modules/notifications/deliveryWorker';
import { enqueue } from '../../src/modules/notifications/enqueue';
import { addSubscriptions } from '../../src/modules/notifications/outboxRepository';
import { signedInOfficial, type OfficialClient } from '../support/adminSession';
import { randomPhone } from '../support/apiClient';
import { insertCatalog, insertCandidateWithTicket } from '../support/fixtures';
import { startTestServer, type TestServer } from '../support/testApp';

let server: TestServer;
let province: OfficialClient;
let county: OfficialClient;
beforeAll(async () => {
  server = await startTestServer();
  province = await signedInOfficial(server, 'province');
  const { countyId } = await insertCatalog(server.db, { capacity: 1 });
  county = await signedInOfficial(server, 'county', { countyId });
});
afterAll(async () => {
  await setSmsAlways(false);
  await server.close();
});

const PATH = '/api/admin/notifications/event-settings';
// 退费异常: no other test delivers it to a subscriber, so marking it here changes nobody else's messages.
const EVENT = 'refund_abnormal';
const setSmsAlways = (smsAlways: boolean) => province.api.put(PATH, { settings: [{ event: EVENT, smsAlways }] });

/** A subscriber of the event's template (WeChat and our count both know), with a phone. */
async function subscriber(options: { smsOptOut?: boolean } = {}) {
  const phone = randomPhone();
  const { candidateId } = await insertCandidateWithTicket(server.db, 'subscriber', { phone });
  const openid = `o${randomBytes(21).toString('base64url')}`;
  await server.db.sequelize.query('UPDATE candidates SET wechat_openid = ?, sms_opt_out_at = ? WHERE id = ?', {
    replacements: [openid, options.smsOptOut ? new Date() : null, candidateId],
  });
  const template = server.config.notifications.wechatTemplates[EVENT]!;
  await server.simulator.acceptSubscriptions(openid, [template]);
  await statementsTogether(server.db.sequelize, (sql) => addSubscriptions(sql, openid, [template], new Date()));
  return { candidateId, phone, openid };
}

let day = 0;
/** Enqueued and delivered on a Beijing day of its own (the worker takes only what is due by its clock). */
async function refundAbnormal(candidateId: number, time = '10:00') {
  day += 1;
  const at = beijingInstant(new Date(Date.UTC(2019, 5, 30 - day)).toISOString().slice(0, 10), time);
  const dedupeKey = `sms-always:${Date.now()}:${day}`;
  await server.db.sequelize.transaction((transaction) =>
    enqueue(
      transaction,
      { candidateId, event: EVENT, dedupeKey, data: { amountFen: 3500, outRefundNo: 'KWR2019TEST01' } },
      at,
    ),
  );
  await deliverDue(server.services, { now: at, limit: 100 });
  return messageState(dedupeKey);
}
async function messageState(dedupeKey: string) {
  const [row] = await server.db.sequelize.query<{
    dedupe_key: string;
    state: string;
    last_error: string | null;
    next_attempt_at: Date;
  }>('SELECT dedupe_key, state, last_error, next_attempt_at FROM outbox_messages WHERE dedupe_key = ?', {
    replacements: [dedupeKey],
    type: QueryTypes.SELECT,
  });
  return row!;
}
const received = async (who: { phone: string; openid: string }) => ({
  wechat: (await server.simulator.subscribeMessages(who.openid)).messages.length,
  sms: (await server.simulator.inbox(who.phone)).length,
});

describe('通知设置: events that go by SMS as well', () => {
  it('only the province changes them, audited; every official reads them', async () => {
    const refused = await county.api.put(PATH, { settings: [{ event: EVENT, smsAlways: true }] });
    expect(refused.status).toBe(403);

    const changed = await setSmsAlways(true);
    expect(changed.status, changed.text).toBe(200);
    const seen = await county.api.get<NotificationEventSettingView[]>(PATH);
    expect(seen.status).toBe(200);
    expect(seen.body.find((s) => s.event === EVENT)).toMatchObject({ eventName: '退费异常', smsAlways: true });
    expect(seen.body.find((s) => s.event === 'payment_received')).toMatchObject({ smsAlways: false });

    const audit = await server.db.models.AuditLog.findOne({
      where: { action: 'notification_settings.update', actorId: province.id },
      order: [['id', 'DESC']],
    });
    expect(audit).toMatchObject({
      actorType: 'official',
      before: { [EVENT]: { smsAlways: false } },
      after: { [EVENT]: { smsAlways: true } },
    });
  });

  it('sends a subscriber the subscribe message only, and the SMS too once the event is marked', async () => {
    expect((await setSmsAlways(false)).status).toBe(200);
    const ordinary = await subscriber();
    expect(await refundAbnormal(ordinary.candidateId)).toMatchObject({ state: 'sent' });
    expect(await received(ordinary)).toEqual({ wechat: 1, sms: 0 });

    expect((await setSmsAlways(true)).status).toBe(200);
    const both = await subscriber();
    expect(await refundAbnormal(both.candidateId)).toMatchObject({ state: 'sent' });
    expect(await received(both)).toEqual({ wechat: 1, sms: 1 });

    const optedOut = await subscriber({ smsOptOut: true });
    expect(await refundAbnormal(optedOut.candidateId)).toMatchObject({
      state: 'sent',
      last_error: '考生已退订短信通知',
    });
    expect(await received(optedOut)).toEqual({ wechat: 1, sms: 0 });
  });

  it('keeps the SMS of a marked event for 08:00 at night, without a second subscribe message', async () => {
    expect((await setSmsAlways(true)).status).toBe(200);
    const night = await subscriber();
    const waiting = await refundAbnormal(night.candidateId, '23:00');
    expect(waiting.state).toBe('pending');
    expect(await received(night)).toEqual({ wechat: 1, sms: 0 });

    await deliverDue(server.services, { now: waiting.next_attempt_at, limit: 100 });
    expect(await messageState(waiting.dedupe_key)).toMatchObject({ state: 'sent' });
    expect(await received(night)).toEqual({ wechat: 1, sms: 1 });
  });
});
