import { View } from '@tarojs/components';

export default function MinePage() {
  return <View className="page">我的</View>;
}
