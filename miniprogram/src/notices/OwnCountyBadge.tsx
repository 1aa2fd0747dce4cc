import { View } from '@tarojs/components';

/** Marks what belongs to the signed-in candidate's own county (listed first). */
export function OwnCountyBadge({ show }: { show: boolean }) {
  return show ? <View className="badge badge-success">本县区</View> : null;
}
