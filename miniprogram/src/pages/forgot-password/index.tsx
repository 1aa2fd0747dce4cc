import { View } from '@tarojs/components';

export default function ForgotPasswordPage() {
  return <View className="page">忘记密码</View>;
}
