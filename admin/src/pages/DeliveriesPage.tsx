import { DELIVERY_STATES, DELIVERY_STATE_LABELS, NOTIFICATION_EVENTS, NOTIFICATION_EVENT_NAMES } from '@kaowei/shared';
import { notificationsApi } from '../api/client';
import { DataState, FilterSelect, PageHeader, Pager, labelled } from '../components/ui';
import { formatTime } from '../format';
import { useFilters, useLoad } from '../hooks';
import { EventSettingsSection } from './EventSettingsSection';

const PAGE_SIZE = 20;
const CHANNELS = { wechat: '微信订阅消息', sms: '短信' } as const;

/** 消息发送记录: every message to candidates of the official's districts, its channel, state and last error. */
export function DeliveriesPage() {
  const { values, page, set, setPage } = useFilters(['event', 'state'] as const);
  const list = useLoad(
    () => notificationsApi.deliveries({ event: values.event, state: values.state, page, pageSize: PAGE_SIZE }),
    [values.event, values.state, page],
  );
  return (
    <>
      <PageHeader title="消息发送记录">微信订阅消息优先；未订阅的考生收到短信（夜间22:30至8:00不发短信）。</PageHeader>
      <EventSettingsSection />
      <div className="card filters">
        <FilterSelect
          label="消息类型"
          value={values.event}
          options={labelled(NOTIFICATION_EVENTS, NOTIFICATION_EVENT_NAMES)}
          onChange={(event) => set({ event })}
        />
        <FilterSelect
          label="发送状态"
          value={values.state}
          options={labelled(DELIVERY_STATES, DELIVERY_STATE_LABELS)}
          onChange={(state) => set({ state })}
        />
      </div>
      <DataState state={list} isEmpty={(r) => r.items.length === 0} empty="没有符合条件的消息">
        {(r) => (
          <div className="card">
            <table className="table" aria-label="消息发送记录">
              <thead>
                <tr>
                  <th>时间</th>
                  <th>考生</th>
                  <th>手机</th>
                  <th>县（市、区）</th>
                  <th>消息</th>
                  <th>渠道</th>
                  <th>状态</th>
                  <th>尝试次数</th>
                  <th>说明</th>
                </tr>
              </thead>
              <tbody>
                {r.items.map((d) => (
                  <tr key={d.id}>
                    <td className="nowrap">{formatTime(d.createdAt)}</td>
                    <td>{d.candidateName}</td>
                    <td>{d.phoneMasked ?? '—'}</td>
                    <td>{d.countyName ?? '—'}</td>
                    <td>{d.eventName}</td>
                    <td>{d.channel ? CHANNELS[d.channel] : '—'}</td>
                    <td>
                      {DELIVERY_STATE_LABELS[d.state]}
                      {d.sentAt && <div className="muted small-text">{formatTime(d.sentAt)}</div>}
                    </td>
                    <td>{d.attempts}</td>
                    <td className="muted small-text">{d.lastError ?? ''}</td>
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
