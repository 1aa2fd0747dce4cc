import { randomBytes } from 'node:crypto';
import { QueryTypes } from 'sequelize';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { statementsTogether } from '../../src/db/sqlTx';
import { beijingInstant } from '../../src/lib/beijingTime';
import { claimBatch, deliverDue, LEASE_MS } from '../../src/modules/notifications/deliveryWorker';
import { enqueue } from '../../src/modules/notifications/enqueue';
import { addSubscriptions, settleMessage } from '../../src/modules/notifications/outboxRepository';
import { randomPhone } from '../support/apiClient';
import { insertCandidateWithTicket } from '../support/fixtures';
import { startTestServer, type TestServer } from '../support/testApp';

let server: TestServer;
beforeAll(async () => {
  server = await startTestServer();
});
afterAll(() => server.close());

/**
 * Each test runs on its own Beijing day, earlier than the previous test's: a worker only claims messages due
 * by its clock, so a test never takes another's messages (nor those other test files write at real time).
 */
let dayOffset = 0;
function testDay(): (time: string, plusMs?: number) => Date {
  dayOffset += 1;
  const date = new Date(Date.UTC(2020, 5, 30 - dayOffset)).toISOString().slice(0, 10);
  return (time, plusMs = 0) => new Date(beijingInstant(date, time).getTime() + plusMs);
}

const template = (event: string) => server.config.notifications.wechatTemplates[event]!;
const smsTemplate = (event: string) => server.config.notifications.smsTemplates[event]!;

async function candidate(options: { phone?: boolean; openid?: boolean; smsOptOut?: boolean } = {}) {
  const phone = options.phone === false ? undefined : randomPhone();
  const { candidateId } = await insertCandidateWithTicket(server.db, 'notified', { phone });
  const openid = options.openid ? `o${randomBytes(21).toString('base64url')}` : null;
  await server.db.sequelize.query('UPDATE candidates SET wechat_openid = ?, sms_opt_out_at = ? WHERE id = ?', {
    replacements: [openid, options.smsOptOut ? new Date() : null, candidateId],
  });
  return { candidateId, phone: phone ?? null, openid };
}

/** The candidate accepted the template in wx.requestSubscribeMessage: WeChat and our count both know. */
async function subscribe(openid: string, event: string, now: Date) {
  await server.simulator.acceptSubscriptions(openid, [template(event)]);
  await statementsTogether(server.db.sequelize, (sql) => addSubscriptions(sql, openid, [template(event)], now));
}

let keys = 0;
async function enqueued(
  candidateId: number,
  now: Date,
  event: 'payment_received' | 'scores_published' = 'scores_published',
) {
  const dedupeKey = `test:${Date.now()}:${(keys += 1)}`;
  await server.db.sequelize.transaction((transaction) =>
    enqueue(
      transaction,
      event === 'payment_received'
        ? {
            candidateId,
            event,
            dedupeKey,
            data: { amountFen: 12000, outTradeNo: 'KW2020TEST0001', paidAt: now.toISOString() },
          }
        : { candidateId, event, dedupeKey, data: { periodName: '2020年4月自学考试' } },
      now,
    ),
  );
  return messageOf(dedupeKey);
}

interface MessageRow {
  id: number;
  state: string;
  channel: string | null;
  attempts: number;
  next_attempt_at: Date;
  last_error: string | null;
}
async function messageOf(dedupeKey: string): Promise<MessageRow> {
  const [row] = await server.db.sequelize.query<MessageRow>(
    'SELECT id, state, channel, attempts, next_attempt_at, last_error FROM outbox_messages WHERE dedupe_key = ?',
    { replacements: [dedupeKey], type: QueryTypes.SELECT },
  );
  return row!;
}
async function message(id: number): Promise<MessageRow> {
  const [row] = await server.db.sequelize.query<MessageRow>(
    'SELECT id, state, channel, attempts, next_attempt_at, last_error FROM outbox_messages WHERE id = ?',
    { replacements: [id], type: QueryTypes.SELECT },
  );
  return row!;
}
async function attemptsOf(id: number) {
  return server.db.sequelize.query<{ channel: string; outcome: string; error_code: string | null }>(
    'SELECT channel, outcome, error_code FROM outbox_attempts WHERE message_id = ? ORDER BY id',
    { replacements: [id], type: QueryTypes.SELECT },
  );
}
async function remaining(openid: string, event: string): Promise<number> {
  const [row] = await server.db.sequelize.query<{ remaining: number }>(
    'SELECT remaining FROM notification_subscriptions WHERE openid = ? AND template_id = ?',
    { replacements: [openid, template(event)], type: QueryTypes.SELECT },
  );
  return row?.remaining ?? 0;
}
const wechatTo = async (openid: string) => (await server.simulator.subscribeMessages(openid)).messages;
const smsTo = (phone: string) => server.simulator.inbox(phone);
const deliver = (now: Date, limit = 100) => deliverDue(server.services, { now, limit });

