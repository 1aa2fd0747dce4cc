import { Button, View } from '@tarojs/components';
import Taro from '@tarojs/taro';
import { LOGIN_PAGE } from '../services/pages';

/** No session on this phone (never signed in, or the sign-in expired). */
export function SignedOut() {
  return (
    <View className="page-state signed-out">
      <View className="page-state-message">登录已过期或尚未登录，请先登录</View>
      <Button className="btn-primary" onClick={() => void Taro.navigateTo({ url: LOGIN_PAGE })}>
        去登录
      </Button>
    </View>
  );
}
