import { View } from '@tarojs/components';

export default function FirstLoginPage() {
  return <View className="page">首次登录</View>;
}
