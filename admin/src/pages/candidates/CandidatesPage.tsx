import { Link } from 'react-router-dom';
import { candidatesApi } from '../../api/client';
import { DataState, PageHeader, Pager, SearchForm } from '../../components/ui';
import { useFilters, useLoad } from '../../hooks';

const PAGE_SIZE = 20;

/** Find a candidate by ticket number, name, or full ID number (the ID number is never shown unmasked). */
export function CandidatesPage() {
  const {
    values: { q },
    page,
    set,
    setPage,
  } = useFilters(['q']);
  const results = useLoad(q ? () => candidatesApi.search(q, { page, pageSize: PAGE_SIZE }) : null, [q, page]);

  return (
    <>
      <PageHeader title="考生查询">按准考证号、姓名或完整证件号码查询本辖区考生。</PageHeader>
      <SearchForm
        label="查询考生"
        placeholder="准考证号 / 姓名 / 证件号码"
        initial={q}
        onSearch={(text) => set({ q: text })}
      />
      {!q ? (
        <div className="empty">请输入查询条件</div>
      ) : (
        <DataState state={results} isEmpty={(r) => r.items.length === 0} empty="未找到符合条件的考生">
          {(r) => (
            <div className="card">
              <table className="table" aria-label="考生列表">
                <thead>
                  <tr>
                    <th>姓名</th>
                    <th>证件号码</th>
                    <th>手机</th>
                    <th>准考证号</th>
                    <th>报考县（市、区）</th>
                    <th>密码</th>
                    <th />
                  </tr>
                </thead>
                <tbody>
                  {r.items.map((c) => (
                    <tr key={c.id}>
                      <td>{c.name}</td>
                      <td className="code">{c.idCardMasked}</td>
                      <td className="code">{c.phoneMasked ?? '未绑定'}</td>
                      <td className="code">{c.ticketNos.join('、') || '—'}</td>
                      <td>{c.countyName ?? '—'}</td>
                      <td>{c.mustChangePassword ? '初始密码' : '已修改'}</td>
                      <td>
                        <Link to={`/candidates/${c.id}`}>详情</Link>
                      </td>
                    </tr>
                  ))}
                </tbody>
              </table>
              <Pager page={r.page} pageSize={r.pageSize} total={r.total} onPage={setPage} />
            </div>
          )}
        </DataState>
      )}
    </>
  );
}
