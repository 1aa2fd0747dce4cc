import type { NotificationEvent } from '@kaowei/shared';
import { notificationsApi } from '../api/client';
import { useAuth } from '../auth/AuthContext';
import { DataState, ErrorBanner } from '../components/ui';
import { useAction, useLoad } from '../hooks';

/** 通知设置: the events that go by SMS as well when a subscribe message went; the province changes them. */
export function EventSettingsSection() {
  const { isProvince } = useAuth();
  const settings = useLoad(() => notificationsApi.eventSettings(), []);
  const action = useAction();
  const toggle = async (event: NotificationEvent, smsAlways: boolean) => {
    const saved = await action.run(() => notificationsApi.saveEventSettings({ settings: [{ event, smsAlways }] }));
    if (saved) settings.reload();
  };
  return (
    <section className="card" aria-label="通知设置">
      <div className="section-title">通知设置：订阅消息之外也发短信</div>
      <p className="muted small-text">
        勾选的消息在考生收到微信订阅消息后仍发送短信（考生退订短信、夜间免打扰和每日条数上限照常适用）。
        {!isProvince && '仅省考办可修改。'}
      </p>
      <ErrorBanner message={action.error} />
      <DataState state={settings} isEmpty={(list) => list.length === 0} empty="没有消息类型">
        {(list) => (
          <div className="grid-3">
            {list.map((s) => (
              <label key={s.event}>
                <input
                  type="checkbox"
                  name={`smsAlways-${s.event}`}
                  checked={s.smsAlways}
                  disabled={!isProvince || action.pending}
                  onChange={(e) => void toggle(s.event, e.target.checked)}
                />{' '}
                {s.eventName}
              </label>
            ))}
          </div>
        )}
      </DataState>
    </section>
  );
}
