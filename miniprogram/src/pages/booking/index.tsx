import { Button, View } from '@tarojs/components';
import { SubscribeButton } from '../../components/SubscribeButton';
import Taro from '@tarojs/taro';
import { useCallback, useEffect, useMemo, useState } from 'react';
import type { CaptchaValue } from '../../components/CaptchaField';
import { FormProblem } from '../../components/formErrors';
import { PageState } from '../../components/PageState';
import { PrivacyConsent } from '../../components/PrivacyConsent';
import { useLoadOnShow } from '../../components/useLoad';
import { useIntervalWhile, usePageVisible } from '../../components/usePageVisible';
import type { ApiError } from '../../services/request';
import {
  bookingApi,
  type FullUnit,
  type HoldResult,
  type SeatsLeft,
  type WaitlistEntryView,
} from '../../booking/bookingApi';
import { ConfirmPanel } from '../../booking/ConfirmPanel';
import { courseBasket } from '../../booking/courseBasket';
import { CourseEntry } from '../../booking/CourseEntry';
import { CountyPicker } from '../../booking/CountyPicker';
import {
  clearCodes,
  clearSlot,
  emptySlots,
  pendingCodes,
  placeCourse,
  replacementProblem,
  withBookedItems,
  type Slot,
} from '../../booking/courseSlots';
import { HoldPanel } from '../../booking/HoldPanel';
import { WaitlistPanel } from '../../booking/WaitlistPanel';
import { activeItems, bookedCountyId, loadBookingPage, type BookingPageData } from '../../booking/loadBookingPage';
import { NoticeCard } from '../../booking/NoticeCard';
import { PeriodCard, WindowClosed } from '../../booking/PeriodCard';
import { SignedOut } from '../../booking/SignedOut';
import { UnitSlots } from '../../booking/UnitSlots';
import { NoticeLinks } from '../../notices/NoticeLinks';
import '../../booking/booking.css';

type OpenData = Extract<BookingPageData, { kind: 'open' }>;

/** Seed 004's question when some units are full: drop those courses and send the code for the rest? */
async function agreeToDropFull(fullUnits: FullUnit[]): Promise<boolean> {
  const { confirm } = await Taro.showModal({
    title: '考位已满',
    content: `${fullUnits.map((f) => f.message).join('；')}。是否清空没有考位的报考课程并发送短信？`,
    confirmText: '是',
    cancelText: '否',
  });
  return confirm;
}

const toast = (title: string) => void Taro.showToast({ title, icon: 'none', duration: 2500 });
const noticeKey = (periodId: number) => `kaowei.notice.${periodId}`;
const SEATS_REFRESH_MS = 5000;

export default function BookingPage() {
  const { state, reload } = useLoadOnShow(loadBookingPage);
  return (
    <View className="page booking-page">
      <NoticeLinks />
      <PageState state={state} onRetry={reload}>
        {(data) => {
          if (data.kind === 'signed-out') return <SignedOut />;
          if (data.kind === 'no-period') return <View className="page-state">当前没有开放报考的考次</View>;
          if (data.kind === 'closed')
            return (
              <>
                <PeriodCard period={data.period} />
                <WindowClosed period={data.period} />
              </>
            );
          return <OpenBooking data={data} reload={reload} />;
        }}
      </PageState>
      {/* The first page of a launch asks for WeChat's privacy consent once (weapp only). */}
      <PrivacyConsent askAtLaunch />
    </View>
  );
}

