import { BOOKING_ITEM_STATE_LABELS } from '@kaowei/shared';
import { Button, Input, View } from '@tarojs/components';
import { useState } from 'react';
import type { SeatsLeft } from './bookingApi';
import type { Slot } from './courseSlots';

interface Props {
  slots: Slot[];
  /** Seats left per unit in the chosen county; absent until a county is chosen. */
  seats: SeatsLeft[] | null;
  /** Why a typed code was refused or could not get a seat, by code. */
  problems: Record<string, string>;
  onRemove: (unitId: number) => void;
  onReplace: (slot: Slot, code: string) => Promise<boolean>;
  onDrop: (slot: Slot) => void;
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
export function UnitSlots({ slots, seats, problems, onRemove, onReplace, onDrop }: Props) {
  const [replacing, setReplacing] = useState<{ unitId: number; code: string } | null>(null);
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
            {item?.state === 'held' && replacing?.unitId !== slot.unitId && (
              <View className="slot-actions">
                <Button
                  size="mini"
                  className="slot-action replace-course"
                  onClick={() => setReplacing({ unitId: slot.unitId, code: '' })}
                >
                  更换课程
                </Button>
                <Button size="mini" className="slot-action drop-course" onClick={() => onDrop(slot)}>
                  取消考位
                </Button>
              </View>
            )}
            {replacing?.unitId === slot.unitId && (
              <View className="replace-box">
                <Input
                  id="replace-code"
                  className="code-input"
                  type="number"
                  maxlength={5}
                  placeholder="同一考试单元的课程代码"
                  value={replacing.code}
                  onInput={(e) => setReplacing({ unitId: slot.unitId, code: e.detail.value })}
                />
                <Button
                  size="mini"
                  id="replace-confirm"
                  className="slot-action"
                  onClick={async () => {
                    if (await onReplace(slot, replacing.code)) setReplacing(null);
                  }}
                >
                  确定更换
                </Button>
                <Button size="mini" className="slot-action" onClick={() => setReplacing(null)}>
                  放弃
                </Button>
              </View>
            )}
          </View>
        );
      })}
    </View>
  );
}
