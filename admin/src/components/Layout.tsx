import { useRef } from 'react';
import { NavLink, Navigate, Outlet, useLocation } from 'react-router-dom';
import { useAuth } from '../auth/AuthContext';
import type { OfficialRole } from '@kaowei/shared';

const NAV: Array<{ group: string; links: Array<{ to: string; text: string; roles?: OfficialRole[] }> }> = [
  { group: '监控', links: [{ to: '/seats', text: '实时考位' }] },
  {
    group: '考务设置',
    links: [
      { to: '/periods', text: '考期设置' },
      { to: '/regions', text: '行政区划' },
      { to: '/quotas', text: '考位分配' },
      { to: '/majors', text: '专业管理' },
      { to: '/venues', text: '考点考场' },
    ],
  },
  {
    group: '考生服务',
    links: [
      { to: '/candidates', text: '考生查询' },
      { to: '/registrations', text: '新生审核' },
      { to: '/applications', text: '业务审核' },
      { to: '/application-windows', text: '业务办理时间', roles: ['province'] },
      { to: '/phone-bindings', text: '近期绑定手机' },
      { to: '/imports/enrolled', text: '考籍导入', roles: ['province'] },
    ],
  },
  {
    group: '报考与缴费',
    links: [
      { to: '/bookings', text: '报考记录' },
      { to: '/payments', text: '缴费记录' },
      { to: '/refunds', text: '退费记录' },
      { to: '/exceptions', text: '异常处理' },
      { to: '/release', text: '释放考位' },
      { to: '/assignment', text: '考场编排' },
    ],
  },
  {
    group: '考生通知',
    links: [
      { to: '/announcements', text: '通知公告' },
      { to: '/notices', text: '群发通知' },
      { to: '/deliveries', text: '消息发送记录' },
      { to: '/contacts', text: '联系方式' },
    ],
  },
  {
    group: '数据与审计',
    links: [
      { to: '/exports', text: '数据导出' },
      { to: '/audit', text: '审计日志' },
    ],
  },
  {
    group: '账户',
    links: [
      { to: '/security', text: '账户安全' },
      { to: '/officials', text: '账号管理', roles: ['province', 'city'] },
      { to: '/password', text: '修改密码' },
    ],
  },
  { group: '考务', links: [{ to: '/verify', text: '准考证核验' }] },
  {
    group: '成绩',
    links: [
      { to: '/scores/import', text: '成绩导入与发布', roles: ['province'] },
      { to: '/score-stats', text: '成绩统计' },
      { to: '/imports/certificates', text: '证书导入', roles: ['province'] },
    ],
  },
];

/** Where an official who must change their password is sent, and the only page they may open. */
const PASSWORD_PAGE = '/password';

/** Sidebar and header around every signed-in page. */
export function Layout() {
  const { official, signOut } = useAuth();
  const location = useLocation();
  // An expired session comes back to this page after signing in again; signing out on purpose does not (the next
  // official to sign in at this desk starts on the first page, not on the last one's).
  const signingOut = useRef(false);
  if (!official) {
    return <Navigate to="/login" replace state={signingOut.current ? undefined : { from: location.pathname }} />;
  }
  if (official.mustChangePassword && location.pathname !== PASSWORD_PAGE) {
    return <Navigate to={PASSWORD_PAGE} replace />;
  }
  const nav = official.mustChangePassword
    ? [{ group: '账户', links: [{ to: PASSWORD_PAGE, text: '修改密码' }] }]
    : NAV.map((section) => ({
        ...section,
        links: section.links.filter((link) => !link.roles || link.roles.includes(official.role)),
      }));
  const logout = () => {
    signingOut.current = true;
    signOut('您已安全退出');
  };
  return (
    <div className="shell">
      <aside className="sidebar">
        <div className="brand">
          <strong>考位</strong>
          <span>考办管理后台</span>
        </div>
        <nav>
          {nav.map((section) => (
            <div key={section.group} className="nav-group">
              <div className="nav-group-title">{section.group}</div>
              {section.links.map((link) => (
                <NavLink key={link.to} to={link.to} className={({ isActive }) => (isActive ? 'active' : undefined)}>
                  {link.text}
                </NavLink>
              ))}
            </div>
          ))}
        </nav>
      </aside>
      <div className="main">
        <header className="topbar">
          <div className="who">
            <span className="official-name">{official.name}</span>
            <span className="role-label">{official.roleLabel}</span>
          </div>
          <button type="button" onClick={logout}>
            退出登录
          </button>
        </header>
        <main className="content">
          <Outlet />
        </main>
      </div>
    </div>
  );
}
