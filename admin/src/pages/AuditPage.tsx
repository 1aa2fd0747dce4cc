import { useState, type FormEvent } from 'react';
import { EXPORT_KINDS, EXPORT_KIND_LABELS, type ExportKind } from '@kaowei/shared';
import { auditApi } from '../api/client';
import type { AuditEntry } from '../api/types';
import { DataState, PageHeader, Pager } from '../components/ui';
import { actorLabel, formatTime, halfDayLabel } from '../format';
import { useFilters, useLoad } from '../hooks';

const PAGE_SIZE = 20;

const ACTIONS: Record<string, string> = {
  'period.create': '新建考次',
  'period.update': '修改考次',
  'unit.create': '新增考试单元',
  'unit.update': '修改考试单元',
  'unit.delete': '删除考试单元',
  'offering.import': '导入开考课程',
  'offering.delete': '删除开考课程',
  'city.create': '新增市（州）',
  'city.rename': '市（州）更名',
  'county.create': '新增县（市、区）',
  'county.rename': '县（市、区）更名',
  'quota.create': '设置考位数（新增）',
  'quota.set_capacity': '设置考位数',
  'registration.approve': '新生注册审核通过',
  'registration.reject': '新生注册审核不通过',
  'registration.view_identity': '查看注册申请完整证件号码',
  'candidate.reset_password': '重置考生密码',
  'candidate.unbind_phone': '解绑考生手机',
  'ticket.change_status': '变更准考证状态',
  'payment.refund': '退费',
  'payment_exception.resolve': '处理资金异常',
  'booking.release': '释放考位',
  'official.totp_enable': '启用两步验证',
  'official.totp_disable': '停用两步验证',
  'official.create': '开设考办人员账号',
  'official.edit': '修改考办人员账号',
  'official.disable': '停用考办人员账号',
  'official.enable': '启用考办人员账号',
  'official.reset_password': '重置考办人员密码',
  'official.reset_totp': '重置考办人员动态验证码',
  'official.change_password': '修改本人密码',
  'official.sign_out_everywhere': '退出所有设备',
  ...Object.fromEntries(EXPORT_KINDS.map((kind) => [`export.${kind}`, `导出${EXPORT_KIND_LABELS[kind]}`])),
  'candidate.edit': '修改考生信息',
  'candidate.undo_phone_binding': '撤销考生手机绑定',
  'export.roster_seats': '下载考场座次表',
  'export.roster_signin': '下载考场签到表',
  'ticket.reissue': '补发准考证',
  'notice.sent': '发送群发通知',
};

const ENTITIES: Record<string, string> = {
  exam_period: '考次',
  exam_unit: '考试单元',
  course_offering: '开考课程',
  city: '市（州）',
  county: '县（市、区）',
  seat_quota: '考位设置',
  application: '注册申请',
  candidate: '考生',
  ticket: '准考证',
  payment_order: '缴费订单',
  payment_exception: '资金异常',
  official: '考办人员',
  booking_item: '报考课程',
  export: '导出',
  notice: '群发通知',
};

const FIELDS: Record<string, string> = {
  code: '代码',
  name: '名称',
  capacity: '考位数',
  taken: '已占用',
  countyId: '县（市、区）编号',
  cityId: '市（州）编号',
  unitId: '考试单元编号',
  periodId: '考次编号',
  bookingOpensAt: '报考开始时间',
  bookingClosesAt: '报考截止时间',
  paymentOpensAt: '缴费开始时间',
  paymentClosesAt: '缴费截止时间',
  payDailyStart: '每日缴费开始',
  payDailyEnd: '每日缴费结束',
  dailyReleaseTime: '每日释放时间',
  refundAllowed: '允许退费',
  refundDeadline: '退费截止时间',
  printOpensAt: '打印开始时间',
  printClosesAt: '打印截止时间',
  feePerCourseFen: '每科报考费（分）',
  maxCourses: '最多报考科数',
  bookingNotice: '报考须知',
  examRules: '考场规则',
  examDate: '考试日期',
  halfDay: '上午/下午',
  startTime: '开始时间',
  endTime: '结束时间',
  state: '状态',
  totpEnabled: '两步验证',
  file: '文件',
  rows: '行数',
  added: '新增',
  courses: '课程',
  phone: '手机',
  mustChangePassword: '须修改密码',
  amountFen: '金额（分）',
  ticketNo: '准考证号',
  what: '导出内容',
  format: '格式',
  filters: '筛选条件',
  outRefundNo: '退款单号',
  outTradeNo: '订单号',
  idCardNoMasked: '证件号码（脱敏）',
  kind: '类型',
  details: '说明',
  resolved: '已处理',
  username: '用户名',
  role: '级别',
  disabled: '已停用',
  version: '补发次数',
};

