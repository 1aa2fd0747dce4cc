import type {
  CandidateApplicationKind,
  CandidateApplicationState,
  DecisionOutcome,
  ProofKind,
  ReviewLevel,
} from '@kaowei/shared';
import type { CreationOptional, InferAttributes, InferCreationAttributes, Model, Sequelize } from 'sequelize';
import {
  createdStamp,
  dateTime,
  integer,
  json,
  optionalDateTime,
  optionalInteger,
  optionalText,
  pk,
  stamps,
  text,
} from '../../db/columns';
import type { Entity, Row } from '../../db/modelTypes';

/** 业务办理: one application of a candidate under one ticket (see migration 0010). */
export interface CandidateApplication extends Row<CandidateApplication> {
  kind: CandidateApplicationKind;
  state: CandidateApplicationState;
  /** 1 while open, null once final: the unique key (ticket, kind, active). */
  active: CreationOptional<1 | null>;
  candidateId: number;
  ticketId: number;
  countyId: number | null;
  periodId: number | null;
  reviewLevel: CreationOptional<ReviewLevel>;
  form: Record<string, unknown>;
  before: CreationOptional<Record<string, unknown> | null>;
  after: CreationOptional<Record<string, unknown> | null>;
  noticeAcceptedAt: Date;
  submittedAt: CreationOptional<Date | null>;
  decidedAt: CreationOptional<Date | null>;
}

export interface ApplicationDecision extends Model<
  InferAttributes<ApplicationDecision>,
  InferCreationAttributes<ApplicationDecision>
> {
  id: CreationOptional<number>;
  applicationId: number;
  level: ReviewLevel;
  officialId: number;
  outcome: DecisionOutcome;
  reason: string | null;
  decidedAt: Date;
}

export interface ApplicationAttachment extends Entity<ApplicationAttachment> {
  applicationId: number;
  proof: ProofKind;
  /** The random file name under DATA_DIR/uploads/applications. */
  storedName: string;
  originalName: string;
  mime: string;
  sizeBytes: number;
}

export interface ApplicationWindow extends Row<ApplicationWindow> {
  kind: CandidateApplicationKind;
  periodId: number | null;
  opensAt: Date;
  closesAt: Date;
}

export function defineApplicationModels(sequelize: Sequelize) {
  const CandidateApplication = sequelize.define<CandidateApplication>(
    'CandidateApplication',
    {
      id: pk(),
      ...stamps(),
      kind: text(24),
      state: text(16),
      active: { ...optionalInteger(), defaultValue: 1 },
      candidateId: integer(),
      ticketId: integer(),
      countyId: optionalInteger(),
      periodId: optionalInteger(),
      reviewLevel: { ...text(16), defaultValue: 'county' },
      form: { ...json(), allowNull: false },
      before: json(),
      after: json(),
      noticeAcceptedAt: dateTime(),
      submittedAt: optionalDateTime(),
      decidedAt: optionalDateTime(),
    },
    { tableName: 'candidate_applications' },
  );
  const ApplicationDecision = sequelize.define<ApplicationDecision>(
    'ApplicationDecision',
    {
      id: pk(),
      applicationId: integer(),
      level: text(16),
      officialId: integer(),
      outcome: text(16),
      reason: optionalText(200),
      decidedAt: dateTime(),
    },
    { tableName: 'application_decisions', timestamps: false },
  );
  const ApplicationAttachment = sequelize.define<ApplicationAttachment>(
    'ApplicationAttachment',
    {
      id: pk(),
      ...createdStamp(),
      applicationId: integer(),
      proof: text(24),
      storedName: text(64),
      originalName: text(255),
      mime: text(64),
      sizeBytes: integer(),
    },
    { tableName: 'application_attachments', updatedAt: false },
  );
  const ApplicationWindow = sequelize.define<ApplicationWindow>(
    'ApplicationWindow',
    {
      id: pk(),
      ...stamps(),
      kind: text(24),
      periodId: optionalInteger(),
      opensAt: dateTime(),
      closesAt: dateTime(),
    },
    { tableName: 'application_windows' },
  );
  return { CandidateApplication, ApplicationDecision, ApplicationAttachment, ApplicationWindow };
}
