import { EDUCATION_LABELS, type ApplicationState, type EducationLevel } from '@kaowei/shared';
import { Op, QueryTypes, type Transaction } from 'sequelize';
import { AppError } from '../../../http/errors';
import { beijingDateString } from '../../../lib/beijingTime';
import { writeAudit } from '../../../kernel/audit';
import { assertCountyInScope, scopedCountyIds } from '../../../kernel/scope';
import { officialActor } from '../../../kernel/actor';
import type { Application, Official } from '../models';
import type { RegistrationDeps } from './registrationDeps';
import { activeTicketForMajor, findCandidateByIdCardNo } from '../candidateRepository';
import { applicationDocument, applicationView, resolveDocument } from './submitRegistration';
import { assertNotWithdrawn, registrationStateWhere } from './registrationState';

interface RequestInfo {
  ip: string;
  requestId: string;
}

/** Registrations in the official's districts, oldest first (the review queue). */
export async function listRegistrations(
  deps: RegistrationDeps,
  official: Official,
  state?: ApplicationState,
  now = new Date(),
) {
  const countyIds = await scopedCountyIds(deps.db, official);
  const applications = await deps.db.models.Application.findAll({
    where: {
      type: 'registration',
      ...(state ? registrationStateWhere(state, now) : {}),
      ...(countyIds ? { countyId: { [Op.in]: countyIds } } : {}),
    },
    order: [['updatedAt', 'ASC']],
    limit: 200,
  });
  return { items: await Promise.all(applications.map((a) => applicationView(deps, a, now))) };
}

/** One application, refused (403) outside the official's districts. */
export async function getRegistration(deps: RegistrationDeps, official: Official, id: number): Promise<Application> {
  const application = await deps.db.models.Application.findByPk(id);
  if (!application || application.type !== 'registration') throw new AppError('NOT_FOUND', { what: '注册申请' });
  await assertCountyInScope(deps.db, official, application.countyId);
  return application;
}

/**
 * Province code + two-digit year + an 8-digit sequence, e.g. 512700000001; serialised by a row lock. Also
 * numbers the ticket an approved 转入 opens (#16).
 */
export async function nextTicketNo(
  deps: Pick<RegistrationDeps, 'config' | 'db' | 'throttles'>,
  now: Date,
  transaction: Transaction,
): Promise<string> {
  const prefix = `${deps.config.provinceCode}${beijingDateString(now).slice(2, 4)}`;
  await deps.throttles.lock(`sequence:ticket:${prefix}`, now, transaction);
  const [row] = await deps.db.sequelize.query<{ last: string | null }>(
    'SELECT MAX(ticket_no) AS last FROM tickets WHERE ticket_no LIKE ?',
    { replacements: [`${prefix}%`], type: QueryTypes.SELECT, transaction },
  );
  const next = row?.last ? Number(row.last.slice(prefix.length)) + 1 : 1;
  return `${prefix}${String(next).padStart(12 - prefix.length, '0')}`;
}

async function decide(
  deps: RegistrationDeps,
  official: Official,
  id: number,
  request: RequestInfo,
  action: 'approve' | 'reject',
  apply: (application: Application, transaction: Transaction) => Promise<void>,
) {
  await getRegistration(deps, official, id);
  const application = await deps.db.sequelize.transaction(async (transaction) => {
    const locked = await deps.db.models.Application.findByPk(id, { transaction, lock: transaction.LOCK.UPDATE });
    if (!locked || locked.state !== 'submitted') throw new AppError('APPLICATION_ALREADY_DECIDED');
    assertNotWithdrawn(locked, new Date());
    const before = { state: locked.state };
    await apply(locked, transaction);
    await writeAudit(
      deps.db,
      officialActor(official),
      {
        action: `registration.${action}`,
        entityType: 'application',
        entityId: locked.id,
        before,
        after: { state: locked.state, ticketNo: locked.issuedTicketNo, rejectReason: locked.rejectReason },
        reason: locked.rejectReason,
        countyId: locked.countyId,
        ...request,
      },
      transaction,
    );
    return locked;
  });
  return applicationView(deps, application);
}

/**
 * The candidate an approval issues the ticket to: the one already holding the document number (报考新专业:
 * their password, phone and details stay, and a second active ticket for the same major is refused), or
 * a new candidate made from the application.
 */
async function holderForApproval(
  deps: RegistrationDeps,
  application: Application,
  now: Date,
  transaction: Transaction,
) {
  const document = applicationDocument(deps, application);
  const enrolled = await findCandidateByIdCardNo(deps.db, deps.vault, document.idCardNo, transaction);
  if (enrolled) {
    // Serialises approvals for one candidate, so two applications for one major cannot both pass.
    await enrolled.reload({ transaction, lock: transaction.LOCK.UPDATE });
    const held = await activeTicketForMajor(deps.db, enrolled.id, application.majorId!, transaction);
    if (held) throw new AppError('MAJOR_ALREADY_HELD', { ticketNo: held.ticketNo });
    return enrolled;
  }
  if (
    application.phone &&
    (await deps.db.models.Candidate.findOne({ where: { phone: application.phone }, transaction }))
  ) {
    throw new AppError('PHONE_ALREADY_BOUND');
  }
  const id = resolveDocument(document, {
    gender: application.gender,
    birthDate: application.payload?.birthDate ?? undefined,
  });
  return deps.db.models.Candidate.create(
    {
      ...deps.vault.seal(id.documentNo),
      documentType: id.documentType,
      name: application.name,
      gender: id.gender,
      birthDate: id.birthDate,
      phone: application.phone,
      phoneBoundAt: application.phone ? now : null,
      passwordHash: application.payload?.passwordHash ?? null,
      mustChangePassword: !application.payload?.passwordHash,
      wechatOpenid: null,
      photoPath: application.photoPath,
      countyId: application.countyId,
      // 学历 as the records name it (free text, like imported ones).
      ethnicity: application.ethnicity,
      education: application.education ? EDUCATION_LABELS[application.education as EducationLevel] : null,
    },
    { transaction },
  );
}

/** Approval issues a new ticket (to a new candidate, or to the one holding the number) and freezes the application. */
export function approveRegistration(deps: RegistrationDeps, official: Official, id: number, request: RequestInfo) {
  return decide(deps, official, id, request, 'approve', async (application, transaction) => {
    const now = new Date();
    if (application.photoState === 'rejected') throw new AppError('PHOTO_NOT_APPROVED');
    const candidate = await holderForApproval(deps, application, now, transaction);
    const ticketNo = await nextTicketNo(deps, now, transaction);
    await deps.db.models.Ticket.create(
      { ticketNo, candidateId: candidate.id, majorId: application.majorId! },
      { transaction },
    );
    await application.update(
      {
        state: 'approved',
        // Approving the application approves the photo it carries.
        photoState: 'approved',
        photoRejectReason: null,
        candidateId: candidate.id,
        issuedTicketNo: ticketNo,
        reviewedBy: official.id,
        reviewedAt: now,
      },
      { transaction },
    );
  });
}

export function rejectRegistration(
  deps: RegistrationDeps,
  official: Official,
  id: number,
  reason: string,
  request: RequestInfo,
) {
  return decide(deps, official, id, request, 'reject', async (application, transaction) => {
    await application.update(
      { state: 'rejected', rejectReason: reason, reviewedBy: official.id, reviewedAt: new Date() },
      { transaction },
    );
  });
}