/** 审计日志: who changed what, when, from where, and why; before/after shown field by field. */
export function AuditPage() {
  const { values, page, set, setPage } = useFilters([
    'actor',
    'action',
    'entityType',
    'entityId',
    'from',
    'to',
  ] as const);
  const [form, setForm] = useState(values);
  const list = useLoad(
    () => auditApi.list({ ...values, page, pageSize: PAGE_SIZE }),
    [values.actor, values.action, values.entityType, values.entityId, values.from, values.to, page],
  );
  const submit = (e: FormEvent) => {
    e.preventDefault();
    set(Object.fromEntries(Object.entries(form).map(([k, v]) => [k, v.trim()])));
  };
  const field = (key: keyof typeof form) => ({
    name: key,
    value: form[key],
    onChange: (e: { target: { value: string } }) => setForm((f) => ({ ...f, [key]: e.target.value })),
  });

  return (
    <>
      <PageHeader title="审计日志">所有配置变更和代考生办理的操作均有记录。</PageHeader>
      <form className="card filters" onSubmit={submit} aria-label="筛选">
        <input aria-label="操作人" placeholder="操作人（用户名）" {...field('actor')} />
        <select aria-label="操作" {...field('action')}>
          <option value="">全部操作</option>
          {Object.entries(ACTIONS).map(([value, text]) => (
            <option key={value} value={value}>
              {text}
            </option>
          ))}
        </select>
        <select aria-label="对象类型" {...field('entityType')}>
          <option value="">全部对象</option>
          {Object.entries(ENTITIES).map(([value, text]) => (
            <option key={value} value={value}>
              {text}
            </option>
          ))}
        </select>
        <input aria-label="对象编号" placeholder="对象编号" className="narrow-input" {...field('entityId')} />
        <label className="inline-field">
          <span>从</span>
          <input type="date" aria-label="开始日期" {...field('from')} />
        </label>
        <label className="inline-field">
          <span>至</span>
          <input type="date" aria-label="结束日期" {...field('to')} />
        </label>
        <button type="submit" className="primary">
          查询
        </button>
      </form>
      <DataState state={list} isEmpty={(r) => r.items.length === 0} empty="没有符合条件的审计记录">
        {(r) => (
          <div className="card">
            <table className="table audit" aria-label="审计日志列表">
              <thead>
                <tr>
                  <th>时间</th>
                  <th>操作人</th>
                  <th>操作</th>
                  <th>对象</th>
                  <th>变更内容</th>
                  <th>原因</th>
                  <th>IP</th>
                </tr>
              </thead>
              <tbody>
                {r.items.map((entry) => (
                  <tr key={entry.id}>
                    <td className="nowrap">{formatTime(entry.at)}</td>
                    <td>{actorLabel(entry.actorType, entry.actorName)}</td>
                    <td>
                      {ACTIONS[entry.action] ?? entry.action}
                      <div className="muted small-text code">{entry.action}</div>
                    </td>
                    <td>
                      {ENTITIES[entry.entityType] ?? entry.entityType}
                      {entry.entityId ? ` #${entry.entityId}` : ''}
                    </td>
                    <td>
                      <Diff entry={entry} />
                    </td>
                    <td>{entry.reason ?? '—'}</td>
                    <td className="code small-text">{entry.ip ?? '—'}</td>
                  </tr>
                ))}
              </tbody>
            </table>
            <Pager page={r.page} pageSize={r.pageSize} total={r.total} onPage={setPage} />
          </div>
        )}
      </DataState>
    </>
  );
}

const isRecord = (value: unknown): value is Record<string, unknown> =>
  typeof value === 'object' && value !== null && !Array.isArray(value);

function show(value: unknown): string {
  if (value === undefined) return '';
  if (value === null) return '空';
  if (typeof value === 'string') return /^\d{4}-\d{2}-\d{2}T/.test(value) ? formatTime(value) : value;
  if (typeof value === 'boolean') return value ? '是' : '否';
  if (typeof value === 'number') return String(value);
  if (Array.isArray(value)) return value.map(show).join('、');
  return JSON.stringify(value);
}

/** A field's value in words: labels for codes, "名称：值" for a nested record (export filters). */
function showField(key: string, value: unknown): string {
  if (key === 'halfDay' && typeof value === 'string') return halfDayLabel(value);
  if (key === 'what' && typeof value === 'string') return EXPORT_KIND_LABELS[value as ExportKind] ?? value;
  if (isRecord(value)) {
    const parts = Object.entries(value).map(([k, v]) => `${FIELDS[k] ?? k}：${show(v)}`);
    return parts.length > 0 ? parts.join('，') : '—';
  }
  return show(value);
}

/** Before/after, one line per field: changed fields as "old → new", created or deleted ones as their values. */
function Diff({ entry }: { entry: AuditEntry }) {
  const before = entry.before;
  const after = entry.after;
  if (before === null && after === null) return <span className="muted">—</span>;
  if (!isRecord(before ?? {}) || !isRecord(after ?? {})) {
    return (
      <div className="diff">
        <span className="diff-old">{show(before)}</span> → <span className="diff-new">{show(after)}</span>
      </div>
    );
  }
  const b = (before ?? {}) as Record<string, unknown>;
  const a = (after ?? {}) as Record<string, unknown>;
  const keys = [...new Set([...Object.keys(b), ...Object.keys(a)])];
  return (
    <dl className="diff">
      {keys.map((key) => {
        const had = key in b;
        const has = key in a;
        const same = had && has && showField(key, b[key]) === showField(key, a[key]);
        return (
          <div key={key} className={same ? 'diff-row same' : 'diff-row'}>
            <dt title={key}>{FIELDS[key] ?? key}</dt>
            <dd>
              {had && has && !same ? (
                <>
                  <span className="diff-old">{showField(key, b[key])}</span> →{' '}
                  <span className="diff-new">{showField(key, a[key])}</span>
                </>
              ) : has ? (
                <span className={had ? undefined : 'diff-new'}>{showField(key, a[key])}</span>
              ) : (
                <span className="diff-old">{showField(key, b[key])}</span>
              )}
            </dd>
          </div>
        );
      })}
    </dl>
  );
}
