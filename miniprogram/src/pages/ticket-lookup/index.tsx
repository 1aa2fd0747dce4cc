import { View } from '@tarojs/components';

export default function TicketLookupPage() {
  return <View className="page">找回准考证</View>;
}
