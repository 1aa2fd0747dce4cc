import type { ActorType, BookingItemState } from '@kaowei/shared';
import { DataTypes, type Sequelize } from 'sequelize';
import {
  dateTime,
  integer,
  optionalDateTime,
  optionalInteger,
  optionalText,
  pk,
  text,
  createdStamp,
  stamps,
} from '../../db/columns';
import type { CreationOptional, Entity, Row } from '../../db/modelTypes';

export interface Booking extends Row<Booking> {
  candidateId: number;
  periodId: number;
  countyId: number | null;
  noticeAcknowledgedAt: Date | null;
  confirmedAt: Date | null;
}
export interface BookingItem extends Row<BookingItem> {
  bookingId: number;
  candidateId: number;
  ticketId: number;
  periodId: number;
  countyId: number;
  unitId: number;
  courseId: number;
  state: BookingItemState;
  /** 1 while the item occupies a seat, NULL once released or refunded. */
  active: CreationOptional<1 | null>;
  paymentOrderId: number | null;
  heldAt: Date;
  confirmedAt: Date | null;
  paidAt: Date | null;
  releasedAt: Date | null;
}
export interface BookingEvent extends Entity<BookingEvent> {
  bookingItemId: number;
  fromState: BookingItemState | null;
  toState: BookingItemState;
  actorType: ActorType;
  actorId: number | null;
  reason: string | null;
}

export function defineBookingModels(sequelize: Sequelize) {
  const Booking = sequelize.define<Booking>(
    'Booking',
    {
      id: pk(),
      ...stamps(),
      candidateId: integer(),
      periodId: integer(),
      countyId: optionalInteger(),
      noticeAcknowledgedAt: optionalDateTime(),
      confirmedAt: optionalDateTime(),
    },
    { tableName: 'bookings' },
  );
  const BookingItem = sequelize.define<BookingItem>(
    'BookingItem',
    {
      id: pk(),
      ...stamps(),
      bookingId: integer(),
      candidateId: integer(),
      ticketId: integer(),
      periodId: integer(),
      countyId: integer(),
      unitId: integer(),
      courseId: integer(),
      state: text(16),
      active: { type: DataTypes.INTEGER, allowNull: true, defaultValue: 1 },
      paymentOrderId: optionalInteger(),
      heldAt: dateTime(),
      confirmedAt: optionalDateTime(),
      paidAt: optionalDateTime(),
      releasedAt: optionalDateTime(),
    },
    { tableName: 'booking_items' },
  );
  const BookingEvent = sequelize.define<BookingEvent>(
    'BookingEvent',
    {
      id: pk(),
      ...createdStamp(),
      bookingItemId: integer(),
      fromState: optionalText(16),
      toState: text(16),
      actorType: text(16),
      actorId: optionalInteger(),
      reason: optionalText(),
    },
    { tableName: 'booking_events', updatedAt: false },
  );
  return { Booking, BookingItem, BookingEvent };
}
