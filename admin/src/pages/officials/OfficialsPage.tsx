import { OFFICIAL_ROLE_LABELS, OFFICIAL_ROLES, type OfficialView } from '@kaowei/shared';
import { useState } from 'react';
import { officialsApi } from '../../api/client';
import { useAuth } from '../../auth/AuthContext';
import {
  Badge,
  DataState,
  FilterSelect,
  labelled,
  Notice,
  PageHeader,
  Pager,
  ReasonDialog,
  SearchForm,
} from '../../components/ui';
import { useFilters, useLoad } from '../../hooks';
import { OfficialFormDialog } from './OfficialFormDialog';
import { PasswordShownDialog } from './PasswordShownDialog';

const PAGE_SIZE = 20;

type Action = 'disable' | 'enable' | 'reset-totp' | 'reset-password';
const ACTIONS: Record<Action, { text: string; title: string; description: string }> = {
  disable: { text: '停用', title: '停用账号', description: '停用后该账号立即退出全部登录，不能再登录。' },
  enable: { text: '启用', title: '启用账号', description: '启用后该账号可用原密码登录。' },
  'reset-password': {
    text: '重置密码',
    title: '重置密码',
    description: '将生成临时密码（仅显示一次），该账号立即退出全部登录，下次登录须修改密码。',
  },
  'reset-totp': {
    text: '重置动态验证码',
    title: '重置动态验证码',
    description: '清除该账号绑定的身份验证器（如手机遗失），登录只需密码，可重新设置两步验证。',
  },
};

/** 账号管理: the province manages every official; a city office the county officials of its city. */
export function OfficialsPage() {
  const { isProvince } = useAuth();
  const {
    values: { q, role },
    page,
    set,
    setPage,
  } = useFilters(['q', 'role']);
  const list = useLoad(() => officialsApi.list({ q, role, page, pageSize: PAGE_SIZE }), [q, role, page]);
  const [editing, setEditing] = useState<OfficialView | 'new' | null>(null);
  const [acting, setActing] = useState<{ official: OfficialView; action: Action } | null>(null);
  const [shown, setShown] = useState<{ username: string; password: string } | null>(null);
  const [notice, setNotice] = useState<string | null>(null);
  const done = (message: string) => {
    setNotice(message);
    list.reload();
  };

  const act = async (official: OfficialView, action: Action, reason: string) => {
    if (action === 'reset-password') {
      const answer = await officialsApi.resetPassword(official.id, reason);
      setShown({ username: official.username, password: answer.temporaryPassword! });
    } else {
      await officialsApi.act(official.id, action, reason);
    }
    done(`已${ACTIONS[action].text}：${official.name}（${official.username}）`);
  };

  return (
    <>
      <PageHeader
        title="账号管理"
        actions={
          <button type="button" className="primary" onClick={() => setEditing('new')}>
            开设账号
          </button>
        }
      >
        {isProvince
          ? '开设、修改、停用各级考办人员账号，重置密码或动态验证码。'
          : '开设、修改、停用本市（州）所辖县（市、区）考办人员账号，重置密码或动态验证码。'}
      </PageHeader>
      <Notice message={notice} />
      <SearchForm label="查询账号" placeholder="用户名 / 姓名" initial={q} onSearch={(text) => set({ q: text })}>
        {isProvince && (
          <FilterSelect
            label="级别"
            value={role}
            options={labelled(OFFICIAL_ROLES, OFFICIAL_ROLE_LABELS)}
            onChange={(value) => set({ role: value })}
          />
        )}
      </SearchForm>
      <DataState state={list} isEmpty={(r) => r.items.length === 0} empty="没有符合条件的账号">
        {(r) => (
          <div className="card">
            <table className="table" aria-label="账号列表">
              <thead>
                <tr>
                  <th>用户名</th>
                  <th>姓名</th>
                  <th>级别</th>
                  <th>所属地区</th>
                  <th>两步验证</th>
                  <th>状态</th>
                  <th />
                </tr>
              </thead>
              <tbody>
                {r.items.map((o) => (
                  <tr key={o.id}>
                    <td className="code">{o.username}</td>
                    <td>{o.name}</td>
                    <td>{o.roleLabel}</td>
                    <td>{[o.cityName, o.countyName].filter(Boolean).join(' ') || '全省'}</td>
                    <td>{o.totpEnabled ? '已启用' : '未启用'}</td>
                    <td>
                      {o.disabledAt ? (
                        <Badge value="rejected" text="已停用" />
                      ) : o.mustChangePassword ? (
                        <Badge value="pending" text="待修改密码" />
                      ) : (
                        <Badge value="success" text="正常" />
                      )}
                    </td>
                    <td className="row-actions">
                      <button type="button" className="link" onClick={() => setEditing(o)}>
                        修改
                      </button>
                      {(
                        [
                          'reset-password',
                          o.totpEnabled ? 'reset-totp' : null,
                          o.disabledAt ? 'enable' : 'disable',
                        ] as const
                      )
                        .filter((a): a is Action => a !== null)
                        .map((action) => (
                          <button
                            key={action}
                            type="button"
                            className={action === 'disable' ? 'link danger-text' : 'link'}
                            onClick={() => setActing({ official: o, action })}
                          >
                            {ACTIONS[action].text}
                          </button>
                        ))}
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
            <Pager page={r.page} pageSize={r.pageSize} total={r.total} onPage={setPage} />
          </div>
        )}
      </DataState>
      {editing && (
        <OfficialFormDialog
          official={editing === 'new' ? null : editing}
          onClose={() => setEditing(null)}
          onCreated={(official, password) => {
            if (password) setShown({ username: official.username, password });
            done(`已开设账号：${official.name}（${official.username}）`);
          }}
          onEdited={(official) => done(`已修改账号：${official.name}（${official.username}）`)}
        />
      )}
      {acting && (
        <ReasonDialog
          title={`${ACTIONS[acting.action].title}：${acting.official.name}（${acting.official.username}）`}
          description={ACTIONS[acting.action].description}
          confirmText={ACTIONS[acting.action].text}
          onConfirm={(reason) => act(acting.official, acting.action, reason)}
          onClose={() => setActing(null)}
        />
      )}
      {shown && <PasswordShownDialog {...shown} onClose={() => setShown(null)} />}
    </>
  );
}
