import type { PassedBy } from '@kaowei/shared';
import type { Sequelize } from 'sequelize';
import { integer, optionalInteger, optionalText, pk, stamps, text } from '../../db/columns';
import type { CreationOptional, Row } from '../../db/modelTypes';

/** 已合格课程: a course passed under a ticket, by exam, exemption (免考) or transfer (转入). */
export interface PassedCourse extends Row<PassedCourse> {
  ticketId: number;
  courseId: number;
  /** The period as the old system names it ("202304"). */
  periodCode: string;
  score: CreationOptional<number | null>;
  /** For practical courses: 合格, 优秀, 良好, 中等, 及格. */
  grade: CreationOptional<string | null>;
  passedBy: PassedBy;
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
      score: optionalInteger(),
      grade: optionalText(8),
      passedBy: text(16),
    },
    { tableName: 'passed_courses' },
  );
  return { PassedCourse };
}
