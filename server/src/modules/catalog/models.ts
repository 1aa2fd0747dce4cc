import type { HalfDay, MajorStatus } from '@kaowei/shared';
import { DataTypes, type InferAttributes, type InferCreationAttributes, type Model, type Sequelize } from 'sequelize';
import {
  dateOnly,
  dateTime,
  flag,
  integer,
  longText,
  optionalDateOnly,
  optionalDateTime,
  optionalInteger,
  optionalText,
  pk,
  text,
  stamps,
} from '../../db/columns';
import type { CreationOptional, Plain, Row } from '../../db/modelTypes';

export interface City extends Row<City> {
  code: string;
  name: string;
}
export interface County extends Row<County> {
  cityId: number;
  code: string;
  name: string;
  /** The county office (考区) a candidate visits, where known. */
  officeName?: CreationOptional<string | null>;
  officeAddress?: CreationOptional<string | null>;
}
export interface Major extends Row<Major> {
  code: string;
  name: string;
  level: string;
  status: CreationOptional<MajorStatus>;
  /** Last day of 停考过渡期 (Beijing date), when status is 'transition'. */
  transitionEndsOn: CreationOptional<string | null>;
}
/** One course of a major's course plan. */
export interface MajorCourse extends Model<InferAttributes<MajorCourse>, InferCreationAttributes<MajorCourse>> {
  majorId: number;
  courseId: number;
  required: boolean;
  /** The plan's credits for the course; null: the course's own. */
  credits: CreationOptional<number | null>;
  practical: CreationOptional<boolean>;
}
export interface Course extends Row<Course> {
  code: string;
  name: string;
  credits: number;
  /** The pass mark of a scored course (60 of 100 unless the province sets another). */
  passScore: CreationOptional<number>;
}
export interface ExamPeriodRecord extends Row<ExamPeriodRecord> {
  code: string;
  name: string;
  bookingOpensAt: Date;
  bookingClosesAt: Date;
  paymentOpensAt: Date;
  paymentClosesAt: Date;
  payDailyStart: CreationOptional<string>;
  payDailyEnd: CreationOptional<string>;
  dailyReleaseTime: CreationOptional<string>;
  refundAllowed: CreationOptional<boolean>;
  refundDeadline: Date | null;
  printOpensAt: Date | null;
  printClosesAt: Date | null;
  feePerCourseFen: number;
  maxCourses: number;
  bookingNotice: string;
  /** 考场规则 / 应试须知 printed on the admission ticket. */
  examRules: CreationOptional<string | null>;
  /** Scores of the period are invisible to candidates before this moment; null: not scheduled. */
  scoresPublishAt: CreationOptional<Date | null>;
  /** 成绩复核 may be filed within this many working days (Mon–Fri) after the publish time (#16). */
  scoreReviewDays: CreationOptional<number>;
}
export interface ExamUnitRecord extends Row<ExamUnitRecord> {
  periodId: number;
  code: string;
  examDate: string;
  halfDay: HalfDay;
  startTime: string;
  endTime: string;
}
/**
 * A period and a unit as everyone reads them: plain data (the catalog cache hands these out, and
 * the same objects reach every caller). Model instances, for the officials' changes, are the *Record types.
 */
export type ExamPeriod = Plain<ExamPeriodRecord>;
export type ExamUnit = Plain<ExamUnitRecord>;

export interface CourseOffering extends Row<CourseOffering> {
  periodId: number;
  unitId: number;
  courseId: number;
}
export interface SeatQuota extends Row<SeatQuota> {
  periodId: number;
  countyId: number;
  unitId: number;
  capacity: number;
  taken: CreationOptional<number>;
}
export interface ExamVenue extends Row<ExamVenue> {
  countyId: number;
  name: string;
  address: string;
  contact: CreationOptional<string | null>;
}

