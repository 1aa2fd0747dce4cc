import { useState, type FormEvent } from 'react';
import { useSearchParams } from 'react-router-dom';
import type { TicketExamView, TicketVerifyView } from '@kaowei/shared';
import { ticketVerifyApi } from '../../api/client';
import { ErrorBanner, PageHeader } from '../../components/ui';
import { useLoad, useObjectUrl } from '../../hooks';

/**
 * 准考证核验: at the door an official scans the QR code of a printed ticket (a scanner types it into the
 * field, or the page opens with ?token=…) and sees who holds it, their photo and today's seat.
 */
export function VerifyTicketPage() {
  const [params, setParams] = useSearchParams();
  const token = params.get('token')?.trim() ?? '';
  const [typed, setTyped] = useState(token);
  const result = useLoad(token ? () => ticketVerifyApi.verify(token) : null, [token]);

  const submit = (event: FormEvent) => {
    event.preventDefault();
    if (typed.trim()) setParams({ token: typed.trim() });
  };

  return (
    <>
      <PageHeader title="准考证核验">扫描考生准考证上的二维码，核对本人、照片与今日考场座位。</PageHeader>
      <form className="card form-row" onSubmit={submit}>
        <label className="field">
          <span>二维码内容</span>
          <input
            autoFocus
            aria-label="二维码内容"
            value={typed}
            onChange={(e) => setTyped(e.target.value)}
            placeholder="扫码枪扫描后自动填入"
          />
        </label>
        <button type="submit" className="primary">
          核验
        </button>
      </form>
      <ErrorBanner message={result.error} />
      {result.loading && <div className="loading">核验中…</div>}
      {result.data && <VerifiedTicket view={result.data} token={token} />}
    </>
  );
}

function VerifiedTicket({ view, token }: { view: TicketVerifyView; token: string }) {
  const photo = useObjectUrl(view.photoUrl ? () => ticketVerifyApi.photo(token) : null, [token, view.photoUrl]);
  return (
    <div className="card" aria-label="核验结果">
      <div className="verify-person" style={{ display: 'flex', gap: 24 }}>
        <div style={{ width: 120, height: 160, border: '1px solid #ccc', display: 'grid', placeItems: 'center' }}>
          {photo.url ? (
            <img src={photo.url} alt={`${view.name}的照片`} style={{ maxWidth: '100%', maxHeight: '100%' }} />
          ) : (
            <span className="muted">{photo.error ?? (view.photoUrl ? '加载中…' : '无照片')}</span>
          )}
        </div>
        <dl>
          <dt>姓名</dt>
          <dd>{view.name}</dd>
          <dt>性别</dt>
          <dd>{view.gender === 'M' ? '男' : '女'}</dd>
          <dt>证件号码</dt>
          <dd className="code">{view.idCardMasked}</dd>
          <dt>准考证号</dt>
          <dd className="code">{view.ticketNo || '—'}</dd>
          <dt>考次</dt>
          <dd>{view.periodName}</dd>
        </dl>
      </div>
      <h3>今日（{view.today}）考试</h3>
      {view.seats.length === 0 ? <div className="empty">该考生今日没有考试</div> : <ExamTable exams={view.seats} />}
      <h3>本考次全部考试</h3>
      <ExamTable exams={view.allExams} />
    </div>
  );
}

function ExamTable({ exams }: { exams: TicketExamView[] }) {
  return (
    <table className="table">
      <thead>
        <tr>
          <th>考试时间</th>
          <th>课程</th>
          <th>考点</th>
          <th>考场</th>
          <th>座号</th>
        </tr>
      </thead>
      <tbody>
        {exams.map((e) => (
          <tr key={`${e.unitId}-${e.courseCode}`}>
            <td>{e.unitLabel}</td>
            <td>
              {e.courseCode} {e.courseName}
            </td>
            <td>{e.seat ? `${e.seat.venueName}（${e.seat.venueAddress}）` : '待编排'}</td>
            <td>{e.seat ? `第${e.seat.roomNo}考场` : '—'}</td>
            <td>{e.seat ? `${String(e.seat.seatNo).padStart(2, '0')}号` : '—'}</td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}
