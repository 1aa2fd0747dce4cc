import type { NotificationSettingsView } from '@kaowei/shared';
import { Switch, View } from '@tarojs/components';
import Taro from '@tarojs/taro';
import { useEffect, useState } from 'react';
import { request } from '../../services/request';

/**
 * 短信通知 接收 / 退订: a candidate may refuse SMS notices (messages without a subscribe message are then not
 * sent by SMS); verification codes still arrive. On the web channel too: SMS is not WeChat-only.
 */
export function SmsNoticeSwitch() {
  const [optOut, setOptOut] = useState<boolean | null>(null);
  const [saving, setSaving] = useState(false);
  // Remounts the switch when a change is refused, so it shows the saved choice again.
  const [version, setVersion] = useState(0);
  useEffect(() => {
    request<NotificationSettingsView>('/api/notifications/settings')
      .then((view) => setOptOut(view.smsOptOut))
      .catch(() => undefined); // Shown by the request module; the switch stays hidden.
  }, []);
  if (optOut === null) return null;

  const change = async (receive: boolean) => {
    setSaving(true);
    try {
      const view = await request<NotificationSettingsView>('/api/notifications/sms-opt-out', {
        method: 'PUT',
        data: { optOut: !receive },
      });
      setOptOut(view.smsOptOut);
      void Taro.showToast({ title: view.smsOptOut ? '已退订短信通知' : '已恢复接收短信通知', icon: 'none' });
    } catch {
      setVersion((v) => v + 1); // The request module shows why.
    } finally {
      setSaving(false);
    }
  };

  return (
    <View className="mine-item mine-sms" id="mine-sms">
      <View>
        <View>短信通知</View>
        <View className="hint mine-sms-hint">退订后仍会收到短信验证码</View>
      </View>
      <View className="mine-item-value">
        <View id="mine-sms-state">{optOut ? '已退订' : '接收'}</View>
        <Switch
          key={version}
          id="mine-sms-switch"
          checked={!optOut}
          disabled={saving}
          onChange={(e) => void change(e.detail.value)}
        />
      </View>
    </View>
  );
}
