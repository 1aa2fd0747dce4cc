import type { ApplicationView, MyApplicationsView } from '@kaowei/shared';
import type { Db } from '../../db/models';
import { applicationView, applicationViews } from './applicationViews';
import { findOwnApplication } from './ownApplication';

/** 我的申请: every application of the candidate (all tickets), newest first. */
export async function myApplications(db: Db, candidateId: number): Promise<MyApplicationsView> {
  const applications = await db.models.CandidateApplication.findAll({
    where: { candidateId },
    order: [['id', 'DESC']],
    limit: 100,
  });
  return { items: await applicationViews(db, applications) };
}

export async function myApplication(db: Db, candidateId: number, id: number): Promise<ApplicationView> {
  return applicationView(db, await findOwnApplication(db, candidateId, id));
}
