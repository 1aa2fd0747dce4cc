import type {
  ApplicationState,
  ApplicationType,
  DocumentType,
  EducationLevel,
  OfficialRole,
  PhotoState,
  TicketStatus,
} from '@kaowei/shared';
import type { Sequelize } from 'sequelize';
import {
  dateOnly,
  dateTime,
  flag,
  json,
  integer,
  optionalDateTime,
  optionalInteger,
  optionalText,
  pk,
  text,
  stamps,
} from '../../db/columns';
import type { CreationOptional, Row } from '../../db/modelTypes';

export interface Candidate extends Row<Candidate> {
  idCardHash: string;
  idCardCipher: string;
  idCardMasked: string;
  name: string;
  gender: 'M' | 'F';
  birthDate: string;
  phone: string | null;
  phoneBoundAt: Date | null;
  /** NULL while a migrated candidate is still on the initial password. */
  passwordHash: string | null;
  mustChangePassword: CreationOptional<boolean>;
  tokenVersion: CreationOptional<number>;
  wechatOpenid: string | null;
  photoPath: string | null;
  /** County of registration (the approved application's, or the one the migrated record names); null if unknown. */
  countyId: CreationOptional<number | null>;
  /** Which document the id_card_* columns hold (seed 002's 证件类型). */
  documentType: CreationOptional<DocumentType>;
  /** The phone the old system had: first login binds exactly this one. */
  phoneOnFile: CreationOptional<string | null>;
  ethnicity: CreationOptional<string | null>;
  education: CreationOptional<string | null>;
  /** 合档: the record this one was merged into; a merged record is closed. */
  mergedIntoId: CreationOptional<number | null>;
}
export interface Ticket extends Row<Ticket> {
  ticketNo: string;
  candidateId: number;
  majorId: number;
  status: CreationOptional<TicketStatus>;
}
export interface Official extends Row<Official> {
  username: string;
  name: string;
  passwordHash: string;
  role: OfficialRole;
  cityId: number | null;
  countyId: number | null;
  totpSecret: string | null;
  mustChangePassword: CreationOptional<boolean>;
  tokenVersion: CreationOptional<number>;
  disabledAt: Date | null;
  /** The official who created this account; null for the seeded ones. */
  createdBy: CreationOptional<number | null>;
}

/** 新生注册 and later change requests, reviewed by officials of the county. */
export interface Application extends Row<Application> {
  type: ApplicationType;
  state: CreationOptional<ApplicationState>;
  candidateId: number | null;
  idCardHash: string;
  idCardCipher: string;
  idCardMasked: string;
  name: string;
  gender: 'M' | 'F';
  phone: string | null;
  majorId: number | null;
  countyId: number | null;
  photoPath: string | null;
  /**
   * Type-specific data; for registrations the chosen password's hash, the 证件类型 (a 居民身份证 when
   * absent) and the birth date (entered for documents that carry none).
   */
  payload: {
    passwordHash?: string;
    documentType?: DocumentType;
    birthDate?: string;
    /** Made by someone already holding a ticket (报考新专业): approval adds a ticket to their record. */
    newMajor?: boolean;
  } | null;
  rejectReason: string | null;
  reviewedBy: number | null;
  reviewedAt: Date | null;
  issuedTicketNo: string | null;
  ethnicity: CreationOptional<string | null>;
  education: CreationOptional<EducationLevel | null>;
  termsAcceptedAt: CreationOptional<Date | null>;
  /** Stored name of the ID-card image (AttachmentStore under uploads/registrations). */
  idCardImage: CreationOptional<string | null>;
  /** From the window the application was made in; see registrationState. */
  reviewClosesAt: CreationOptional<Date | null>;
  photoState: CreationOptional<PhotoState>;
  photoRejectReason: CreationOptional<string | null>;
  photoRejections: CreationOptional<number>;
}

/** When new candidates may register, and until when offices review them (the province sets it). */
export interface RegistrationWindow extends Row<RegistrationWindow> {
  periodId: number | null;
  opensAt: Date;
  closesAt: Date;
  reviewClosesAt: Date;
}

export function defineAccountModels(sequelize: Sequelize) {
  const Candidate = sequelize.define<Candidate>(
    'Candidate',
    {
      id: pk(),
      ...stamps(),
      idCardHash: text(64),
      idCardCipher: text(128),
      idCardMasked: text(18),
      name: text(32),
      gender: text(1),
      birthDate: dateOnly(),
      phone: optionalText(11),
      phoneBoundAt: optionalDateTime(),
      passwordHash: optionalText(),
      mustChangePassword: { ...flag(), defaultValue: true },
      tokenVersion: { ...integer(), defaultValue: 0 },
      wechatOpenid: optionalText(64),
      photoPath: optionalText(),
      countyId: optionalInteger(),
      documentType: { ...text(24), defaultValue: 'resident_id' },
      phoneOnFile: optionalText(11),
      ethnicity: optionalText(16),
      education: optionalText(16),
      mergedIntoId: optionalInteger(),
    },
    { tableName: 'candidates' },
  );
  const Ticket = sequelize.define<Ticket>(
    'Ticket',
    {
      id: pk(),
      ...stamps(),
      ticketNo: text(12),
      candidateId: integer(),
      majorId: integer(),
      status: { ...text(16), defaultValue: 'active' },
    },
    { tableName: 'tickets' },
  );
  const Official = sequelize.define<Official>(
    'Official',
    {
      id: pk(),
      ...stamps(),
      username: text(32),
      name: text(32),
      passwordHash: text(),
      role: text(16),
      cityId: optionalInteger(),
      countyId: optionalInteger(),
      totpSecret: optionalText(64),
      mustChangePassword: { ...flag(), defaultValue: false },
      tokenVersion: { ...integer(), defaultValue: 0 },
      disabledAt: optionalDateTime(),
      createdBy: optionalInteger(),
    },
    { tableName: 'officials' },
  );
  const Application = sequelize.define<Application>(
    'Application',
    {
      id: pk(),
      ...stamps(),
      type: text(16),
      state: { ...text(16), defaultValue: 'submitted' },
      candidateId: optionalInteger(),
      idCardHash: text(64),
      idCardCipher: text(128),
      idCardMasked: text(18),
      name: text(32),
      gender: text(1),
      phone: optionalText(11),
      majorId: optionalInteger(),
      countyId: optionalInteger(),
      photoPath: optionalText(),
      payload: json(),
      rejectReason: optionalText(),
      reviewedBy: optionalInteger(),
      reviewedAt: optionalDateTime(),
      issuedTicketNo: optionalText(12),
      ethnicity: optionalText(16),
      education: optionalText(16),
      termsAcceptedAt: optionalDateTime(),
      idCardImage: optionalText(64),
      reviewClosesAt: optionalDateTime(),
      photoState: { ...text(16), defaultValue: 'pending' },
      photoRejectReason: optionalText(),
      photoRejections: { ...integer(), defaultValue: 0 },
    },
    { tableName: 'applications' },
  );
  const RegistrationWindow = sequelize.define<RegistrationWindow>(
    'RegistrationWindow',
    {
      id: pk(),
      ...stamps(),
      periodId: optionalInteger(),
      opensAt: dateTime(),
      closesAt: dateTime(),
      reviewClosesAt: dateTime(),
    },
    { tableName: 'registration_windows' },
  );
  return { Candidate, Ticket, Official, Application, RegistrationWindow };
}
