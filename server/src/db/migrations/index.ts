import type { Migration } from '../migrator';
import { initialSchema } from './0001-initial-schema';
import { auditScopeTotp } from './0002-audit-scope-totp';
import { candidateCounty } from './0003-candidate-county';
import { retiredTradeNumbers } from './0004-retired-trade-numbers';
import { enrolledRecords } from './0005-enrolled-records';
import { admissionTickets } from './0006-admission-tickets';
import { seatAssignmentIndex } from './0007-seat-assignment-index';
import { scoresAndRecords } from './0008-scores';
import { ticketReissue } from './0009-ticket-reissue';
import { candidateApplications } from './0010-candidate-applications';
import { applicationEffects } from './0011-application-effects';
import { registrationCompletion } from './0012-registration-completion';
import { outbox } from './0013-outbox';
import { waitlist } from './0014-waitlist';
import { announcements } from './0015-announcements';
import { bulkNotices } from './0016-bulk-notices';
import { notificationEventSettings } from './0017-notification-event-settings';

/** Every migration, in order. Imported statically so tsx, vitest and bundlers see the same list. */
export const MIGRATIONS: Migration[] = [
  initialSchema,
  auditScopeTotp,
  candidateCounty,
  retiredTradeNumbers,
  enrolledRecords,
  admissionTickets,
  seatAssignmentIndex,
  scoresAndRecords,
  ticketReissue,
  candidateApplications,
  applicationEffects,
  registrationCompletion,
  outbox,
  waitlist,
  announcements,
  bulkNotices,
  notificationEventSettings,
];
