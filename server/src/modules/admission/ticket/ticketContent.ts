import { createHash } from 'node:crypto';
import { unitLabel, type TicketBlock, type TicketExamView, type TicketPeriodView } from '@kaowei/shared';
import { formatBeijing } from '../../../lib/beijingTime';
import type { ExamPeriod } from '../../catalog/models';
import type { PaidExamRow } from './ticketRepository';

/** Printed when the period has no 考场规则 of its own (seeds 002 and 003: 考生参考须知, 考场规则). */
export const DEFAULT_EXAM_RULES = [
  '一、考生须持本准考证和有效居民身份证件（与报考时所用证件一致），按规定时间进入考场，对号入座，并将两证放在桌面右上角以备查验。',
  '二、开考前20分钟进入考场；开考15分钟后不得入场，开考后30分钟内不得交卷退场。',
  '三、考生只准携带黑色字迹的签字笔、2B铅笔、橡皮等必要文具；手机等通讯工具、电子设备及书籍资料须按要求存放在指定位置，不得带至座位。',
  '四、考试期间须保持安静，不得交头接耳、偷看他人试卷、传递物品；违纪舞弊者按《国家教育考试违规处理办法》处理。',
  '五、伪造、变造或擅自涂改准考证、身份证件者，禁止参加考试并承担相应法律责任。',
  '六、本准考证用A4纸黑白打印即可，请妥善保管，考试结束后还需凭其查询成绩。',
].join('\n');

export const ticketTitle = (periodName: string) => `${periodName}高等教育自学考试准考证`;

export function examView(row: PaidExamRow): TicketExamView {
  return {
    unitId: row.unit_id,
    unitLabel: unitLabel({
      examDate: row.exam_date,
      halfDay: row.half_day,
      startTime: row.start_time,
      endTime: row.end_time,
    }),
    examDate: row.exam_date,
    courseCode: row.course_code,
    courseName: row.course_name,
    seat:
      row.seat_no === null || row.room_no === null
        ? null
        : {
            venueName: row.venue_name ?? '',
            venueAddress: row.venue_address ?? '',
            roomNo: row.room_no,
            seatNo: row.seat_no,
          },
  };
}

const BLOCK_REASONS: Record<TicketBlock, (period: ExamPeriod) => string> = {
  no_paid_course: () => '本考次没有已缴费的课程，无需打印准考证（未缴费或已退费的课程不安排考场）',
  not_scheduled: () => '准考证打印时间尚未公布，请关注考试院通知',
  not_open: (p) => `准考证打印时间为 ${formatBeijing(p.printOpensAt!)} 至 ${formatBeijing(p.printClosesAt!)}，尚未开始`,
  closed: (p) => `准考证打印已于 ${formatBeijing(p.printClosesAt!)} 结束`,
};

/** Why the ticket cannot be printed now, or null when it can. */
export function printBlock(period: ExamPeriod, paidCount: number, now: Date): TicketBlock | null {
  if (paidCount === 0) return 'no_paid_course';
  if (!period.printOpensAt || !period.printClosesAt) return 'not_scheduled';
  if (now < period.printOpensAt) return 'not_open';
  if (now >= period.printClosesAt) return 'closed';
  return null;
}

export function periodView(period: ExamPeriod, rows: PaidExamRow[], now: Date, reissuedAt?: Date): TicketPeriodView {
  const block = printBlock(period, rows.length, now);
  return {
    periodId: period.id,
    periodName: period.name,
    title: ticketTitle(period.name),
    printOpensAt: period.printOpensAt ? period.printOpensAt.toISOString() : null,
    printClosesAt: period.printClosesAt ? period.printClosesAt.toISOString() : null,
    printable: block === null,
    ...(block ? { block, reason: BLOCK_REASONS[block](period) } : {}),
    exams: rows.map(examView),
    ...(reissuedAt && rows.length > 0 ? { reissuedAt: new Date(reissuedAt).toISOString() } : {}),
  };
}

/** Everything printed on one ticket: what the content hash covers. */
export interface TicketContent {
  title: string;
  name: string;
  gender: 'M' | 'F';
  documentNo: string;
  ticketNo: string;
  /** The stored photo's id (a new upload is a new id), or null for the 照片 placeholder. */
  photoId: string | null;
  exams: TicketExamView[];
  rules: string;
  /** Who the QR code names; the token itself is made when the PDF is drawn. */
  candidateId: number;
  periodId: number;
  /** The reissue version (补发): a reissued ticket is a new file with a new QR token. */
  version: number;
}

/** Bumped when the layout changes, so cached PDFs of the old layout are not served. */
const LAYOUT_VERSION = 1;

export function contentHash(content: TicketContent): string {
  return createHash('sha256')
    .update(JSON.stringify({ v: LAYOUT_VERSION, ...content }))
    .digest('hex');
}
