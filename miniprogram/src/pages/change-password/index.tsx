import { View } from '@tarojs/components';

export default function ChangePasswordPage() {
  return <View className="page">修改密码</View>;
}
