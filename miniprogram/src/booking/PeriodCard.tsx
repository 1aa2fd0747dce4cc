import { formatBeijing } from '@kaowei/shared';
import { View } from '@tarojs/components';
import type { CurrentPeriod } from './bookingApi';
import { formatBeijingDate } from './format';

function Row({ label, value }: { label: string; value: string }) {
  return (
    <View className="period-row">
      <View className="period-label">{label}</View>
      <View className="period-value">{value}</View>
    </View>
  );
}

/** The period's windows and fee, as the provincial notice lists them. */
export function PeriodCard({ period }: { period: CurrentPeriod }) {
  return (
    <View className="card period-card">
      <View className="card-title">{period.name}</View>
      <Row
        label="报考时间"
        value={`${formatBeijing(period.bookingOpensAt)} 至 ${formatBeijing(period.bookingClosesAt)}`}
      />
      <Row
        label="缴费时间"
        value={`${formatBeijingDate(period.paymentOpensAt)} 至 ${formatBeijingDate(period.paymentClosesAt)}，每天 ${period.payDailyHours}`}
      />
      <Row
        label="退费截止"
        value={
          !period.refundAllowed
            ? '本次考试不办理退费'
            : period.refundDeadline
              ? formatBeijing(period.refundDeadline)
              : '报考结束前'
        }
      />
      {period.printOpensAt && (
        <Row
          label="准考证打印"
          value={`${formatBeijingDate(period.printOpensAt)}${period.printClosesAt ? ` 至 ${formatBeijingDate(period.printClosesAt)}` : ' 起'}`}
        />
      )}
      <Row label="报考费" value={`每门课程 ¥${period.feePerCourseYuan}，最多报考 ${period.maxCourses} 门`} />
      <View className="hint">未缴费的考位将于每天 {period.dailyReleaseTime} 释放，可次日重新报考。</View>
    </View>
  );
}

/** Booking is not open now: say when it opens (or that it has ended). */
export function WindowClosed({ period }: { period: CurrentPeriod }) {
  const notYet = new Date(period.bookingOpensAt).getTime() > Date.now();
  return (
    <View className="card window-closed">
      <View className="card-title">{notYet ? '报考尚未开始' : '本次报考已结束'}</View>
      <View className="hint">
        {notYet
          ? `报考将于 ${formatBeijing(period.bookingOpensAt)} 开始，请届时再来。`
          : `报考已于 ${formatBeijing(period.bookingClosesAt)} 结束。已报考的课程可在“我的报考”查看。`}
      </View>
    </View>
  );
}
