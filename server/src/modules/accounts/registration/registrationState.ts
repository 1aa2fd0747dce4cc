import type { ApplicationState } from '@kaowei/shared';
import { Op, type WhereOptions } from 'sequelize';
import { AppError } from '../../../http/errors';
import { formatBeijing } from '../../../lib/beijingTime';
import type { Application } from '../models';

/**
 * A registration still unreviewed or rejected when its window's review deadline passes counts as
 * withdrawn (seed 003: the candidate registers again in a later window). Computed on read, here only, so
 * every answer and every check agrees at any moment without waiting for a job.
 */
export function registrationState(application: Application, now: Date): ApplicationState {
  const open = application.state === 'submitted' || application.state === 'rejected';
  return open && application.reviewClosesAt && application.reviewClosesAt <= now ? 'withdrawn' : application.state;
}

/** Refuses changing or deciding a registration whose review deadline has passed. */
export function assertNotWithdrawn(application: Application, now: Date): void {
  if (registrationState(application, now) === 'withdrawn') {
    throw new AppError('REGISTRATION_WITHDRAWN', { reviewClosesAt: formatBeijing(application.reviewClosesAt!) });
  }
}

const beforeDeadline = (now: Date) => ({
  [Op.or]: [{ reviewClosesAt: null }, { reviewClosesAt: { [Op.gt]: now } }],
});

/** The rows whose registrationState is `state` at `now`, as a query condition. */
export function registrationStateWhere(state: ApplicationState, now: Date): WhereOptions<Application> {
  switch (state) {
    case 'withdrawn':
      return { state: ['submitted', 'rejected'], reviewClosesAt: { [Op.lte]: now } };
    case 'approved':
      return { state };
    default:
      return { state, ...beforeDeadline(now) };
  }
}

/** Applications still open (one per document number): unreviewed or rejected, deadline not passed. */
export function openRegistrationWhere(now: Date): WhereOptions<Application> {
  return { state: ['submitted', 'rejected'], ...beforeDeadline(now) };
}
