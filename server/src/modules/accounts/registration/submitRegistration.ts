import {
  DOCUMENT_TYPE_LABELS,
  EDUCATION_LABELS,
  PHOTO_REJECTIONS_BEFORE_OFFLINE,
  PHOTO_STATE_LABELS,
  maskPhone,
  passwordProblem,
  validateDocument,
  type DocumentType,
  type EducationLevel,
  type PhotoState,
  type RegistrationView,
  type registrationBody,
} from '@kaowei/shared';
import type { z } from 'zod';
import { AppError } from '../../../http/errors';
import { hashPassword } from '../../../lib/passwords';
import { activeTicketForMajor, findCandidateByIdCardNo } from '../candidateRepository';
import type { Application, Candidate } from '../models';
import { idCardImageLinkable } from './uploadIdCardImage';
import { assertAcceptsRegistration } from './majorOpen';
import type { RegistrationDeps } from './registrationDeps';
import { assertNotWithdrawn, openRegistrationWhere, registrationState } from './registrationState';
import { assertRegistrationOpen } from './registrationWindows';

type RegistrationInput = z.output<typeof registrationBody>;
type Details = Omit<RegistrationInput, 'idCardNo' | 'smsCode' | 'documentType'>;

/** What a registration stores besides the columns: the chosen password and the document's type and birth date. */
export type RegistrationPayload = NonNullable<Application['payload']>;

/** 证件类型 and number as the form gave them. */
export interface DocumentInput {
  documentType: DocumentType;
  idCardNo: string;
}

const documentName = (type: DocumentType) => (type === 'resident_id' ? '身份证' : DOCUMENT_TYPE_LABELS[type]);

function isPlausibleBirthDate(value: string, today: Date): boolean {
  const date = new Date(`${value}T00:00:00Z`);
  return (
    !Number.isNaN(date.getTime()) && date.toISOString().startsWith(value) && value >= '1900-01-01' && date <= today
  );
}

/**
 * The number checked by its type's rule; birth date and gender from the number where the type has them
 * (居民身份证, 居住证), else as entered on the form.
 */
export function resolveDocument(
  document: DocumentInput,
  entered: { gender?: 'M' | 'F'; birthDate?: string },
  today = new Date(),
) {
  const check = validateDocument(document.documentType, document.idCardNo, today);
  if (!check.ok) {
    if (document.documentType === 'resident_id') throw new AppError('INVALID_ID_CARD_NO', { reason: check.reason });
    throw new AppError('INVALID_DOCUMENT_NO', {
      documentType: DOCUMENT_TYPE_LABELS[document.documentType],
      reason: check.reason,
    });
  }
  const name = documentName(document.documentType);
  if (check.gender && entered.gender && entered.gender !== check.gender) {
    throw new AppError('VALIDATION_FAILED', { detail: `性别与${name}号码不一致` });
  }
  if (check.birthDate && entered.birthDate && entered.birthDate !== check.birthDate) {
    throw new AppError('VALIDATION_FAILED', { detail: `出生日期与${name}号码不一致` });
  }
  const gender = check.gender ?? entered.gender;
  const birthDate = check.birthDate ?? entered.birthDate;
  if (!gender) throw new AppError('VALIDATION_FAILED', { detail: '请选择性别' });
  if (!birthDate) throw new AppError('VALIDATION_FAILED', { detail: '请填写出生日期' });
  if (!isPlausibleBirthDate(birthDate, today)) throw new AppError('VALIDATION_FAILED', { detail: '出生日期不正确' });
  return { documentType: document.documentType, documentNo: check.documentNo, gender, birthDate };
}

/**
 * Checks what the form says against the catalog and the rules, and returns the columns to store. It
 * says nothing about other people's data: whether the phone is taken is told only once the code has
 * proved it (phoneFreeOrRefuse).
 */
async function resolveDetails(
  deps: RegistrationDeps,
  document: DocumentInput,
  input: Details,
  kept: { photoId?: string | null; idCardImageId?: string | null } = {},
) {
  const id = resolveDocument(document, input);
  const problem = passwordProblem(input.password, id.documentNo);
  if (problem) throw new AppError('PASSWORD_TOO_WEAK', { reason: problem });
  const [major, county] = await Promise.all([
    deps.db.models.Major.findOne({ where: { code: input.majorCode } }),
    deps.db.models.County.findOne({ where: { code: input.countyCode } }),
  ]);
  if (!major) throw new AppError('NOT_FOUND', { what: '所选专业' });
  assertAcceptsRegistration(major);
  if (!county) throw new AppError('NOT_FOUND', { what: '所选县（市、区）' });
  if (input.photoId !== kept.photoId && !(await deps.photos.linkable(input.photoId))) {
    throw new AppError('PHOTO_INVALID', { reason: '请重新上传照片' });
  }
  if (input.idCardImageId !== kept.idCardImageId && !(await idCardImageLinkable(deps, input.idCardImageId))) {
    throw new AppError('ATTACHMENT_INVALID', { reason: '请重新上传证件图片' });
  }
  return {
    document: id,
    columns: {
      name: input.name,
      gender: id.gender,
      phone: input.phone,
      majorId: major.id,
      countyId: county.id,
      photoPath: input.photoId,
      idCardImage: input.idCardImageId,
      ethnicity: input.ethnicity,
      education: input.education,
    },
  };
}

