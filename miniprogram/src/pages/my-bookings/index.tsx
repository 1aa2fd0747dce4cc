import { View } from '@tarojs/components';

export default function MyBookingsPage() {
  return <View className="page">我的报考</View>;
}
