import { describe, expect, it } from 'vitest';
import {
  clearCodes,
  clearSlot,
  emptySlots,
  offeredByCode,
  pendingCodes,
  placeCourse,
  replacementProblem,
  withBookedItems,
  type Slot,
} from './courseSlots';

const units = [
  { unitId: 1, label: '4月10日（周六）上午 9:00–11:30' },
  { unitId: 2, label: '4月10日（周六）下午 14:30–17:00' },
  { unitId: 3, label: '4月11日（周日）上午 9:00–11:30' },
];
const offered = offeredByCode([
  { code: '00015', name: '英语（二）', unitId: 1 },
  { code: '00018', name: '计算机应用基础', unitId: 1 },
  { code: '03708', name: '中国近现代史纲要', unitId: 2 },
  { code: '03709', name: '马克思主义基本原理概论', unitId: 3 },
]);

function place(slots: Slot[], code: string, max = 4): Slot[] {
  const result = placeCourse(slots, code, offered, max);
  if (!result.ok) throw new Error(result.message);
  return result.slots;
}

function refusal(slots: Slot[], code: string, max = 4): string {
  const result = placeCourse(slots, code, offered, max);
  return result.ok ? 'placed' : result.message;
}

describe('course-code slots', () => {
  it('puts each code into the unit that examines it', () => {
    const slots = place(place(emptySlots(units), '03709'), ' 00015 ');
    expect(slots.map((s) => s.course?.code ?? null)).toEqual(['00015', null, '03709']);
    expect(slots[0]!.course!.name).toBe('英语（二）');
    expect(pendingCodes(slots)).toEqual(['00015', '03709']);
  });

  it('refuses a code that is not 5 digits, naming it', () => {
    expect(refusal(emptySlots(units), '1234')).toBe('课程代码“1234”不正确，课程代码为5位数字');
    expect(refusal(emptySlots(units), '0001a')).toBe('课程代码“0001a”不正确，课程代码为5位数字');
    expect(refusal(emptySlots(units), '  ')).toBe('请输入5位课程代码');
  });

  it('refuses a code not offered this period', () => {
    expect(refusal(emptySlots(units), '99999')).toBe('课程“99999”本次考试未开考');
  });

  it('refuses the same code twice', () => {
    expect(refusal(place(emptySlots(units), '00015'), '00015')).toBe(
      '课程“00015”已填入4月10日（周六）上午 9:00–11:30，无需重复输入',
    );
  });

  it('refuses a second course in the same unit', () => {
    expect(refusal(place(emptySlots(units), '00015'), '00018')).toBe(
      '课程“00018”与“00015”在同一考试单元，每个单元只能报考一门课程',
    );
  });

  it("refuses more courses than the period's limit, counting held seats", () => {
    const held = withBookedItems(
      emptySlots(units),
      [{ itemId: 7, courseCode: '00015', courseName: '英语（二）', state: 'held' }],
      offered,
    );
    const two = place(held, '03708', 2);
    expect(refusal(two, '03709', 2)).toBe('本次考试最多报考2门课程');
    expect(pendingCodes(two)).toEqual(['03708']);
    expect(refusal(held, '00015')).toBe('课程“00015”已保存考位');
  });

  it('clears typed codes but never a held seat', () => {
    const held = withBookedItems(
      place(emptySlots(units), '03708'),
      [{ itemId: 7, courseCode: '00015', courseName: '英语（二）', state: 'held' }],
      offered,
    );
    expect(clearSlot(held, 1)[0]!.course?.code).toBe('00015');
    expect(clearSlot(held, 2)[1]!.course).toBeNull();
    expect(clearCodes(held, ['03708', '00015']).map((s) => s.course?.code ?? null)).toEqual(['00015', null, null]);
  });

  it('empties a slot whose seat went away and keeps typed codes', () => {
    const slots = withBookedItems(
      place(emptySlots(units), '03708'),
      [{ itemId: 7, courseCode: '00015', courseName: '英语（二）', state: 'held' }],
      offered,
    );
    const after = withBookedItems(slots, [], offered);
    expect(after.map((s) => s.course?.code ?? null)).toEqual([null, '03708', null]);
  });

  it('allows replacing a held course only with another course of its unit', () => {
    const held = withBookedItems(
      emptySlots(units),
      [{ itemId: 7, courseCode: '00015', courseName: '英语（二）', state: 'held' }],
      offered,
    );
    expect(replacementProblem(held, 1, '00018', offered)).toBeNull();
    expect(replacementProblem(held, 1, '03708', offered)).toBe(
      '课程“03708”不在该考试单元，只能更换为同一考试单元的课程',
    );
    expect(replacementProblem(held, 1, '00015', offered)).toBe('课程“00015”已在该考试单元');
    expect(replacementProblem(held, 1, '123', offered)).toBe('课程代码“123”不正确，课程代码为5位数字');
  });
});
