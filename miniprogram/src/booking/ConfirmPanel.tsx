import { Button, View } from '@tarojs/components';
import type { Slot } from './courseSlots';
import { yuan } from './format';

interface Props {
  countyName: string;
  /** Units whose course holds a seat not yet confirmed. */
  held: Slot[];
  feePerCourseFen: number;
  unsavedCount: number;
  onConfirm: () => void;
}

/** 确认报考信息: the final summary, then confirm (county and courses freeze, the order is created). */
export function ConfirmPanel({ countyName, held, feePerCourseFen, unsavedCount, onConfirm }: Props) {
  return (
    <View className="card confirm-panel" id="confirm-summary">
      <View className="card-title">确认报考信息</View>
      <View className="hint">考区：{countyName}</View>
      {held.map((slot) => (
        <View className="summary-row" key={slot.unitId}>
          <View>
            {slot.course!.code} {slot.course!.name}
          </View>
          <View className="hint">{slot.label}</View>
        </View>
      ))}
      <View className="row summary-total">
        <View>共 {held.length} 门课程</View>
        <View id="fee-total">报考费合计 {yuan(feePerCourseFen * held.length)}</View>
      </View>
      {unsavedCount > 0 && (
        <View className="error-text">还有 {unsavedCount} 门课程未保存考位，确认报考时不包括这些课程。</View>
      )}
      <View className="hint">课程一经确认，则无法更换考区和更改科目信息。</View>
      <Button id="confirm-booking" className="btn-primary" onClick={onConfirm}>
        确认报考
      </Button>
    </View>
  );
}
