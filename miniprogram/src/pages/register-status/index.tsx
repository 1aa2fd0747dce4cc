import { View } from '@tarojs/components';

export default function RegisterStatusPage() {
  return <View className="page">注册进度</View>;
}
