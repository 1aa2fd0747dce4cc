import { View } from '@tarojs/components';

export default function RegisterPage() {
  return <View className="page">新生注册</View>;
}
