import {
  NOTIFICATION_EVENT_NAMES,
  SUBSCRIBE_MOMENTS,
  type NotificationSettingsView,
  type SubscribeMoment,
  type SubscriptionReportView,
} from '@kaowei/shared';
import { View } from '@tarojs/components';
import Taro from '@tarojs/taro';
import { useEffect, useState } from 'react';
import { request } from '../services/request';

let settings: Promise<NotificationSettingsView> | null = null;
const loadSettings = () => (settings ??= request<NotificationSettingsView>('/api/notifications/settings'));

/**
 * 订阅消息 at the moments a candidate wants to hear back (after holding seats, after submitting an application,
 * on the 准考证 and 成绩 pages): WeChat shows its consent sheet only from a tap, so this is a tap target; what was
 * accepted is reported to the server, which counts one message per accepted template. Mini-program only: the web
 * channel has no subscribe messages (SMS notices reach those candidates), so nothing is shown there.
 */
export function SubscribeButton({ moment }: { moment: SubscribeMoment }) {
  const [templateIds, setTemplateIds] = useState<string[]>([]);
  const [done, setDone] = useState(false);
  const weapp = process.env.TARO_ENV === 'weapp';
  useEffect(() => {
    if (!weapp) return;
    loadSettings()
      .then((view) =>
        setTemplateIds(SUBSCRIBE_MOMENTS[moment].map((e) => view.templates[e]).filter((id) => !!id) as string[]),
      )
      .catch(() => (settings = null));
  }, [moment, weapp]);
  if (!weapp || templateIds.length === 0) return null;

  const subscribe = async () => {
    // Called straight from the tap, before anything else is awaited: WeChat refuses the sheet otherwise.
    const answer = (await Taro.requestSubscribeMessage({
      tmplIds: templateIds,
    } as Taro.requestSubscribeMessage.Option)) as unknown as Record<string, string>;
    const results = Object.fromEntries(templateIds.filter((id) => answer[id]).map((id) => [id, answer[id]!]));
    const { accepted } = await request<SubscriptionReportView>('/api/notifications/subscriptions', {
      method: 'POST',
      data: { results },
    });
    setDone(true);
    void Taro.showToast({ title: accepted.length > 0 ? '已订阅，届时将通过微信通知您' : '未订阅', icon: 'none' });
  };
  const names = SUBSCRIBE_MOMENTS[moment].map((e) => NOTIFICATION_EVENT_NAMES[e]).join('、');
  return (
    <View className="link subscribe-link" onClick={() => void subscribe().catch(() => undefined)}>
      {done ? `已订阅：${names}` : `微信提醒我：${names} ›`}
    </View>
  );
}
