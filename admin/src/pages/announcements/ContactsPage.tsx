import type { CountyContactInput, CountyContactView } from '@kaowei/shared';
import { useState, type FormEvent } from 'react';
import { announcementsApi } from '../../api/client';
import { DataState, ErrorBanner, Field, Notice, PageHeader } from '../../components/ui';
import { useAction, useLoad } from '../../hooks';

const FIELDS: Array<[keyof CountyContactInput, string]> = [
  ['officeName', '办公室名称'],
  ['address', '地址'],
  ['hotline', '咨询电话'],
  ['hours', '办公时间'],
];

/** One county office's contacts, as candidates see them under 联系我们. */
function ContactForm({ county, onSaved }: { county: CountyContactView; onSaved: (message: string) => void }) {
  const [values, setValues] = useState<CountyContactInput>(
    county.contact ?? { officeName: `${county.countyName}自考办`, address: '', hotline: '', hours: '' },
  );
  const action = useAction();
  const submit = async (e: FormEvent) => {
    e.preventDefault();
    const saved = await action.run(() => announcementsApi.setContact(county.countyId, values));
    if (saved) onSaved(`已保存${county.cityName}${county.countyName}的联系方式`);
  };
  return (
    <section className="card" aria-label={`${county.countyName}联系方式`}>
      <h2>
        {county.cityName} {county.countyName}
        {county.contact === null && <span className="muted">（尚未填写，考生看不到）</span>}
      </h2>
      <form className="form" onSubmit={submit}>
        <div className="grid-3">
          {FIELDS.map(([key, label]) => (
            <Field key={key} label={label}>
              <input name={key} value={values[key]} onChange={(e) => setValues({ ...values, [key]: e.target.value })} />
            </Field>
          ))}
        </div>
        <ErrorBanner message={action.error} />
        <div className="form-actions">
          <button type="submit" className="primary" disabled={action.pending}>
            保存
          </button>
        </div>
      </form>
    </section>
  );
}

/** 联系方式: the county offices' address, hotline and hours shown to candidates (a county office keeps its own). */
export function ContactsPage() {
  const contacts = useLoad(() => announcementsApi.contacts(), []);
  const [notice, setNotice] = useState<string | null>(null);
  return (
    <>
      <PageHeader title="联系方式">
        考生在小程序“联系我们”中看到的县（市、区）自考办地址、咨询电话和办公时间。
      </PageHeader>
      <Notice message={notice} />
      <DataState state={contacts} isEmpty={(items) => items.length === 0} empty="本辖区暂无县区">
        {(items) => (
          <>
            {items.map((county) => (
              <ContactForm key={county.countyId} county={county} onSaved={setNotice} />
            ))}
          </>
        )}
      </DataState>
    </>
  );
}
