import { useState } from 'react';
import { Link } from 'react-router-dom';
import { candidateRecordsApi } from '../../api/client';
import { DataState, Notice, PageHeader, Pager, ReasonDialog } from '../../components/ui';
import { formatTime } from '../../format';
import { useLoad } from '../../hooks';

const PAGE_SIZE = 20;

/**
 * 近期绑定手机: phones bound in the last days by candidates of the official's districts (masked). Anyone who knows an
 * ID number can try the initial password; a binding the candidate did not make is undone here, with a reason.
 */
export function RecentPhoneBindingsPage() {
  const [page, setPage] = useState(1);
  const list = useLoad(() => candidateRecordsApi.recentBindings({ page, pageSize: PAGE_SIZE }), [page]);
  const [undoing, setUndoing] = useState<{ id: number; name: string; phoneMasked: string } | null>(null);
  const [notice, setNotice] = useState<string | null>(null);

  return (
    <>
      <PageHeader title="近期绑定手机">
        本辖区考生最近{list.data?.days ?? ''}
        天内绑定的手机。考生反映手机被他人绑定的，核验证件后可撤销：考生恢复初始密码、解除微信，须重新登录并绑定手机。
      </PageHeader>
      <Notice message={notice} />
      <DataState state={list} isEmpty={(r) => r.items.length === 0} empty="近期没有考生绑定手机">
        {(r) => (
          <div className="card">
            <table className="table" aria-label="近期绑定手机">
              <thead>
                <tr>
                  <th>姓名</th>
                  <th>证件号码</th>
                  <th>准考证号</th>
                  <th>绑定手机</th>
                  <th>绑定时间</th>
                  <th>在籍登记手机</th>
                  <th>操作</th>
                </tr>
              </thead>
              <tbody>
                {r.items.map((b) => (
                  <tr key={b.candidateId}>
                    <td>
                      <Link to={`/candidates/${b.candidateId}`}>{b.name}</Link>
                    </td>
                    <td className="code">{b.idCardMasked}</td>
                    <td className="code">{b.ticketNos.join('、') || '—'}</td>
                    <td className="code">{b.phoneMasked}</td>
                    <td>{formatTime(b.boundAt)}</td>
                    <td>{b.matchesPhoneOnFile ? '与绑定手机一致' : '—'}</td>
                    <td>
                      <button
                        type="button"
                        onClick={() => setUndoing({ id: b.candidateId, name: b.name, phoneMasked: b.phoneMasked })}
                      >
                        撤销绑定
                      </button>
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
            <Pager page={r.page} pageSize={r.pageSize} total={r.total} onPage={setPage} />
          </div>
        )}
      </DataState>
      {undoing && (
        <ReasonDialog
          title={`撤销绑定手机：${undoing.name}`}
          description={`将解除 ${undoing.phoneMasked}，考生密码恢复为初始密码并解除微信，已登录的设备全部退出，考生须重新绑定手机。`}
          confirmText="确认撤销"
          onClose={() => setUndoing(null)}
          onConfirm={async (reason) => {
            await candidateRecordsApi.undoBinding(undoing.id, reason);
            setNotice(`已撤销${undoing.name}的手机绑定`);
            list.reload();
          }}
        />
      )}
    </>
  );
}
