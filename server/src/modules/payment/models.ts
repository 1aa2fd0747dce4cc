import type { PaymentOrderState } from '@kaowei/shared';
import type { Sequelize } from 'sequelize';
import { integer, optionalDateTime, optionalInteger, optionalText, pk, stamps, text } from '../../db/columns';
import type { CreationOptional, Row } from '../../db/modelTypes';

export interface PaymentOrder extends Row<PaymentOrder> {
  outTradeNo: string;
  bookingId: number;
  candidateId: number;
  periodId: number;
  amountFen: number;
  state: CreationOptional<PaymentOrderState>;
  channel: 'native' | 'jsapi' | null;
  codeUrl: string | null;
  prepayId: string | null;
  payerOpenid: string | null;
  timeExpire: Date | null;
  transactionId: string | null;
  payerTotalFen: number | null;
  paidAt: Date | null;
  closedAt: Date | null;
}

export function definePaymentModels(sequelize: Sequelize) {
  const PaymentOrder = sequelize.define<PaymentOrder>(
    'PaymentOrder',
    {
      id: pk(),
      ...stamps(),
      outTradeNo: text(32),
      bookingId: integer(),
      candidateId: integer(),
      periodId: integer(),
      amountFen: integer(),
      state: { ...text(16), defaultValue: 'created' },
      channel: optionalText(8),
      codeUrl: optionalText(),
      prepayId: optionalText(64),
      payerOpenid: optionalText(64),
      timeExpire: optionalDateTime(),
      transactionId: optionalText(32),
      payerTotalFen: optionalInteger(),
      paidAt: optionalDateTime(),
      closedAt: optionalDateTime(),
    },
    { tableName: 'payment_orders' },
  );
  return { PaymentOrder };
}
