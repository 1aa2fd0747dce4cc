import { View } from '@tarojs/components';

export default function BookingPage() {
  return <View className="page">报考</View>;
}