describe('the outbox', () => {
  it('is written with its event or not at all, and once per event', async () => {
    const at = testDay();
    const { candidateId } = await candidate();
    const write = (dedupeKey: string) => (transaction: Parameters<typeof enqueue>[0]) =>
      enqueue(
        transaction,
        { candidateId, event: 'scores_published', dedupeKey, data: { periodName: '考次' } },
        at('10:00'),
      );
    const key = `rollback:${Date.now()}`;
    await expect(
      server.db.sequelize.transaction(async (transaction) => {
        await write(key)(transaction);
        throw new Error('the event failed');
      }),
    ).rejects.toThrow('the event failed');
    expect(await messageOf(key)).toBeUndefined();

    expect(await server.db.sequelize.transaction(write(key))).toBe(1);
    expect(await server.db.sequelize.transaction(write(key))).toBe(0);
    const rows = await server.db.sequelize.query('SELECT id FROM outbox_messages WHERE dedupe_key = ?', {
      replacements: [key],
      type: QueryTypes.SELECT,
    });
    expect(rows).toHaveLength(1);
  });

  it('keeps a batch whose worker died after claiming it, and sends it once when the lease ends', async () => {
    const at = testDay();
    const people = await Promise.all([candidate(), candidate(), candidate()]);
    const ids: number[] = [];
    for (const p of people) ids.push((await enqueued(p.candidateId, at('10:00'))).id);

    const abandoned = await claimBatch(server.db, { now: at('10:00'), limit: 100 });
    expect(abandoned.messages.map((m) => m.id).sort()).toEqual([...ids].sort());
    // The dead worker's lease still holds: nobody sends them yet.
    expect((await deliver(at('10:01'))).claimed).toBe(0);
    for (const p of people) expect(await smsTo(p.phone!)).toHaveLength(0);

    const taken = await deliver(at('10:00', LEASE_MS + 1000));
    expect(taken.sent).toBe(3);
    for (const p of people) expect(await smsTo(p.phone!)).toHaveLength(1);
    for (const id of ids) {
      expect(await message(id)).toMatchObject({ state: 'sent', channel: 'sms', attempts: 1 });
      expect(await attemptsOf(id)).toEqual([{ channel: 'sms', outcome: 'sent', error_code: null }]);
    }
    // Had the first worker woken up, its claim records nothing.
    const late = await statementsTogether(server.db.sequelize, (sql) =>
      settleMessage(sql, ids[0]!, abandoned.claimId, {
        state: 'pending',
        channel: 'sms',
        tries: 1,
        nextAttemptAt: at('10:00'),
        lastError: 'late',
        now: at('10:05'),
      }),
    );
    expect(late).toBe(false);
    expect((await deliver(at('12:00'))).claimed).toBe(0);
  });

  it('lets two workers split the outbox at the same time without sending anything twice', async () => {
    const at = testDay();
    const people = await Promise.all(Array.from({ length: 24 }, () => candidate()));
    const ids: number[] = [];
    for (const p of people) ids.push((await enqueued(p.candidateId, at('10:00'))).id);
    const worker = async () => {
      let sent = 0;
      for (;;) {
        const round = await deliver(at('10:00'), 4);
        sent += round.sent;
        if (round.claimed === 0) return sent;
      }
    };
    const [first, second] = await Promise.all([worker(), worker()]);
    expect(first + second).toBe(24);
    expect(first).toBeGreaterThan(0);
    expect(second).toBeGreaterThan(0);
    for (const p of people) expect(await smsTo(p.phone!)).toHaveLength(1);
    const [row] = await server.db.sequelize.query<{ n: number }>(
      `SELECT COUNT(*) AS n FROM outbox_attempts WHERE message_id IN (?)`,
      { replacements: [ids], type: QueryTypes.SELECT },
    );
    expect(Number(row?.n)).toBe(24);
  });

  it('sends no SMS in quiet hours: it waits for 08:00 Beijing time; a subscribe message goes at once', async () => {
    const at = testDay();
    const bySms = await candidate();
    const byWechat = await candidate({ openid: true });
    await subscribe(byWechat.openid!, 'scores_published', at('22:00'));
    const night = await enqueued(bySms.candidateId, at('23:00'));
    const wechatNight = await enqueued(byWechat.candidateId, at('23:00'));

    await deliver(at('23:00'));
    expect(await smsTo(bySms.phone!)).toHaveLength(0);
    const waiting = await message(night.id);
    expect(waiting).toMatchObject({ state: 'pending', attempts: 0 });
    expect(waiting.next_attempt_at.toISOString()).toBe(at('08:00', 24 * 3600_000).toISOString());
    expect(await attemptsOf(night.id)).toEqual([{ channel: 'sms', outcome: 'deferred', error_code: null }]);
    expect(await message(wechatNight.id)).toMatchObject({ state: 'sent', channel: 'wechat' });
    expect(await wechatTo(byWechat.openid!)).toHaveLength(1);

    await deliver(at('07:59', 24 * 3600_000));
    expect(await smsTo(bySms.phone!)).toHaveLength(0);
    await deliver(at('08:00', 24 * 3600_000));
    const [sms] = await smsTo(bySms.phone!);
    expect(sms).toMatchObject({ templateId: smsTemplate('scores_published'), params: ['2020年4月自学考试'] });
    expect(await message(night.id)).toMatchObject({ state: 'sent', channel: 'sms', attempts: 1 });
  });
});

