import {
  NOTIFICATION_EVENTS,
  NOTIFICATION_EVENT_NAMES,
  type DeliveryState,
  type NotificationEvent,
} from '@kaowei/shared';
import { noticesApi } from '../../api/client';
import { Badge, DataState, FilterSelect, PageHeader, Pager, labelled } from '../../components/ui';
import { formatTime } from '../../format';
import { useFilters, useLoad } from '../../hooks';

const PAGE_SIZE = 20;
const STATES = ['pending', 'sending', 'sent', 'failed', 'skipped'] as const satisfies readonly DeliveryState[];
const STATE_LABELS: Record<DeliveryState, string> = {
  pending: '待发送',
  sending: '发送中',
  sent: '已发送',
  failed: '发送失败',
  skipped: '未发送',
};
const CHANNEL_LABELS = { wechat: '订阅消息', sms: '短信' } as const;

/** 发送记录: every message to the candidates of the official's districts, newest first, phones masked. */
export function DeliveriesPage() {
  const { values, page, set, setPage } = useFilters(['state', 'event']);
  const log = useLoad(
    () =>
      noticesApi.deliveries({
        state: (values.state || undefined) as DeliveryState | undefined,
        event: (values.event || undefined) as NotificationEvent | undefined,
        page,
        pageSize: PAGE_SIZE,
      }),
    [values.state, values.event, page],
  );
  return (
    <>
      <PageHeader title="发送记录">发给本辖区考生的订阅消息和短信通知，及每条的发送状态。</PageHeader>
      <div className="card filters">
        <FilterSelect
          label="状态"
          value={values.state}
          options={labelled(STATES, STATE_LABELS)}
          onChange={(state) => set({ state })}
        />
        <FilterSelect
          label="消息类型"
          value={values.event}
          options={labelled(NOTIFICATION_EVENTS, NOTIFICATION_EVENT_NAMES)}
          onChange={(event) => set({ event })}
        />
      </div>
      <DataState state={log} isEmpty={(p) => p.items.length === 0} empty="暂无发送记录">
        {(p) => (
          <div className="card scroll-x">
            <table className="table" aria-label="发送记录列表">
              <thead>
                <tr>
                  <th>考生</th>
                  <th>手机</th>
                  <th>县（市、区）</th>
                  <th>消息</th>
                  <th>渠道</th>
                  <th>状态</th>
                  <th className="num">尝试次数</th>
                  <th>说明</th>
                  <th>生成时间</th>
                  <th>发送时间</th>
                </tr>
              </thead>
              <tbody>
                {p.items.map((d) => (
                  <tr key={d.id}>
                    <td>{d.candidateName}</td>
                    <td className="code">{d.phoneMasked ?? '未绑定手机'}</td>
                    <td>{d.countyName ?? '—'}</td>
                    <td>{d.eventName}</td>
                    <td>{d.channel ? CHANNEL_LABELS[d.channel] : '—'}</td>
                    <td>
                      <Badge value={d.state} text={STATE_LABELS[d.state]} />
                    </td>
                    <td className="num">{d.attempts}</td>
                    <td>{d.lastError ?? '—'}</td>
                    <td className="nowrap">{formatTime(d.createdAt)}</td>
                    <td className="nowrap">{formatTime(d.sentAt)}</td>
                  </tr>
                ))}
              </tbody>
            </table>
            <Pager page={p.page} pageSize={p.pageSize} total={p.total} onPage={setPage} />
          </div>
        )}
      </DataState>
    </>
  );
}
