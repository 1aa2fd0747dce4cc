import { View } from '@tarojs/components';

export default function PaymentResultPage() {
  return <View className="page">缴费结果</View>;
}