/** The document an application was made with (older applications: a 居民身份证). */
export function applicationDocument(deps: RegistrationDeps, application: Application): DocumentInput {
  return {
    documentType: application.payload?.documentType ?? 'resident_id',
    idCardNo: deps.vault.decrypt(application.idCardCipher),
  };
}

/**
 * 报考新专业 (seed 002): someone who already holds a ticket registers for another major with the same
 * document. The application must come from the phone bound to the account (when one is), and a second
 * active ticket for the same major is refused.
 */
async function assertMayAddMajor(deps: RegistrationDeps, enrolled: Candidate, phone: string, majorId: number) {
  if (enrolled.phone && enrolled.phone !== phone) throw new AppError('NEW_MAJOR_PHONE_MISMATCH');
  if (!enrolled.phone) await phoneFreeOrRefuse(deps, phone);
  const held = await activeTicketForMajor(deps.db, enrolled.id, majorId);
  if (held) throw new AppError('MAJOR_ALREADY_HELD', { ticketNo: held.ticketNo });
}

async function phoneFreeOrRefuse(deps: RegistrationDeps, phone: string): Promise<void> {
  if (await deps.db.models.Candidate.findOne({ where: { phone } })) throw new AppError('PHONE_ALREADY_BOUND');
}

/** Seed 003: after 3 rejected photos, the county office takes it instead (its name and address when known). */
function offlineCapture(
  application: Application,
  county: { name: string; officeName?: string | null; officeAddress?: string | null } | null,
) {
  if (application.photoState === 'approved' || application.photoRejections < PHOTO_REJECTIONS_BEFORE_OFFLINE)
    return null;
  return {
    officeName: county?.officeName ?? `${county?.name ?? ''}自学考试办公室`,
    officeAddress: county?.officeAddress ?? null,
  };
}

