import { z } from 'zod';
import { DOCUMENT_TYPE_LABELS, type CandidateApplicationKind } from '../domain';
import { APPLICATION_FORMS } from './applications';

/**
 * The fields of each kind's form, read from its zod schema (APPLICATION_FORMS) so a form the server adds or
 * changes is shown without a second description: the mini-program renders them, preview and detail label them.
 */
export interface ApplicationFormField {
  key: string;
  label: string;
  input: 'text' | 'number' | 'choice' | 'list';
  /** What an empty box sends: nothing (optional), null (nullable) or '' (required: the schema names it). */
  empty: 'omit' | 'null' | 'keep';
  options?: { value: string; label: string }[];
  /** A list's row fields (转入's courses). */
  fields?: ApplicationFormField[];
}

const FIELD_LABELS: Record<string, string> = {
  name: '姓名',
  gender: '性别',
  ethnicity: '民族',
  documentType: '证件类型',
  documentNo: '证件号码',
  reason: '原因',
  courseCode: '课程代码',
  basis: '免考依据',
  toProvince: '转往省份',
  fromProvince: '转出省份',
  fromTicketNo: '原准考证号',
  courses: '已合格课程',
  periodCode: '考试年月',
  score: '成绩',
  periodId: '考次编号',
};

const KIND_FIELD_LABELS: Partial<Record<CandidateApplicationKind, Record<string, string>>> = {
  info_change: {
    name: '新姓名',
    gender: '新性别',
    ethnicity: '新民族',
    documentType: '新证件类型',
    documentNo: '新证件号码',
    reason: '变更原因',
  },
  exemption: { courseCode: '免考课程代码', basis: '免考依据（所持证书或已修课程）' },
  transfer_out: { reason: '转出原因' },
  score_review: { reason: '复核原因', courseCode: '复核课程代码' },
};

const OPTION_LABELS: Record<string, Record<string, string>> = {
  gender: { M: '男', F: '女' },
  documentType: DOCUMENT_TYPE_LABELS,
};

function describe(key: string, schema: z.ZodType, labels: Record<string, string>): ApplicationFormField {
  let inner = schema;
  let empty: ApplicationFormField['empty'] = 'keep';
  for (;;) {
    if (inner instanceof z.ZodOptional) empty = 'omit';
    else if (inner instanceof z.ZodNullable) empty = empty === 'omit' ? 'omit' : 'null';
    else break;
    inner = inner.unwrap() as z.ZodType;
  }
  const label = labels[key] ?? FIELD_LABELS[key] ?? key;
  if (inner instanceof z.ZodEnum) {
    const names = OPTION_LABELS[key] ?? {};
    const options = (inner.options as string[]).map((value) => ({ value, label: names[value] ?? value }));
    return { key, label, input: 'choice', empty, options };
  }
  if (inner instanceof z.ZodNumber) return { key, label, input: 'number', empty };
  if (inner instanceof z.ZodArray && inner.element instanceof z.ZodObject) {
    return { key, label, input: 'list', empty, fields: fieldsOfShape(inner.element, labels) };
  }
  return { key, label, input: 'text', empty };
}

function fieldsOfShape(schema: z.ZodObject, labels: Record<string, string>): ApplicationFormField[] {
  return Object.entries(schema.shape).map(([key, field]) => describe(key, field as z.ZodType, labels));
}

/** The fields of a kind's form, in the schema's order. */
export function applicationFormFields(kind: CandidateApplicationKind): ApplicationFormField[] {
  const schema: z.ZodType = APPLICATION_FORMS[kind];
  return schema instanceof z.ZodObject ? fieldsOfShape(schema, KIND_FIELD_LABELS[kind] ?? {}) : [];
}

/** A stored value as the candidate reads it (男 for M, 居民身份证 for resident_id). */
export function formValueLabel(field: ApplicationFormField, value: unknown): string {
  if (value === undefined || value === null || value === '') return '—';
  if (field.input === 'choice') return field.options?.find((o) => o.value === value)?.label ?? String(value);
  return String(value);
}
