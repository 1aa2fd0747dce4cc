import { View } from '@tarojs/components';

export default function LoginPage() {
  return <View className="page">登录</View>;
}
