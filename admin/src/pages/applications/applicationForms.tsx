import {
  DOCUMENT_TYPE_LABELS,
  PASSED_BY_LABELS,
  SCORE_MARK_LABELS,
  TICKET_STATUS_LABELS,
  type AdminApplicationView,
  type DocumentType,
  type PassedBy,
  type ScoreMark,
  type TicketStatus,
} from '@kaowei/shared';
import { genderLabel } from '../../format';
import { TransferInCourses } from './kindParts';

/** The Chinese name of each form field the kinds use (APPLICATION_FORMS in shared). */
const FIELD_LABELS: Record<string, string> = {
  name: '姓名',
  gender: '性别',
  ethnicity: '民族',
  documentType: '证件类型',
  documentNo: '证件号码',
  reason: '申请原因',
  courseCode: '课程代码',
  basis: '免考依据',
  toProvince: '转往省份',
  fromProvince: '转出省份',
  fromTicketNo: '原准考证号',
  periodId: '考次',
  courses: '已合格课程',
  passedBy: '合格方式',
  ticketNo: '准考证号',
  status: '准考证状态',
  majorCode: '专业代码',
  majorName: '专业',
  newTicket: '新开准考证',
  passed: '转入合格课程',
  score: '成绩',
  grade: '等级',
  mark: '标记',
  result: '复核结果',
  creditsEarned: '已获学分',
  creditsNeeded: '毕业所需学分',
  certificateState: '毕业证书',
};

/** Frozen on approval but shown elsewhere (转出证明: its own download) or of no use to the reader. */
const HIDDEN_AFTER = new Set(['certificate', 'certificateRequestId']);

/** The details 信息变更 may change, in the order the form shows them. */
const DETAIL_FIELDS = ['name', 'gender', 'ethnicity', 'documentType', 'documentNo'] as const;

function shown(field: string, value: unknown): string {
  if (value === undefined || value === null || value === '') return '—';
  if (field === 'gender') return genderLabel(String(value));
  if (field === 'status') return TICKET_STATUS_LABELS[value as TicketStatus] ?? String(value);
  if (field === 'mark') return SCORE_MARK_LABELS[value as ScoreMark] ?? String(value);
  if (field === 'passed' && typeof value === 'boolean') return value ? '合格' : '不合格';
  if (field === 'newTicket') return value ? '是' : '否';
  if (field === 'result') return value === 'corrected' ? '成绩有误，已更正' : '成绩无误';
  if (field === 'certificateState') return value === 'issued' ? '已发证' : '待发证';
  if (field === 'passedBy') return PASSED_BY_LABELS[value as PassedBy] ?? String(value);
  if (field === 'documentType') return DOCUMENT_TYPE_LABELS[value as DocumentType] ?? String(value);
  if ((field === 'courses' || field === 'passed') && Array.isArray(value)) {
    return value
      .map((c: { courseCode?: string; courseName?: string; periodCode?: string; score?: number | null }) =>
        [c.courseCode, c.courseName, c.periodCode, c.score ?? null]
          .filter((v) => v !== null && v !== undefined)
          .join(' '),
      )
      .join('；');
  }
  return typeof value === 'object' ? JSON.stringify(value) : String(value);
}

/** What the application asks for, in a few words, for the queue's rows. */
export function applicationSummary(a: AdminApplicationView): string {
  const form = a.form;
  switch (a.kind) {
    case 'info_change':
      return `变更${DETAIL_FIELDS.filter((f) => form[f] !== undefined && f !== 'documentType')
        .map((f) => FIELD_LABELS[f])
        .join('、')}`;
    case 'exemption':
      return `免考课程 ${shown('courseCode', form.courseCode)}`;
    case 'transfer_out':
      return `转往 ${shown('toProvince', form.toProvince)}`;
    case 'transfer_in':
      return `自 ${shown('fromProvince', form.fromProvince)} 转入 ${Array.isArray(form.courses) ? form.courses.length : 0} 门课程`;
    case 'score_review':
      return `复核课程 ${shown('courseCode', form.courseCode)}`;
    case 'graduation':
      return '毕业申请';
  }
}

/**
 * 信息变更: each detail asked for, as on file and as asked. Before approval "on file" is the candidate now;
 * once approved, what the approval froze (before/after).
 */
function InfoChangeTable({ application: a }: { application: AdminApplicationView }) {
  const frozen = a.state === 'approved' && a.before && a.after;
  const fields = DETAIL_FIELDS.filter((f) => a.form[f] !== undefined || (frozen && a.after![f] !== undefined));
  const current = a.current as unknown as Record<string, unknown>;
  return (
    <table className="table" aria-label="变更内容">
      <thead>
        <tr>
          <th>项目</th>
          <th>{frozen ? '变更前' : '现登记信息'}</th>
          <th>{frozen ? '变更后' : '申请变更为'}</th>
        </tr>
      </thead>
      <tbody>
        {fields.map((f) => (
          <tr key={f}>
            <td>{FIELD_LABELS[f]}</td>
            <td className={f === 'documentNo' ? 'code' : undefined}>
              {shown(f, frozen ? (a.before![f] ?? current[f]) : current[f])}
            </td>
            <td className={f === 'documentNo' ? 'code' : undefined}>
              {shown(f, frozen ? (a.after![f] ?? a.form[f]) : a.form[f])}
            </td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}

/** The form as the candidate filled it (and, once approved, what the approval changed). */
export function ApplicationForm({ application: a }: { application: AdminApplicationView }) {
  const rest = Object.entries(a.form).filter(
    ([key]) =>
      (a.kind !== 'info_change' || !(DETAIL_FIELDS as readonly string[]).includes(key)) &&
      (a.kind !== 'transfer_in' || key !== 'courses'),
  );
  return (
    <>
      {a.kind === 'info_change' && <InfoChangeTable application={a} />}
      {a.kind === 'transfer_in' && <TransferInCourses application={a} />}
      <dl className="facts" aria-label="申请内容">
        {rest.map(([key, value]) => (
          <FormFact key={key} field={key} value={value} />
        ))}
        {a.kind !== 'info_change' &&
          a.after &&
          Object.entries(a.after)
            .filter(([key]) => !(key in a.form) && !HIDDEN_AFTER.has(key))
            .map(([key, value]) => <FormFact key={`after-${key}`} field={key} value={value} />)}
      </dl>
    </>
  );
}

function FormFact({ field, value }: { field: string; value: unknown }) {
  return (
    <>
      <dt>{FIELD_LABELS[field] ?? field}</dt>
      <dd>{shown(field, value)}</dd>
    </>
  );
}