describe('subscribe messages', () => {
  it('sends with an accepted subscription, using it up, with the template’s data', async () => {
    const at = testDay();
    const p = await candidate({ openid: true });
    await subscribe(p.openid!, 'payment_received', at('09:00'));
    const sent = await enqueued(p.candidateId, at('10:00'), 'payment_received');
    await deliver(at('10:00'));
    expect(await message(sent.id)).toMatchObject({ state: 'sent', channel: 'wechat', attempts: 1 });
    const [received] = await wechatTo(p.openid!);
    expect(received).toMatchObject({
      templateId: template('payment_received'),
      page: 'pages/my-bookings/index',
      data: {
        character_string1: { value: 'KW2020TEST0001' },
        amount2: { value: '120.00元' },
        thing4: { value: '缴费成功，考位已确认' },
      },
    });
    expect(await remaining(p.openid!, 'payment_received')).toBe(0);
    expect(await smsTo(p.phone!)).toHaveLength(0);
  });

  it('43101: stops using that template for the candidate, uses nothing, and sends the SMS instead', async () => {
    const at = testDay();
    const p = await candidate({ openid: true });
    // Our count says one; WeChat knows none (the user refused in the meantime).
    await statementsTogether(server.db.sequelize, (sql) =>
      addSubscriptions(sql, p.openid!, [template('scores_published')], at('09:00')),
    );
    const first = await enqueued(p.candidateId, at('10:00'));
    await deliver(at('10:00'));
    expect(await attemptsOf(first.id)).toEqual([
      { channel: 'wechat', outcome: 'refused', error_code: '43101' },
      { channel: 'sms', outcome: 'sent', error_code: null },
    ]);
    expect(await remaining(p.openid!, 'scores_published')).toBe(0);
    // The next message of that template does not try WeChat again.
    const second = await enqueued(p.candidateId, at('11:00'));
    await deliver(at('11:00'));
    expect(await attemptsOf(second.id)).toEqual([{ channel: 'sms', outcome: 'sent', error_code: null }]);
    expect(await wechatTo(p.openid!)).toHaveLength(0);
    expect(await smsTo(p.phone!)).toHaveLength(2);
  });

  it('40001: fetches a new access token once and sends', async () => {
    const at = testDay();
    const p = await candidate({ openid: true });
    await subscribe(p.openid!, 'scores_published', at('09:00'));
    await subscribe(p.openid!, 'scores_published', at('09:00'));
    await enqueued(p.candidateId, at('10:00'));
    await deliver(at('10:00'));
    const before = await server.simulator.subscribeMessages(p.openid!);
    expect(before.messages).toHaveLength(1);

    await server.simulator.rotateToken();
    const second = await enqueued(p.candidateId, at('10:30'));
    await deliver(at('10:30'));
    const after = await server.simulator.subscribeMessages(p.openid!);
    expect(after.messages).toHaveLength(2);
    expect(after.tokenRequests).toBe(before.tokenRequests + 1);
    expect(await message(second.id)).toMatchObject({ state: 'sent', channel: 'wechat', attempts: 1 });
  });

  it('40003 and 47003: fail for good without retrying (SMS when the candidate takes it)', async () => {
    const at = testDay();
    const noSms = await candidate({ openid: true, smsOptOut: true });
    await subscribe(noSms.openid!, 'scores_published', at('09:00'));
    await server.simulator.failNext('subscribeMessage.send', 40003);
    const badOpenid = await enqueued(noSms.candidateId, at('10:00'));
    await deliver(at('10:00'));
    expect(await message(badOpenid.id)).toMatchObject({ state: 'failed', attempts: 1 });
    expect(await attemptsOf(badOpenid.id)).toEqual([
      { channel: 'wechat', outcome: 'refused', error_code: '40003' },
      { channel: 'none', outcome: 'skipped', error_code: null },
    ]);
    await deliver(at('18:00'));
    expect(await attemptsOf(badOpenid.id)).toHaveLength(2);

    const withSms = await candidate({ openid: true });
    await subscribe(withSms.openid!, 'scores_published', at('09:00'));
    await server.simulator.failNext('subscribeMessage.send', 47003);
    const badData = await enqueued(withSms.candidateId, at('11:00'));
    await deliver(at('11:00'));
    expect(await attemptsOf(badData.id)).toEqual([
      { channel: 'wechat', outcome: 'failed', error_code: '47003' },
      { channel: 'sms', outcome: 'sent', error_code: null },
    ]);
    // WeChat used nothing: the subscription is still there for the next message.
    expect(await remaining(withSms.openid!, 'scores_published')).toBe(1);
    await deliver(at('18:00'));
    expect(await attemptsOf(badData.id)).toHaveLength(2);
    expect(await smsTo(withSms.phone!)).toHaveLength(1);
  });

  it('tries a busy WeChat again after a backoff', async () => {
    const at = testDay();
    const p = await candidate({ openid: true });
    await subscribe(p.openid!, 'scores_published', at('09:00'));
    await server.simulator.failNext('subscribeMessage.send', -1);
    const busy = await enqueued(p.candidateId, at('10:00'));
    await deliver(at('10:00'));
    const waiting = await message(busy.id);
    expect(waiting).toMatchObject({ state: 'pending', attempts: 1 });
    expect(waiting.next_attempt_at.toISOString()).toBe(at('10:01').toISOString());
    await deliver(at('10:00', 30_000));
    expect(await wechatTo(p.openid!)).toHaveLength(0);
    await deliver(at('10:01'));
    expect(await message(busy.id)).toMatchObject({ state: 'sent', channel: 'wechat', attempts: 2 });
    expect(await wechatTo(p.openid!)).toHaveLength(1);
  });
});