function OpenBooking({ data, reload }: { data: OpenData; reload: () => void }) {
  const { period, offered } = data;
  const [slots, setSlots] = useState<Slot[]>(() => emptySlots(data.units));
  const [countyId, setCountyId] = useState<number | null>(null);
  const [acknowledged, setAcknowledged] = useState(false);
  const [seats, setSeats] = useState<SeatsLeft[] | null>(null);
  const [problems, setProblems] = useState<Record<string, string>>({});
  const [sentTo, setSentTo] = useState<string | null>(null);
  const [holdResults, setHoldResults] = useState<HoldResult[] | null>(null);
  const [holdError, setHoldError] = useState<string | null>(null);
  // 候补: courses found full in the county (check, hold), and the candidate's entries of this period.
  const [fullCodes, setFullCodes] = useState<string[]>([]);
  const [waitlist, setWaitlist] = useState<WaitlistEntryView[]>([]);
  const visible = usePageVisible();

  const active = useMemo(() => activeItems(data.mine), [data.mine]);
  // The server says whether courses may still change (rules 9 and 11); the page only shows it.
  const changes = data.mine?.changes ?? { allowed: true as const };
  const awaitingOrder =
    !changes.allowed && changes.code === 'BOOKING_AWAITING_PAYMENT'
      ? data.mine?.orders.find((o) => o.state === 'created')
      : undefined;

  // Fresh data (every time the page shows): seats the candidate has, and codes picked on the course list.
  useEffect(() => {
    const picked = courseBasket.take();
    setSlots((previous) => {
      const sameUnits =
        previous.length === data.units.length && previous.every((s, i) => s.unitId === data.units[i]!.unitId);
      let next = withBookedItems(sameUnits ? previous : emptySlots(data.units), active, offered);
      for (const code of picked) {
        const placed = placeCourse(next, code, offered, period.maxCourses);
        if (placed.ok) next = placed.slots;
        else toast(placed.message);
      }
      return next;
    });
    const booked = bookedCountyId(data.cities, data.mine);
    if (booked) setCountyId(booked);
    if (active.length > 0 || Taro.getStorageSync(noticeKey(period.periodId))) setAcknowledged(true);
  }, [data, active, offered, period]);

  const refreshWaitlist = useCallback(() => {
    bookingApi.waitlist().then(
      (entries) => setWaitlist(entries.filter((e) => e.periodId === period.periodId)),
      () => undefined,
    );
  }, [period.periodId]);
  useEffect(refreshWaitlist, [refreshWaitlist, data]);

  const refreshSeats = useCallback(() => {
    if (!countyId) return;
    bookingApi.seats(period.periodId, countyId).then(setSeats, () => undefined);
  }, [countyId, period.periodId]);
  // A new county, or fresh page data (after a hold, a drop, a refund elsewhere), means fresh seats.
  useEffect(refreshSeats, [refreshSeats, data]);
  useIntervalWhile(visible && !!countyId, refreshSeats, SEATS_REFRESH_MS);

  const acknowledge = async () => {
    await bookingApi.acknowledge(period.periodId);
    Taro.setStorageSync(noticeKey(period.periodId), true);
    setAcknowledged(true);
  };

  const addCode = (code: string): string | null => {
    const placed = placeCourse(slots, code, offered, period.maxCourses);
    if (!placed.ok) return placed.message;
    setSlots(placed.slots);
    return null;
  };

  const sendCode = async (captcha: CaptchaValue) => {
    const courseCodes = pendingCodes(slots);
    if (!countyId || courseCodes.length === 0) throw new FormProblem('nothing to send');
    const request = { periodId: period.periodId, countyId, courseCodes };
    const check = await bookingApi.check(request);
    const found: Record<string, string> = {};
    for (const p of check.placements) if (p.error) found[p.code] = p.error.message;
    for (const f of check.fullUnits) found[f.code] = f.message;
    setProblems(found);
    setFullCodes(check.fullUnits.map((f) => f.code));
    if (check.placements.some((p) => p.status === 'refused')) {
      toast('部分课程不能报考，请修改后再获取验证码');
      throw new FormProblem('refused');
    }
    let dropFull = check.fullUnits.length > 0;
    if (dropFull && !(await agreeToDropFull(check.fullUnits))) throw new FormProblem('declined');
    let sent: Awaited<ReturnType<typeof bookingApi.holdCode>>;
    try {
      sent = await bookingApi.holdCode({ ...request, dropFull, ...captcha });
    } catch (error) {
      // A seat went between the check and the code: the server lists the full units; ask once more.
      // Every other refusal was already shown by the request module (only this code is left to the page).
      const fullUnits = ((error as ApiError).details as { fullUnits?: FullUnit[] } | undefined)?.fullUnits;
      if ((error as ApiError).code !== 'SEATS_FULL_CONFIRM' || dropFull || !fullUnits) throw error;
      if (!(await agreeToDropFull(fullUnits))) throw new FormProblem('declined', { cause: error });
      dropFull = true;
      sent = await bookingApi.holdCode({ ...request, dropFull, ...captcha });
    }
    if (sent.dropped.length > 0) {
      setSlots((current) => clearCodes(current, sent.dropped));
      setProblems({});
    }
    setSentTo(sent.phoneMasked);
    return sent;
  };

  const hold = async (smsCode: string) => {
    if (!countyId) return;
    try {
      const { items } = await bookingApi.hold({
        periodId: period.periodId,
        countyId,
        courseCodes: pendingCodes(slots),
        smsCode,
      });
      setHoldResults(items);
      const full = items.filter((i) => i.result === 'seat_full').map((i) => i.code);
      if (full.length > 0) setFullCodes(full);
      setHoldError(null);
      setProblems({});
      setSentTo(null);
      setSlots((current) =>
        clearCodes(
          current,
          items.filter((i) => i.result !== 'held').map((i) => i.code),
        ),
      );
      reload();
    } catch (error) {
      setHoldError((error as Error).message);
    }
  };

  /** Seed 004 三.(1): the replacement is checked, then confirmed by the 保存考位 SMS code. */
  const replaceCode = async (slot: Slot, code: string, captcha: CaptchaValue) => {
    const problem = replacementProblem(slots, slot.unitId, code, offered);
    if (problem) {
      toast(problem);
      throw new FormProblem(problem);
    }
    const sent = await bookingApi.replaceCode(slot.course!.item!.itemId, { courseCode: code, ...captcha });
    toast(`验证码已发送至 ${sent.phoneMasked}`);
    return sent;
  };

  const replace = async (slot: Slot, code: string, smsCode: string): Promise<boolean> => {
    try {
      await bookingApi.replace(slot.course!.item!.itemId, { courseCode: code, smsCode });
    } catch {
      return false;
    }
    toast(`已更换为 ${code}`);
    setHoldResults(null);
    reload();
    return true;
  };

  const drop = async (slot: Slot) => {
    const course = slot.course!;
    const { confirm } = await Taro.showModal({
      title: '取消考位',
      content: `确定取消课程“${course.code} ${course.name}”的考位吗？取消后考位将被释放，可能被其他考生抢到。`,
    });
    if (!confirm) return;
    try {
      await bookingApi.drop(course.item!.itemId);
    } catch {
      return;
    }
    toast('已取消该课程考位');
    setHoldResults(null);
    reload();
  };

  const confirmBooking = async () => {
    const { confirm } = await Taro.showModal({
      title: '确认报考',
      content: '课程一经确认，则无法更换考区和更改科目信息。确定提交吗？',
    });
    if (!confirm) return;
    try {
      const order = await bookingApi.confirm(period.periodId);
      void Taro.navigateTo({ url: `/pages/payment/index?outTradeNo=${order.outTradeNo}` });
    } catch {
      // Shown by the request module.
    }
  };

  const held = slots.filter((s) => s.course?.item?.state === 'held');
  const countyName = data.cities.flatMap((c) => c.counties).find((c) => c.countyId === countyId)?.name ?? '';

  return (
    <>
      <PeriodCard period={period} />
      {!acknowledged ? (
        <NoticeCard notice={period.bookingNotice} onAcknowledge={acknowledge} />
      ) : (
        <>
          <CountyPicker
            cities={data.cities}
            countyId={countyId}
            locked={active.length > 0}
            onChange={(id) => {
              setSeats(null);
              setCountyId(id);
              setProblems({});
            }}
          />
          {awaitingOrder && (
            <View className="card awaiting-payment">
              <View className="card-title">待缴费</View>
              <View className="hint">
                您已确认报考，请在缴费时间内完成缴费，报考费 ¥{awaitingOrder.amountYuan}
                。未缴费的考位将于当日报考结束时释放。
              </View>
              <Button
                id="go-pay"
                className="btn-primary"
                onClick={() =>
                  void Taro.navigateTo({ url: `/pages/payment/index?outTradeNo=${awaitingOrder.outTradeNo}` })
                }
              >
                去缴费
              </Button>
            </View>
          )}
          {!changes.allowed && changes.code === 'BOOKING_PAID_REFUND_FIRST' && (
            <View className="card refund-first" id="refund-first">
              <View className="card-title">已缴费</View>
              <View className="hint">{changes.message}</View>
              <Button
                id="go-refund"
                className="btn-secondary"
                onClick={() => void Taro.navigateTo({ url: '/pages/my-bookings/index' })}
              >
                前往我的报考
              </Button>
            </View>
          )}
          <UnitSlots
            slots={slots}
            seats={countyId ? seats : null}
            problems={problems}
            onRemove={(unitId) => setSlots(clearSlot(slots, unitId))}
            changes={changes.allowed ? { replaceCode, replace, drop: (slot) => void drop(slot) } : undefined}
          />
          {countyId && changes.allowed && (
            <>
              <CourseEntry periodId={period.periodId} onAdd={addCode} />
              <HoldPanel
                pendingCount={pendingCodes(slots).length}
                sendCode={sendCode}
                sentTo={sentTo}
                hold={hold}
                results={holdResults}
                error={holdError}
              />
              <WaitlistPanel
                periodId={period.periodId}
                countyId={countyId}
                fullCodes={fullCodes}
                entries={waitlist}
                onChange={(joinedCode) => {
                  setFullCodes([]);
                  if (joinedCode) setSlots((current) => clearCodes(current, [joinedCode]));
                  reload();
                }}
              />
              {held.length > 0 && <SubscribeButton moment="afterHold" />}
              {held.length > 0 && (
                <ConfirmPanel
                  countyName={countyName}
                  held={held}
                  feePerCourseFen={period.feePerCourseFen}
                  unsavedCount={pendingCodes(slots).length}
                  onConfirm={() => void confirmBooking()}
                />
              )}
            </>
          )}
          <View
            className="link my-bookings-link"
            onClick={() => void Taro.navigateTo({ url: '/pages/my-bookings/index' })}
          >
            我的报考 ›
          </View>
        </>
      )}
    </>
  );
}