export function defineCatalogModels(sequelize: Sequelize) {
  const City = sequelize.define<City>(
    'City',
    { id: pk(), ...stamps(), code: text(6), name: text(32) },
    { tableName: 'cities' },
  );
  const County = sequelize.define<County>(
    'County',
    {
      id: pk(),
      ...stamps(),
      cityId: integer(),
      code: text(6),
      name: text(32),
      officeName: optionalText(64),
      officeAddress: optionalText(128),
    },
    { tableName: 'counties' },
  );
  const Major = sequelize.define<Major>(
    'Major',
    {
      id: pk(),
      ...stamps(),
      code: text(16),
      name: text(64),
      level: text(8),
      status: { ...text(16), defaultValue: 'open' },
      transitionEndsOn: optionalDateOnly(),
    },
    { tableName: 'majors' },
  );
  const Course = sequelize.define<Course>(
    'Course',
    {
      id: pk(),
      ...stamps(),
      code: text(5),
      name: text(64),
      credits: integer(),
      passScore: { ...integer(), defaultValue: 60 },
    },
    { tableName: 'courses' },
  );
  const MajorCourse = sequelize.define<MajorCourse>(
    'MajorCourse',
    {
      majorId: { ...integer(), primaryKey: true },
      courseId: { ...integer(), primaryKey: true },
      required: flag(),
      credits: optionalInteger(),
      practical: { ...flag(), defaultValue: false },
    },
    { tableName: 'major_courses', timestamps: false },
  );
  const ExamPeriod = sequelize.define<ExamPeriodRecord>(
    'ExamPeriod',
    {
      id: pk(),
      ...stamps(),
      code: text(16),
      name: text(32),
      bookingOpensAt: dateTime(),
      bookingClosesAt: dateTime(),
      paymentOpensAt: dateTime(),
      paymentClosesAt: dateTime(),
      payDailyStart: { ...text(5), defaultValue: '09:00' },
      payDailyEnd: { ...text(5), defaultValue: '22:00' },
      dailyReleaseTime: { ...text(5), defaultValue: '23:30' },
      refundAllowed: { ...flag(), defaultValue: true },
      refundDeadline: optionalDateTime(),
      printOpensAt: optionalDateTime(),
      printClosesAt: optionalDateTime(),
      feePerCourseFen: integer(),
      maxCourses: integer(),
      bookingNotice: longText(),
      examRules: { type: DataTypes.TEXT, allowNull: true },
      scoresPublishAt: optionalDateTime(),
      scoreReviewDays: { ...integer(), defaultValue: 3 },
    },
    { tableName: 'exam_periods' },
  );
  const ExamUnit = sequelize.define<ExamUnitRecord>(
    'ExamUnit',
    {
      id: pk(),
      ...stamps(),
      periodId: integer(),
      code: text(8),
      examDate: dateOnly(),
      halfDay: text(2),
      startTime: text(5),
      endTime: text(5),
    },
    { tableName: 'exam_units' },
  );
  const CourseOffering = sequelize.define<CourseOffering>(
    'CourseOffering',
    { id: pk(), ...stamps(), periodId: integer(), unitId: integer(), courseId: integer() },
    { tableName: 'course_offerings' },
  );
  const SeatQuota = sequelize.define<SeatQuota>(
    'SeatQuota',
    {
      id: pk(),
      ...stamps(),
      periodId: integer(),
      countyId: integer(),
      unitId: integer(),
      capacity: integer(),
      taken: { ...integer(), defaultValue: 0 },
    },
    { tableName: 'seat_quotas' },
  );
  const ExamVenue = sequelize.define<ExamVenue>(
    'ExamVenue',
    {
      id: pk(),
      ...stamps(),
      countyId: integer(),
      name: text(64),
      address: text(128),
      contact: optionalText(64),
    },
    { tableName: 'exam_venues' },
  );
  return { City, County, Major, Course, MajorCourse, ExamPeriod, ExamUnit, CourseOffering, SeatQuota, ExamVenue };
}
