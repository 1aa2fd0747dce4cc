import { View } from '@tarojs/components';
import Taro from '@tarojs/taro';
import './notices.css';

const open = (url: string) => () => void Taro.navigateTo({ url });

/** The 报考 tab's way to 通知公告, 联系我们 and 常见问题 (before and after signing in). */
export function NoticeLinks() {
  return (
    <View className="notice-links">
      <View className="link" id="home-announcements" onClick={open('/pages/announcements/index')}>
        通知公告
      </View>
      <View className="link" id="home-contacts" onClick={open('/pages/contacts/index')}>
        联系我们
      </View>
      <View className="link" id="home-faq" onClick={open('/pages/faq/index')}>
        常见问题
      </View>
    </View>
  );
}