/** What the applicant sees of their application: personal data masked. */
export async function applicationView(
  deps: RegistrationDeps,
  application: Application,
  now = new Date(),
): Promise<RegistrationView> {
  const [major, county] = await Promise.all([
    application.majorId ? deps.db.models.Major.findByPk(application.majorId) : null,
    application.countyId ? deps.db.models.County.findByPk(application.countyId) : null,
  ]);
  return {
    applicationId: application.id,
    state: registrationState(application, now),
    name: application.name,
    gender: application.gender,
    documentType: application.payload?.documentType ?? 'resident_id',
    documentTypeName: DOCUMENT_TYPE_LABELS[application.payload?.documentType ?? 'resident_id'],
    idCardNoMasked: application.idCardMasked,
    /** 报考新专业: the applicant already holds a ticket; approval adds one to their record, password unchanged. */
    newMajor: application.payload?.newMajor === true,
    phoneMasked: application.phone ? maskPhone(application.phone) : null,
    major: major && { code: major.code, name: major.name },
    county: county && { code: county.code, name: county.name },
    ethnicity: application.ethnicity,
    education: application.education,
    educationName: application.education ? EDUCATION_LABELS[application.education as EducationLevel] : null,
    hasIdCardImage: application.idCardImage !== null,
    termsAcceptedAt: application.termsAcceptedAt?.toISOString() ?? null,
    rejectReason: application.rejectReason,
    ticketNo: application.issuedTicketNo,
    submittedAt: application.updatedAt.toISOString(),
    reviewClosesAt: application.reviewClosesAt?.toISOString() ?? null,
    photo: {
      state: application.photoState,
      stateName: PHOTO_STATE_LABELS[application.photoState as PhotoState],
      rejectReason: application.photoRejectReason,
      rejections: application.photoRejections,
    },
    offlineCapture: offlineCapture(application, county),
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
 * Once the SMS code has proved the phone: refuses a phone or a major already taken (by someone else, or
 * by the enrolled holder of the number), then gives the payload to store.
 */
async function takenOrPayload(
  deps: RegistrationDeps,
  document: ReturnType<typeof resolveDocument>,
  columns: { phone: string; majorId: number },
  password: string,
): Promise<RegistrationPayload> {
  const enrolled = await findCandidateByIdCardNo(deps.db, deps.vault, document.documentNo);
  if (enrolled) await assertMayAddMajor(deps, enrolled, columns.phone, columns.majorId);
  else await phoneFreeOrRefuse(deps, columns.phone);
  return {
    passwordHash: await hashPassword(password),
    documentType: document.documentType,
    birthDate: document.birthDate,
    newMajor: enrolled !== null,
  };
}

/**
 * 新生注册: one open application per document number; the phone is proven by SMS; the answer carries
 * the applicant's token. Whether the number or the phone is taken is told only after the SMS code.
 * Someone who already holds a ticket applies the same way for another major (报考新专业).
 */
export async function submitRegistration(deps: RegistrationDeps, input: RegistrationInput, now = new Date()) {
  // Before the code is spent: outside the window the candidate keeps it and learns the window's times.
  const window = await assertRegistrationOpen(deps.db, now);
  const { document, columns } = await resolveDetails(deps, input, input);
  await deps.smsCodes.consume(input.phone, 'register', input.smsCode);
  const payload = await takenOrPayload(deps, document, columns, input.password);
  const sealed = deps.vault.seal(document.documentNo);
  const application = await deps.db.sequelize.transaction(async (transaction) => {
    // One open application per document number, even when the form is sent twice at once.
    await deps.throttles.lock(`registration:${sealed.idCardHash}`, new Date(), transaction);
    const existing = await deps.db.models.Application.findOne({
      where: { idCardHash: sealed.idCardHash, type: 'registration', ...openRegistrationWhere(now) },
      transaction,
    });
    if (existing) throw new AppError('REGISTRATION_EXISTS');
    return deps.db.models.Application.create(
      {
        type: 'registration',
        candidateId: null,
        ...sealed,
        ...columns,
        payload,
        rejectReason: null,
        reviewedBy: null,
        reviewedAt: null,
        issuedTicketNo: null,
        termsAcceptedAt: now,
        reviewClosesAt: window.reviewClosesAt,
      },
      { transaction },
    );
  });
  return {
    ...(await applicationView(deps, application, now)),
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
  input: Omit<Details, 'idCardImageId'> & { smsCode?: string; idCardImageId?: string },
  now = new Date(),
) {
  const application = await findOwnApplication(deps, applicationId);
  if (application.state === 'approved') throw new AppError('REGISTRATION_FROZEN');
  assertNotWithdrawn(application, now);
  // A document without birth date and gender keeps those on file unless the correction gives new ones.
  const entered = {
    ...input,
    idCardImageId: input.idCardImageId ?? application.idCardImage ?? '',
    gender: input.gender ?? application.gender,
    birthDate: input.birthDate ?? application.payload?.birthDate,
  };
  const { document, columns } = await resolveDetails(deps, applicationDocument(deps, application), entered, {
    photoId: application.photoPath,
    idCardImageId: application.idCardImage,
  });
  if (columns.phone !== application.phone) {
    if (!input.smsCode) throw new AppError('SMS_CODE_INVALID');
    await deps.smsCodes.consume(columns.phone, 'register', input.smsCode);
  }
  const payload = await takenOrPayload(deps, document, columns, input.password);
  await deps.db.sequelize.transaction(async (transaction) => {
    await application.reload({ transaction, lock: transaction.LOCK.UPDATE });
    if (application.state === 'approved') throw new AppError('REGISTRATION_FROZEN');
    assertNotWithdrawn(application, now);
    // A new photo waits for the office's verdict again; the count of rejected ones stays.
    const photo =
      columns.photoPath === application.photoPath ? {} : { photoState: 'pending' as const, photoRejectReason: null };
    await application.update(
      { ...columns, ...photo, payload, state: 'submitted', rejectReason: null },
      { transaction },
    );
  });
  return applicationView(deps, application, now);
}

/** A lost registration token comes back with the document number and an SMS code to the phone on the application. */
export async function accessRegistration(
  deps: RegistrationDeps,
  input: { idCardNo: string; phone: string; smsCode: string },
) {
  await deps.smsCodes.consume(input.phone, 'register', input.smsCode);
  // The latest one: an enrolled candidate may have applied again for a new major.
  const application = await deps.db.models.Application.findOne({
    where: { idCardHash: deps.vault.hash(input.idCardNo), type: 'registration' },
    order: [['id', 'DESC']],
  });
  if (!application || application.phone !== input.phone) throw new AppError('NOT_FOUND', { what: '注册申请' });
  return {
    ...(await applicationView(deps, application)),
    registrationToken: deps.tokens.sign('registration', { sub: String(application.id) }),
  };
}
