import { View } from '@tarojs/components';

export default function PhonePage() {
  return <View className="page">手机绑定</View>;
}
