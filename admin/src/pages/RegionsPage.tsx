import { useState, type FormEvent } from 'react';
import { regionsApi } from '../api/client';
import type { City } from '../api/types';
import { useAuth } from '../auth/AuthContext';
import { DataState, ErrorBanner, Notice, PageHeader } from '../components/ui';
import { useAction, useLoad } from '../hooks';

/** Cities (市州) and counties (县市区), the exam districts; the provincial office adds and renames them. */
export function RegionsPage() {
  const { isProvince } = useAuth();
  const regions = useLoad(() => regionsApi.list(), []);
  const [notice, setNotice] = useState<string | null>(null);
  const done = (message: string) => {
    setNotice(message);
    regions.reload();
  };
  return (
    <>
      <PageHeader title="行政区划">市（州）和县（市、区）考区。考位按县（市、区）分配。</PageHeader>
      <Notice message={notice} />
      {isProvince && (
        <div className="card">
          <h2>新增市（州）</h2>
          <CodeNameForm
            label="市（州）"
            submitText="新增市（州）"
            onSubmit={async (code, name) => {
              await regionsApi.createCity(code, name);
              done(`已新增市（州）：${name}`);
            }}
          />
        </div>
      )}
      <DataState state={regions} isEmpty={(r) => r.cities.length === 0} empty="暂无行政区划">
        {({ cities }) => (
          <div className="city-list">
            {cities.map((city) => (
              <CityCard key={city.id} city={city} editable={isProvince} onDone={done} />
            ))}
          </div>
        )}
      </DataState>
    </>
  );
}

function CityCard({ city, editable, onDone }: { city: City; editable: boolean; onDone: (message: string) => void }) {
  const [adding, setAdding] = useState(false);
  return (
    <section className="card" aria-label={city.name}>
      <div className="section-title">
        <h2>
          {editable ? (
            <RenameInline
              name={city.name}
              onRename={async (name) => {
                await regionsApi.renameCity(city.id, name);
                onDone(`已更名为：${name}`);
              }}
            />
          ) : (
            city.name
          )}
          <span className="muted code"> {city.code}</span>
        </h2>
        {editable && !adding && (
          <button type="button" onClick={() => setAdding(true)}>
            新增县（市、区）
          </button>
        )}
      </div>
      {adding && (
        <CodeNameForm
          label="县（市、区）"
          submitText="保存"
          onCancel={() => setAdding(false)}
          onSubmit={async (code, name) => {
            await regionsApi.createCounty(city.id, code, name);
            setAdding(false);
            onDone(`已新增县（市、区）：${name}`);
          }}
        />
      )}
      {city.counties.length === 0 ? (
        <div className="empty small">暂无县（市、区）</div>
      ) : (
        <table className="table compact">
          <thead>
            <tr>
              <th>代码</th>
              <th>县（市、区）</th>
            </tr>
          </thead>
          <tbody>
            {city.counties.map((county) => (
              <tr key={county.id}>
                <td className="code">{county.code}</td>
                <td>
                  {editable ? (
                    <RenameInline
                      name={county.name}
                      onRename={async (name) => {
                        await regionsApi.renameCounty(county.id, name);
                        onDone(`已更名为：${name}`);
                      }}
                    />
                  ) : (
                    county.name
                  )}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </section>
  );
}

function CodeNameForm({
  label,
  submitText,
  onSubmit,
  onCancel,
}: {
  label: string;
  submitText: string;
  onSubmit: (code: string, name: string) => Promise<void>;
  onCancel?: () => void;
}) {
  const [code, setCode] = useState('');
  const [name, setName] = useState('');
  const action = useAction();
  const submit = async (e: FormEvent) => {
    e.preventDefault();
    const ok = await action.run(() => onSubmit(code.trim(), name.trim()).then(() => true));
    if (ok) {
      setCode('');
      setName('');
    }
  };
  return (
    <form className="inline-form" onSubmit={submit}>
      <input
        name="regionCode"
        aria-label={`${label}代码`}
        placeholder="6位代码"
        value={code}
        onChange={(e) => setCode(e.target.value)}
      />
      <input
        name="regionName"
        aria-label={`${label}名称`}
        placeholder="名称"
        value={name}
        onChange={(e) => setName(e.target.value)}
      />
      <button type="submit" className="primary" disabled={action.pending}>
        {submitText}
      </button>
      {onCancel && (
        <button type="button" onClick={onCancel}>
          取消
        </button>
      )}
      <ErrorBanner message={action.error} />
    </form>
  );
}

function RenameInline({ name, onRename }: { name: string; onRename: (name: string) => Promise<void> }) {
  const [editing, setEditing] = useState(false);
  const [value, setValue] = useState(name);
  const action = useAction();
  if (!editing)
    return (
      <span className="renamable">
        {name}
        <button
          type="button"
          className="link small-text"
          onClick={() => {
            setValue(name);
            setEditing(true);
          }}
        >
          更名
        </button>
      </span>
    );
  const submit = async (e: FormEvent) => {
    e.preventDefault();
    const ok = await action.run(() => onRename(value.trim()).then(() => true));
    if (ok) setEditing(false);
  };
  return (
    <form className="inline-form" onSubmit={submit}>
      <input aria-label="新名称" value={value} onChange={(e) => setValue(e.target.value)} autoFocus />
      <button type="submit" className="primary small" disabled={action.pending}>
        保存
      </button>
      <button type="button" className="small" onClick={() => setEditing(false)}>
        取消
      </button>
      <ErrorBanner message={action.error} />
    </form>
  );
}
