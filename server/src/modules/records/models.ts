import type { PassedBy, ScoreMark } from '@kaowei/shared';
import type { Sequelize } from 'sequelize';
import { dateOnly, flag, integer, optionalInteger, optionalText, pk, stamps, text } from '../../db/columns';
import type { CreationOptional, Row } from '../../db/modelTypes';

/** 已合格课程: a course passed under a ticket, by exam, exemption (免考) or transfer (转入). */
export interface PassedCourse extends Row<PassedCourse> {
  ticketId: number;
  courseId: number;
  /** The period as the old system names it ("202304"). */
  periodCode: string;
  /** The Kaowei period whose published score passed it: hidden from the candidate until publication. */
  periodId: CreationOptional<number | null>;
  score: CreationOptional<number | null>;
  /** For practical courses: 合格, 优秀, 良好, 中等, 及格. */
  grade: CreationOptional<string | null>;
  passedBy: PassedBy;
}

/** A ticket's result in one course of one period: a score, a grade, or a mark such as 缺考. */
export interface Score extends Row<Score> {
  candidateId: number;
  ticketId: number;
  periodId: number;
  courseId: number;
  score: CreationOptional<number | null>;
  grade: CreationOptional<string | null>;
  mark: CreationOptional<ScoreMark | null>;
  passed: boolean;
  importJobId: CreationOptional<number | null>;
}

/** 毕业证书, imported by the province. */
export interface Certificate extends Row<Certificate> {
  certificateNo: string;
  candidateId: number;
  ticketId: number;
  majorId: number;
  issuedOn: string;
  importJobId: CreationOptional<number | null>;
}

/** 待制证: a ticket whose 毕业申请 was approved, waiting for its certificate (migration 0011). */
export interface CertificateRequest extends Row<CertificateRequest> {
  ticketId: number;
  majorId: number;
  applicationId: number;
  state: CreationOptional<'pending' | 'issued'>;
  certificateId: CreationOptional<number | null>;
}

export function defineRecordModels(sequelize: Sequelize) {
  const PassedCourse = sequelize.define<PassedCourse>(
    'PassedCourse',
    {
      id: pk(),
      ...stamps(),
      ticketId: integer(),
      courseId: integer(),
      periodCode: text(16),
      periodId: optionalInteger(),
      score: optionalInteger(),
      grade: optionalText(8),
      passedBy: text(16),
    },
    { tableName: 'passed_courses' },
  );
  const Score = sequelize.define<Score>(
    'Score',
    {
      id: pk(),
      ...stamps(),
      candidateId: integer(),
      ticketId: integer(),
      periodId: integer(),
      courseId: integer(),
      score: optionalInteger(),
      grade: optionalText(8),
      mark: optionalText(16),
      passed: flag(),
      importJobId: optionalInteger(),
    },
    { tableName: 'scores' },
  );
  const Certificate = sequelize.define<Certificate>(
    'Certificate',
    {
      id: pk(),
      ...stamps(),
      certificateNo: text(32),
      candidateId: integer(),
      ticketId: integer(),
      majorId: integer(),
      issuedOn: dateOnly(),
      importJobId: optionalInteger(),
    },
    { tableName: 'certificates' },
  );
  const CertificateRequest = sequelize.define<CertificateRequest>(
    'CertificateRequest',
    {
      id: pk(),
      ...stamps(),
      ticketId: integer(),
      majorId: integer(),
      applicationId: integer(),
      state: { ...text(16), defaultValue: 'pending' },
      certificateId: optionalInteger(),
    },
    { tableName: 'certificate_requests' },
  );
  return { PassedCourse, Score, Certificate, CertificateRequest };
}
