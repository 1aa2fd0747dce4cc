import { errorMessage, isValidCourseCode, type BookingItemState } from '@kaowei/shared';

/** A course offered this period, in the exam unit that examines it. */
export interface OfferedCourse {
  code: string;
  name: string;
  unitId: number;
}

/** What sits in a unit's slot: a typed code waiting to be held, or a seat the candidate already has. */
export interface SlotCourse {
  code: string;
  name: string;
  /** Set when the course already holds a seat (its booking item). */
  item?: { itemId: number; state: BookingItemState };
}

export interface Slot {
  unitId: number;
  label: string;
  course: SlotCourse | null;
}

export type PlaceResult = { ok: true; slots: Slot[]; unitId: number } | { ok: false; message: string };

export function emptySlots(units: Array<{ unitId: number; label: string }>): Slot[] {
  return units.map((unit) => ({ unitId: unit.unitId, label: unit.label, course: null }));
}

export function offeredByCode(courses: OfferedCourse[]): Map<string, OfferedCourse> {
  return new Map(courses.map((course) => [course.code, course]));
}

/** Puts the seats the candidate already has (held, confirmed, paid…) into their units' slots. */
export function withBookedItems(
  slots: Slot[],
  items: Array<{ itemId: number; courseCode: string; courseName: string; state: BookingItemState }>,
  offered: Map<string, OfferedCourse>,
): Slot[] {
  return slots.map((slot) => {
    const item = items.find((i) => offered.get(i.courseCode)?.unitId === slot.unitId);
    if (item) {
      return {
        ...slot,
        course: { code: item.courseCode, name: item.courseName, item: { itemId: item.itemId, state: item.state } },
      };
    }
    // A typed code stays; a seat that went away leaves the slot empty.
    return slot.course?.item ? { ...slot, course: null } : slot;
  });
}

export function filledCount(slots: Slot[]): number {
  return slots.filter((slot) => slot.course).length;
}

/** Codes typed but not yet holding a seat: what 获取验证码 / 保存考位 send. */
export function pendingCodes(slots: Slot[]): string[] {
  return slots.flatMap((slot) => (slot.course && !slot.course.item ? [slot.course.code] : []));
}

/**
 * Booking rules 4–5 on the phone: a 5-digit code goes into the unit that examines it, one course per unit,
 * at most `maxCourses` in all. The server checks again; this only saves the candidate a round trip.
 */
export function placeCourse(
  slots: Slot[],
  input: string,
  offered: Map<string, OfferedCourse>,
  maxCourses: number,
): PlaceResult {
  const code = input.trim();
  if (!code) return { ok: false, message: '请输入5位课程代码' };
  if (!isValidCourseCode(code)) return { ok: false, message: errorMessage('INVALID_COURSE_CODE', { code }) };
  const course = offered.get(code);
  if (!course) return { ok: false, message: errorMessage('COURSE_NOT_OFFERED', { code }) };
  const same = slots.find((slot) => slot.course?.code === code);
  if (same) {
    return {
      ok: false,
      message: same.course!.item
        ? errorMessage('COURSE_ALREADY_HELD', { code })
        : `课程“${code}”已填入${same.label}，无需重复输入`,
    };
  }
  const slot = slots.find((s) => s.unitId === course.unitId);
  if (!slot) return { ok: false, message: errorMessage('COURSE_NOT_OFFERED', { code }) };
  if (slot.course) {
    return { ok: false, message: errorMessage('COURSE_UNIT_CONFLICT', { code, other: slot.course.code }) };
  }
  if (filledCount(slots) >= maxCourses) {
    return { ok: false, message: errorMessage('COURSE_LIMIT_EXCEEDED', { max: maxCourses }) };
  }
  return {
    ok: true,
    unitId: slot.unitId,
    slots: slots.map((s) => (s === slot ? { ...s, course: { code, name: course.name } } : s)),
  };
}

/** Empties a unit's slot when it holds only a typed code (held seats are dropped through the server). */
export function clearSlot(slots: Slot[], unitId: number): Slot[] {
  return slots.map((slot) =>
    slot.unitId === unitId && slot.course && !slot.course.item ? { ...slot, course: null } : slot,
  );
}

/** Drops typed codes the server said it will not hold (full units the candidate agreed to give up). */
export function clearCodes(slots: Slot[], codes: string[]): Slot[] {
  return slots.map((slot) =>
    slot.course && !slot.course.item && codes.includes(slot.course.code) ? { ...slot, course: null } : slot,
  );
}

/** Rule 8: a held course may be swapped only for another course examined in the same unit. */
export function replacementProblem(
  slots: Slot[],
  unitId: number,
  input: string,
  offered: Map<string, OfferedCourse>,
): string | null {
  const code = input.trim();
  if (!isValidCourseCode(code)) return errorMessage('INVALID_COURSE_CODE', { code });
  const course = offered.get(code);
  if (!course) return errorMessage('COURSE_NOT_OFFERED', { code });
  if (course.unitId !== unitId) return errorMessage('COURSE_NOT_IN_UNIT', { code });
  if (slots.find((slot) => slot.unitId === unitId)?.course?.code === code) return `课程“${code}”已在该考试单元`;
  return null;
}
