import { View } from '@tarojs/components';

export default function PaymentPage() {
  return <View className="page">缴费</View>;
}
