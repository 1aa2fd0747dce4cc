import type { CandidateRecords } from '@kaowei/shared';
import { Link } from 'react-router-dom';

/** 已合格课程 under every ticket of the candidate, and the 合档 links of the record (#13). */
export function PassedCoursesCard({ records }: { records: CandidateRecords }) {
  return (
    <div className="card">
      <h2>已合格课程</h2>
      {records.mergedIntoId !== null && (
        <div className="banner info" role="status">
          本档案已合档至 <Link to={`/candidates/${records.mergedIntoId}`}>考生 {records.mergedIntoId}</Link>
          ，不能再登录；其准考证与记录均在合档后的档案中。
        </div>
      )}
      {records.mergedFrom.length > 0 && (
        <div className="muted">
          已并入本档案：
          {records.mergedFrom.map((m) => (
            <span key={m.id}>
              {' '}
              <Link to={`/candidates/${m.id}`}>
                {m.name}（{m.idCardMasked}）
              </Link>
            </span>
          ))}
        </div>
      )}
      {records.bookingsElsewhere > 0 && (
        <div className="muted">另有 {records.bookingsElsewhere} 条报考记录在其他辖区，未列出。</div>
      )}
      {records.passedCourses.length === 0 ? (
        <div className="empty small">暂无已合格课程</div>
      ) : (
        <table className="table" aria-label="已合格课程">
          <thead>
            <tr>
              <th>准考证号</th>
              <th>课程代码</th>
              <th>课程名称</th>
              <th>考次</th>
              <th>成绩</th>
              <th>合格方式</th>
            </tr>
          </thead>
          <tbody>
            {records.passedCourses.map((p) => (
              <tr key={p.id}>
                <td className="code">{p.ticketNo}</td>
                <td className="code">{p.courseCode}</td>
                <td>{p.courseName}</td>
                <td className="code">{p.periodCode}</td>
                <td>{p.score ?? p.grade ?? '—'}</td>
                <td>{p.passedByLabel}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </div>
  );
}
