import { Link } from 'react-router-dom';
import { periodsApi } from '../../api/client';
import { useAuth } from '../../auth/AuthContext';
import { DataState, PageHeader } from '../../components/ui';
import { formatTime, yuan } from '../../format';
import { useLoad } from '../../hooks';

export function PeriodsPage() {
  const { isProvince } = useAuth();
  const periods = useLoad(() => periodsApi.list(), []);
  return (
    <>
      <PageHeader
        title="考期设置"
        actions={
          isProvince && (
            <Link className="button primary" to="/periods/new">
              新建考次
            </Link>
          )
        }
      >
        考次的报考、缴费、退费、打印时间，报考费和考试单元、开考课程。
      </PageHeader>
      <DataState state={periods} isEmpty={(r) => r.items.length === 0} empty="暂无考次">
        {({ items }) => (
          <div className="card">
            <table className="table" aria-label="考次列表">
              <thead>
                <tr>
                  <th>代码</th>
                  <th>名称</th>
                  <th>报考时间</th>
                  <th>缴费时间</th>
                  <th className="num">每科报考费</th>
                  <th className="num">最多科数</th>
                  <th />
                </tr>
              </thead>
              <tbody>
                {items.map((p) => (
                  <tr key={p.id}>
                    <td>{p.code}</td>
                    <td>{p.name}</td>
                    <td>
                      {formatTime(p.bookingOpensAt)} 至 {formatTime(p.bookingClosesAt)}
                    </td>
                    <td>
                      {formatTime(p.paymentOpensAt)} 至 {formatTime(p.paymentClosesAt)}
                    </td>
                    <td className="num">{yuan(p.feePerCourseFen)}</td>
                    <td className="num">{p.maxCourses}</td>
                    <td>
                      <Link to={`/periods/${p.id}`}>{isProvince ? '编辑' : '查看'}</Link>
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        )}
      </DataState>
    </>
  );
}
