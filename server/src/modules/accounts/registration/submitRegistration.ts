import { checkIdCardNo, maskPhone, passwordProblem, type registrationBody } from '@kaowei/shared';
import type { z } from 'zod';
import { AppError } from '../../../http/errors';
import { hashPassword } from '../../../lib/passwords';
import { assertAcceptsRegistration } from './majorOpen';
import { findCandidateByIdCardNo } from '../candidateRepository';
import type { Application } from '../models';
import type { RegistrationDeps } from './registrationDeps';

type RegistrationInput = z.output<typeof registrationBody>;
type Details = Omit<RegistrationInput, 'idCardNo' | 'smsCode'>;

/**
 * Checks what the form says against the catalog and the rules, and returns the columns to store. It
 * says nothing about other people's data: whether the phone is taken is told only once the code has
 * proved it (phoneFreeOrRefuse).
 */
async function resolveDetails(deps: RegistrationDeps, idCardNo: string, input: Details, keptPhotoId?: string | null) {
  const id = checkIdCardNo(idCardNo);
  if (!id.ok) throw new AppError('INVALID_ID_CARD_NO', { reason: id.reason });
  if (input.gender && input.gender !== id.gender) {
    throw new AppError('VALIDATION_FAILED', { detail: '性别与身份证号码不一致' });
  }
  const problem = passwordProblem(input.password, idCardNo);
  if (problem) throw new AppError('PASSWORD_TOO_WEAK', { reason: problem });
  const [major, county] = await Promise.all([
    deps.db.models.Major.findOne({ where: { code: input.majorCode } }),
    deps.db.models.County.findOne({ where: { code: input.countyCode } }),
  ]);
  if (!major) throw new AppError('NOT_FOUND', { what: '所选专业' });
  assertAcceptsRegistration(major);
  if (!county) throw new AppError('NOT_FOUND', { what: '所选县（市、区）' });
  if (input.photoId !== keptPhotoId && !(await deps.photos.linkable(input.photoId))) {
    throw new AppError('PHOTO_INVALID', { reason: '请重新上传照片' });
  }
  return {
    name: input.name,
    gender: id.gender,
    phone: input.phone,
    majorId: major.id,
    countyId: county.id,
    photoPath: input.photoId,
  };
}

async function phoneFreeOrRefuse(deps: RegistrationDeps, phone: string): Promise<void> {
  if (await deps.db.models.Candidate.findOne({ where: { phone } })) throw new AppError('PHONE_ALREADY_BOUND');
}

/** What the applicant sees of their application: personal data masked. */
export async function applicationView(deps: RegistrationDeps, application: Application) {
  const [major, county] = await Promise.all([
    application.majorId ? deps.db.models.Major.findByPk(application.majorId) : null,
    application.countyId ? deps.db.models.County.findByPk(application.countyId) : null,
  ]);
  return {
    applicationId: application.id,
    state: application.state,
    name: application.name,
    gender: application.gender,
    idCardNoMasked: application.idCardMasked,
    phoneMasked: application.phone ? maskPhone(application.phone) : null,
    major: major && { code: major.code, name: major.name },
    county: county && { code: county.code, name: county.name },
    rejectReason: application.rejectReason,
    ticketNo: application.issuedTicketNo,
    submittedAt: application.updatedAt,
  };
}

/**
 * Sends the registration code to any phone, bound to a candidate or not: saying "already bound" here
 * would tell anyone whose number is registered. The phone's owner learns it on submitting, code in hand.
 */
export function sendRegistrationCode(
  deps: RegistrationDeps,
  input: { phone: string; captchaId?: string; captchaAnswer?: string },
  ip: string,
) {
  return deps.smsCodes.send({ ...input, purpose: 'register', ip });
}

/**
 * 新生注册: one application per ID number; the phone is proven by SMS; the answer carries the
 * applicant's token. Whether the ID number or the phone is taken is told only after the SMS code.
 */
export async function submitRegistration(deps: RegistrationDeps, input: RegistrationInput) {
  const details = await resolveDetails(deps, input.idCardNo, input);
  await deps.smsCodes.consume(input.phone, 'register', input.smsCode);
  if (await findCandidateByIdCardNo(deps.db, deps.vault, input.idCardNo)) throw new AppError('ALREADY_REGISTERED');
  await phoneFreeOrRefuse(deps, input.phone);
  const payload = { passwordHash: await hashPassword(input.password) };
  const sealed = deps.vault.seal(input.idCardNo);
  const application = await deps.db.sequelize.transaction(async (transaction) => {
    // One application per ID number, even when the form is sent twice at once.
    await deps.throttles.lock(`registration:${sealed.idCardHash}`, new Date(), transaction);
    const existing = await deps.db.models.Application.findOne({
      where: { idCardHash: sealed.idCardHash, type: 'registration' },
      transaction,
    });
    if (existing) throw new AppError('REGISTRATION_EXISTS');
    return deps.db.models.Application.create(
      {
        type: 'registration',
        candidateId: null,
        ...sealed,
        ...details,
        payload,
        rejectReason: null,
        reviewedBy: null,
        reviewedAt: null,
        issuedTicketNo: null,
      },
      { transaction },
    );
  });
  return {
    ...(await applicationView(deps, application)),
    registrationToken: deps.tokens.sign('registration', { sub: String(application.id) }),
  };
}

export async function findOwnApplication(deps: RegistrationDeps, applicationId: number): Promise<Application> {
  const application = await deps.db.models.Application.findByPk(applicationId);
  if (!application || application.type !== 'registration') throw new AppError('NOT_FOUND', { what: '注册申请' });
  return application;
}

/** Corrects an application before approval; a rejected one goes back to review. Approved data is frozen. */
export async function updateRegistration(
  deps: RegistrationDeps,
  applicationId: number,
  input: Details & { smsCode?: string },
) {
  const application = await findOwnApplication(deps, applicationId);
  if (application.state === 'approved') throw new AppError('REGISTRATION_FROZEN');
  const idCardNo = deps.vault.decrypt(application.idCardCipher);
  const details = await resolveDetails(deps, idCardNo, input, application.photoPath);
  if (details.phone !== application.phone) {
    if (!input.smsCode) throw new AppError('SMS_CODE_INVALID');
    await deps.smsCodes.consume(details.phone, 'register', input.smsCode);
  }
  await phoneFreeOrRefuse(deps, details.phone);
  const payload = { passwordHash: await hashPassword(input.password) };
  await deps.db.sequelize.transaction(async (transaction) => {
    await application.reload({ transaction, lock: transaction.LOCK.UPDATE });
    if (application.state === 'approved') throw new AppError('REGISTRATION_FROZEN');
    await application.update({ ...details, payload, state: 'submitted', rejectReason: null }, { transaction });
  });
  return applicationView(deps, application);
}

/** A lost registration token comes back with the ID number and an SMS code to the phone on the application. */
export async function accessRegistration(
  deps: RegistrationDeps,
  input: { idCardNo: string; phone: string; smsCode: string },
) {
  await deps.smsCodes.consume(input.phone, 'register', input.smsCode);
  const application = await deps.db.models.Application.findOne({
    where: { idCardHash: deps.vault.hash(input.idCardNo), type: 'registration' },
  });
  if (!application || application.phone !== input.phone) throw new AppError('NOT_FOUND', { what: '注册申请' });
  return {
    ...(await applicationView(deps, application)),
    registrationToken: deps.tokens.sign('registration', { sub: String(application.id) }),
  };
}
