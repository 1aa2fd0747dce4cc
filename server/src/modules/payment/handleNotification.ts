import { UniqueConstraintError } from 'sequelize';
import { notificationVerificationsFailed, paymentNotifications } from '../../metrics/registry';
import type { PaymentDeps } from './deps';
import { NotificationRejected, openNotification } from './notifications';
import { recordPayment } from './recordPayment';
import { finishRefund } from './refunds';
import type { RefundResource, TransactionResource } from './wechatPayClient';

/** A bounded label for why openNotification refused: its reasons name header fields, which stay few. */
function verificationFailure(reason: string): string {
  if (reason.startsWith('malformed')) return 'malformed';
  if (reason.includes('timestamp')) return 'timestamp';
  if (reason.includes('signature')) return 'signature';
  if (reason.includes('decrypt')) return 'decrypt';
  return 'other';
}

/**
 * POST /api/payments/notify. Answers 204 once the change is recorded (or was already); anything
 * that fails verification or does not match our order gets a 4xx and changes nothing.
 */
export async function handleNotification(
  deps: PaymentDeps,
  headers: Record<string, string | string[] | undefined>,
  rawBody: string,
): Promise<{ status: number; body?: { code: string; message: string } }> {
  let verified = false;
  try {
    const { envelope, resource } = await openNotification(
      deps.wechatPay.config,
      (serial) => deps.wechatPay.platformKey(serial),
      headers,
      rawBody,
    );
    verified = true;
    if (envelope.event_type === 'TRANSACTION.SUCCESS') {
      await recordPayment(deps, resource as unknown as TransactionResource);
    } else if (envelope.event_type.startsWith('REFUND.')) {
      const refund = resource as unknown as RefundResource;
      if (refund.out_refund_no === undefined) throw new NotificationRejected('refund without out_refund_no');
      if (refund.mchid !== deps.wechatPay.config.mchid) throw new NotificationRejected('another merchant');
      const outcome = await finishRefund(deps, refund, envelope.event_type.slice('REFUND.'.length));
      if (outcome === 'unknown') throw new NotificationRejected('unknown out_refund_no');
    }
    await deps.db.sequelize
      .query(
        `INSERT INTO payment_notifications (notification_id, event_type, out_trade_no, out_refund_no, outcome, created_at) VALUES (?, ?, ?, ?, 'applied', ?)`,
        {
          replacements: [
            envelope.id,
            envelope.event_type,
            (resource.out_trade_no as string) ?? null,
            (resource.out_refund_no as string) ?? null,
            new Date(),
          ],
        },
      )
      .catch((error: unknown) => {
        if (!(error instanceof UniqueConstraintError)) throw error; // a duplicate delivery
      });
    paymentNotifications.inc({ outcome: 'applied' });
    return { status: 204 };
  } catch (error) {
    if (error instanceof NotificationRejected) {
      paymentNotifications.inc({ outcome: verified ? 'rejected' : 'verification_failed' });
      if (!verified) notificationVerificationsFailed.inc({ reason: verificationFailure(error.reason) });
      deps.logger.warn({ reason: error.reason }, 'payment notification refused');
      return { status: 400, body: { code: 'FAIL', message: error.reason } };
    }
    throw error;
  }
}
