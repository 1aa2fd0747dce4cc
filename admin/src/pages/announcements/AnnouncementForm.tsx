import {
  ANNOUNCEMENT_SCOPE_LABELS,
  type AdminAnnouncementView,
  type AnnouncementScope,
  type OfficialRole,
} from '@kaowei/shared';
import { useState, type FormEvent } from 'react';
import type { City } from '../../api/types';
import { ErrorBanner, Field } from '../../components/ui';
import { fromLocalInput, toLocalInput } from '../../format';
import { useAction } from '../../hooks';

export interface AnnouncementFormValues {
  scope: AnnouncementScope;
  cityId: number | null;
  countyId: number | null;
  title: string;
  body: string;
  /** ISO, or null for 立即发布. */
  publishAt: string | null;
}

/** The scopes an office may publish to: the province anywhere, a city its city and counties, a county its own. */
const SCOPES_OF: Record<OfficialRole, AnnouncementScope[]> = {
  province: ['province', 'city', 'county'],
  city: ['city', 'county'],
  county: ['county'],
};

/**
 * 发布 / 修改通知公告: whom it is for (new ones only), title, body (plain text, blank lines between paragraphs)
 * and the publish time (empty: now).
 */
export function AnnouncementForm({
  role,
  cities,
  initial,
  submitText,
  onSave,
}: {
  role: OfficialRole;
  /** The official's cities and counties (the regions in scope). */
  cities: City[];
  initial: AdminAnnouncementView | null;
  submitText: string;
  onSave: (values: AnnouncementFormValues) => Promise<unknown>;
}) {
  const scopes = SCOPES_OF[role];
  const counties = cities.flatMap((city) => city.counties.map((c) => ({ ...c, cityName: city.name })));
  const blank = (): AnnouncementFormValues => ({
    scope: scopes[scopes.length - 1]!,
    cityId: cities.length === 1 ? cities[0]!.id : null,
    countyId: counties.length === 1 ? counties[0]!.id : null,
    title: '',
    body: '',
    publishAt: null,
  });
  const [values, setValues] = useState<AnnouncementFormValues>(initial ? { ...initial } : blank);
  const action = useAction();
  const set = (patch: Partial<AnnouncementFormValues>) => setValues({ ...values, ...patch });
  const submit = async (e: FormEvent) => {
    e.preventDefault();
    const saved = await action.run(() => onSave(values).then(() => true));
    if (saved && !initial) setValues(blank());
  };
  return (
    <form className="form" onSubmit={submit} aria-label={submitText}>
      {!initial && (
        <div className="grid-3">
          <Field label="发布范围">
            <select
              name="scope"
              value={values.scope}
              onChange={(e) => set({ scope: e.target.value as AnnouncementScope })}
            >
              {scopes.map((s) => (
                <option key={s} value={s}>
                  {ANNOUNCEMENT_SCOPE_LABELS[s]}
                </option>
              ))}
            </select>
          </Field>
          {values.scope === 'city' && (
            <Field label="市（州）">
              <select
                name="cityId"
                value={values.cityId ?? ''}
                onChange={(e) => set({ cityId: e.target.value ? Number(e.target.value) : null })}
              >
                <option value="">请选择</option>
                {cities.map((c) => (
                  <option key={c.id} value={c.id}>
                    {c.name}
                  </option>
                ))}
              </select>
            </Field>
          )}
          {values.scope === 'county' && (
            <Field label="县（市、区）">
              <select
                name="countyId"
                value={values.countyId ?? ''}
                onChange={(e) => set({ countyId: e.target.value ? Number(e.target.value) : null })}
              >
                <option value="">请选择</option>
                {counties.map((c) => (
                  <option key={c.id} value={c.id}>
                    {c.cityName} {c.name}
                  </option>
                ))}
              </select>
            </Field>
          )}
        </div>
      )}
      <Field label="标题">
        <input name="title" value={values.title} onChange={(e) => set({ title: e.target.value })} />
      </Field>
      <Field label="正文" hint="纯文本，每段之间空一行">
        <textarea name="body" rows={8} value={values.body} onChange={(e) => set({ body: e.target.value })} />
      </Field>
      <Field label="发布时间" hint="不填为立即发布；填写将来的时间则到时自动发布">
        <input
          type="datetime-local"
          name="publishAt"
          value={toLocalInput(values.publishAt)}
          onChange={(e) => set({ publishAt: fromLocalInput(e.target.value) })}
        />
      </Field>
      <ErrorBanner message={action.error} />
      <div className="form-actions">
        <button type="submit" className="primary" disabled={action.pending}>
          {submitText}
        </button>
      </div>
    </form>
  );
}
