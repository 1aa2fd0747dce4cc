import { formatBeijing, type MyTicketsView, type TicketPeriodView } from '@kaowei/shared';
import { Button, View } from '@tarojs/components';
import Taro from '@tarojs/taro';
import { useCallback, useState } from 'react';
import { PageState } from '../../components/PageState';
import { SubscribeButton } from '../../components/SubscribeButton';
import { useLoadOnShow } from '../../components/useLoad';
import { SignedOut } from '../../booking/SignedOut';
import { openPdf, savePdfInBrowser } from '../../services/pdfDownload';
import { request } from '../../services/request';
import { session } from '../../services/session';
import '../../booking/booking.css';

const pdfPath = (periodId: number) => `/api/admission/tickets/${periodId}/pdf`;

const fileName = (period: TicketPeriodView) => `准考证-${period.periodName}.pdf`;

async function openTicket(period: TicketPeriodView): Promise<string | null> {
  // A cheap signed-in call first: an expired access token is refreshed by the request interceptors.
  await request<MyTicketsView>('/api/admission/tickets');
  const failure =
    process.env.TARO_ENV === 'h5' ? '准考证下载失败，请稍后重试' : '准考证下载失败：请确认在打印时间内，或稍后重试';
  return openPdf(pdfPath(period.periodId), fileName(period), failure);
}

function TicketCard({ period }: { period: TicketPeriodView }) {
  const [busy, setBusy] = useState(false);
  const [link, setLink] = useState<string | null>(null);
  const download = async () => {
    setBusy(true);
    try {
      setLink(await openTicket(period));
    } catch (error) {
      void Taro.showToast({ title: (error as Error).message || '准考证下载失败', icon: 'none', duration: 3000 });
    } finally {
      setBusy(false);
    }
  };
  return (
    <View className="card ticket-period" id={`ticket-${period.periodId}`}>
      <View className="card-title">{period.title}</View>
      <View className="hint">
        打印时间：
        {period.printOpensAt && period.printClosesAt
          ? `${formatBeijing(period.printOpensAt)} 至 ${formatBeijing(period.printClosesAt)}`
          : '尚未公布'}
      </View>
      {period.reissuedAt && (
        <View className="hint ticket-reissued">
          已于 {formatBeijing(period.reissuedAt)} 补发，此前打印的准考证已作废，请重新下载打印
        </View>
      )}
      {period.exams.map((exam) => (
        <View className="ticket-exam" key={`${exam.unitId}-${exam.courseCode}`}>
          <View>{exam.unitLabel}</View>
          <View>
            {exam.courseCode} {exam.courseName}
          </View>
          <View className="hint">
            {exam.seat
              ? `${exam.seat.venueName}（${exam.seat.venueAddress}） 第${exam.seat.roomNo}考场 ${String(exam.seat.seatNo).padStart(2, '0')}号`
              : '考场待编排'}
          </View>
        </View>
      ))}
      {period.printable ? (
        <>
          <Button className="btn-primary" id={`ticket-download-${period.periodId}`} loading={busy} onClick={download}>
            {process.env.TARO_ENV === 'h5' ? '下载准考证PDF' : '打开准考证PDF'}
          </Button>
          {link && (
            <View
              className="link"
              id={`ticket-link-${period.periodId}`}
              onClick={() => savePdfInBrowser(link, fileName(period))}
            >
              未自动保存？点此保存准考证PDF（用A4纸打印）
            </View>
          )}
        </>
      ) : (
        <View className="hint ticket-reason">{period.reason}</View>
      )}
    </View>
  );
}

/** 准考证打印 (我的 → 准考证打印): each period's print window, its exams on screen, and the PDF. */
export default function AdmissionTicketPage() {
  const load = useCallback(async () => (session.get() ? request<MyTicketsView>('/api/admission/tickets') : null), []);
  const { state, reload } = useLoadOnShow(load);
  return (
    <View className="page admission-ticket-page">
      <SubscribeButton moment="ticketPage" />
      <PageState
        state={state}
        onRetry={reload}
        isEmpty={(view) => view !== null && view.periods.length === 0}
        empty={<View className="page-state-message">暂无需要打印的准考证：报考并缴费后，在打印时间内可在此打印</View>}
      >
        {(view) =>
          view === null ? <SignedOut /> : view.periods.map((p) => <TicketCard key={p.periodId} period={p} />)
        }
      </PageState>
    </View>
  );
}
