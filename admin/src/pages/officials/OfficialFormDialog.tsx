import { OFFICIAL_ROLE_LABELS, type OfficialRole, type OfficialView } from '@kaowei/shared';
import { useState, type FormEvent } from 'react';
import { officialsApi, regionsApi } from '../../api/client';
import { useAuth } from '../../auth/AuthContext';
import { ErrorBanner, Field, Modal } from '../../components/ui';
import { useAction, useLoad } from '../../hooks';

/**
 * 开设账号 (official null) or 修改 an account's name and scope. A city office only offers counties of its city;
 * the server refuses anything wider either way.
 */
export function OfficialFormDialog({
  official,
  onClose,
  onCreated,
  onEdited,
}: {
  official: OfficialView | null;
  onClose: () => void;
  onCreated: (official: OfficialView, temporaryPassword: string | null) => void;
  onEdited: (official: OfficialView) => void;
}) {
  const { isProvince } = useAuth();
  const roles: OfficialRole[] = isProvince ? ['province', 'city', 'county'] : ['county'];
  const regions = useLoad(() => regionsApi.list(), []);
  const cities = regions.data?.cities ?? [];
  const [username, setUsername] = useState('');
  const [name, setName] = useState(official?.name ?? '');
  const [role, setRole] = useState<OfficialRole>(official?.role ?? 'county');
  const [cityId, setCityId] = useState(official?.cityId ? String(official.cityId) : '');
  const [countyId, setCountyId] = useState(official?.countyId ? String(official.countyId) : '');
  const [password, setPassword] = useState('');
  const [reason, setReason] = useState('');
  const action = useAction();
  const counties = cities.flatMap((c) => c.counties.map((county) => ({ ...county, cityName: c.name })));

  const scope = {
    role,
    cityId: role === 'city' && cityId ? Number(cityId) : null,
    countyId: role === 'county' && countyId ? Number(countyId) : null,
  };
  const submit = async (e: FormEvent) => {
    e.preventDefault();
    await action.run(async () => {
      if (official) {
        onEdited(await officialsApi.edit(official.id, { name, ...scope, reason }));
      } else {
        const created = await officialsApi.create({ username, name, ...scope, password: password || undefined });
        onCreated(created.official, created.temporaryPassword);
      }
      onClose();
    });
  };

  return (
    <Modal title={official ? `修改账号：${official.username}` : '开设账号'} onClose={onClose}>
      <form className="form" onSubmit={submit}>
        {!official && (
          <Field label="用户名" hint="3至32位小写字母、数字或下划线，以字母开头；开设后不能修改">
            <input name="username" value={username} onChange={(e) => setUsername(e.target.value)} autoFocus />
          </Field>
        )}
        <Field label="姓名">
          <input name="name" value={name} onChange={(e) => setName(e.target.value)} />
        </Field>
        <Field label="级别">
          <select name="role" value={role} onChange={(e) => setRole(e.target.value as OfficialRole)}>
            {roles.map((r) => (
              <option key={r} value={r}>
                {OFFICIAL_ROLE_LABELS[r]}
              </option>
            ))}
          </select>
        </Field>
        {role === 'city' && (
          <Field label="市（州）">
            <select name="cityId" value={cityId} onChange={(e) => setCityId(e.target.value)}>
              <option value="">请选择</option>
              {cities.map((c) => (
                <option key={c.id} value={c.id}>
                  {c.name}
                </option>
              ))}
            </select>
          </Field>
        )}
        {role === 'county' && (
          <Field label="县（市、区）">
            <select name="countyId" value={countyId} onChange={(e) => setCountyId(e.target.value)}>
              <option value="">请选择</option>
              {counties.map((c) => (
                <option key={c.id} value={c.id}>
                  {c.cityName} {c.name}
                </option>
              ))}
            </select>
          </Field>
        )}
        {official ? (
          <Field label="原因（必填，记入审计日志）">
            <textarea name="reason" rows={2} value={reason} onChange={(e) => setReason(e.target.value)} />
          </Field>
        ) : (
          <Field label="初始密码" hint="留空则由系统生成并显示一次；至少10位，含字母和数字；首次登录须修改">
            <input name="password" type="password" value={password} onChange={(e) => setPassword(e.target.value)} />
          </Field>
        )}
        <ErrorBanner message={action.error ?? regions.error} />
        <div className="form-actions">
          <button type="button" onClick={onClose}>
            取消
          </button>
          <button type="submit" className="primary" disabled={action.pending}>
            {action.pending ? '处理中…' : official ? '保存' : '开设账号'}
          </button>
        </div>
      </form>
    </Modal>
  );
}
