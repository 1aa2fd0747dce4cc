import { BOOKING_ITEM_STATE_LABELS } from '@kaowei/shared';
import { Button, View } from '@tarojs/components';
import { useState } from 'react';
import type { CaptchaValue } from '../components/CaptchaField';
import type { SeatsLeft } from './bookingApi';
import type { Slot } from './courseSlots';
import { ReplaceBox } from './ReplaceBox';

interface Props {
  slots: Slot[];
  /** Seats left per unit in the chosen county; absent until a county is chosen. */
  seats: SeatsLeft[] | null;
  /** Why a typed code was refused or could not get a seat, by code. */
  problems: Record<string, string>;
  onRemove: (unitId: number) => void;
  /** Replace and drop of held courses; absent while the booking takes no changes (awaiting payment, or paid). */
  changes?: {
    replaceCode: (slot: Slot, code: string, captcha: CaptchaValue) => Promise<{ resendAfterSeconds: number }>;
    replace: (slot: Slot, code: string, smsCode: string) => Promise<boolean>;
    drop: (slot: Slot) => void;
  };
}

function SeatsBadge({ seats }: { seats: SeatsLeft | undefined }) {
  if (!seats) return null;
  return seats.left > 0 ? (
    <View className="badge seats-left">余 {seats.left} 个考位</View>
  ) : (
    <View className="badge badge-danger seats-left">考位已满</View>
  );
}

/** The exam units of the period, each with its one course (typed or holding a seat) and its seats left. */
export function UnitSlots({ slots, seats, problems, onRemove, changes }: Props) {
  const [replacing, setReplacing] = useState<number | null>(null);
  return (
    <View className="card">
      <View className="card-title">考试单元</View>
      {slots.map((slot, index) => {
        const course = slot.course;
        const item = course?.item;
        return (
          <View className="unit-slot" key={slot.unitId} id={`unit-${index + 1}`}>
            <View className="row">
              <View className="unit-label">
                第{index + 1}单元 {slot.label}
              </View>
              <SeatsBadge seats={seats?.find((s) => s.unitId === slot.unitId)} />
            </View>
            {!course && <View className="hint unit-empty">未填报课程</View>}
            {course && (
              <View className="row unit-course">
                <View>
                  <View className="course-code">{course.code}</View>
                  <View className="course-name">{course.name}</View>
                </View>
                <View className={`badge ${item ? (item.state === 'held' ? 'badge-warning' : 'badge-success') : ''}`}>
                  {item ? BOOKING_ITEM_STATE_LABELS[item.state] : '待保存考位'}
                </View>
              </View>
            )}
            {course && problems[course.code] && <View className="error-text">{problems[course.code]}</View>}
            {course && !item && (
              <View className="slot-actions">
                <Button size="mini" className="slot-action" onClick={() => onRemove(slot.unitId)}>
                  移除
                </Button>
              </View>
            )}
            {changes && item?.state === 'held' && replacing !== slot.unitId && (
              <View className="slot-actions">
                <Button size="mini" className="slot-action replace-course" onClick={() => setReplacing(slot.unitId)}>
                  更换课程
                </Button>
                <Button size="mini" className="slot-action drop-course" onClick={() => changes.drop(slot)}>
                  取消考位
                </Button>
              </View>
            )}
            {changes && replacing === slot.unitId && (
              <ReplaceBox
                sendCode={(code, captcha) => changes.replaceCode(slot, code, captcha)}
                replace={async (code, smsCode) => {
                  const replaced = await changes.replace(slot, code, smsCode);
                  if (replaced) setReplacing(null);
                  return replaced;
                }}
                onCancel={() => setReplacing(null)}
              />
            )}
          </View>
        );
      })}
    </View>
  );
}
