import { View } from '@tarojs/components';

export default function CoursesPage() {
  return <View className="page">开考课程</View>;
}