describe('SMS notices', () => {
  it('go to candidates without a subscription, and not to those who opted out', async () => {
    const at = testDay();
    const takes = await candidate({ openid: true });
    const refused = await candidate({ smsOptOut: true });
    const sent = await enqueued(takes.candidateId, at('10:00'), 'payment_received');
    const skipped = await enqueued(refused.candidateId, at('10:00'), 'payment_received');
    await deliver(at('10:00'));
    expect(await smsTo(takes.phone!)).toMatchObject([
      { templateId: smsTemplate('payment_received'), params: ['120.00元'] },
    ]);
    expect(await message(sent.id)).toMatchObject({ state: 'sent', channel: 'sms' });
    expect(await smsTo(refused.phone!)).toHaveLength(0);
    expect(await message(skipped.id)).toMatchObject({ state: 'skipped', last_error: '考生已退订短信通知' });
  });

  it('keep to the daily limit per phone: the one over it waits', async () => {
    const at = testDay();
    const p = await candidate();
    const limit = server.config.notifications.smsPerPhoneDaily;
    const ids: number[] = [];
    for (let i = 0; i <= limit; i++) ids.push((await enqueued(p.candidateId, at('10:00'))).id);
    await deliver(at('10:00'));
    expect(await smsTo(p.phone!)).toHaveLength(limit);
    const over = await message(ids[limit]!);
    expect(over).toMatchObject({ state: 'pending', attempts: 0 });
    expect(over.next_attempt_at.toISOString()).toBe(at('11:00').toISOString());
    expect(await attemptsOf(ids[limit]!)).toEqual([{ channel: 'sms', outcome: 'deferred', error_code: null }]);
  });
});
