import { useState } from 'react';
import {
  CANDIDATE_APPLICATION_KIND_LABELS,
  CANDIDATE_APPLICATION_KINDS,
  CANDIDATE_APPLICATION_STATE_LABELS,
  CANDIDATE_APPLICATION_STATES,
  type CandidateApplicationKind,
  type CandidateApplicationState,
} from '@kaowei/shared';
import { applicationsApi } from '../../api/client';
import { useAuth } from '../../auth/AuthContext';
import { Badge, DataState, FilterSelect, Notice, PageHeader, Pager } from '../../components/ui';
import { formatTime } from '../../format';
import { useCounties, useFilters, useLoad } from '../../hooks';
import { ApplicationDetail, stateText } from './ApplicationDetail';
import { applicationSummary } from './applicationForms';

const PAGE_SIZE = 20;
/** Drafts are the candidate's own: never in a queue. */
const QUEUE_STATES = CANDIDATE_APPLICATION_STATES.filter((s) => s !== 'draft');
const ALL = 'all';

const isKind = (v: string): v is CandidateApplicationKind =>
  (CANDIDATE_APPLICATION_KINDS as readonly string[]).includes(v);
const isState = (v: string): v is CandidateApplicationState => (QUEUE_STATES as readonly string[]).includes(v);

/**
 * 业务审核: the queue of one kind within the official's districts, by state (with counts) and county; a
 * county office starts on 已提交 (its step), the province on 审核中 (what the counties sent up).
 */
export function ApplicationsPage() {
  const { official } = useAuth();
  const { values, page, set, setPage } = useFilters(['kind', 'state', 'countyId', 'id'] as const);
  const kind = isKind(values.kind) ? values.kind : 'info_change';
  const defaultState = official?.role === 'province' ? 'in_review' : 'submitted';
  const stateValue = values.state || defaultState;
  const state = isState(stateValue) ? stateValue : undefined;
  const countyId = Number(values.countyId) || undefined;
  const selected = Number(values.id) || null;
  const counties = useCounties();
  const queue = useLoad(
    () => applicationsApi.queue({ kind, state, countyId, page, pageSize: PAGE_SIZE }),
    [kind, state, countyId, page],
  );
  const [notice, setNotice] = useState<string | null>(null);
  const counts = queue.data?.counts;
  const total = counts ? QUEUE_STATES.reduce((n, s) => n + counts[s], 0) : undefined;

  return (
    <>
      <PageHeader title="业务审核">
        审核考生提交的信息变更、免考等申请；证件变更、转入等须省考试院审核的，县（市、区）考办通过后报省。
      </PageHeader>
      <div className="tabs" role="tablist" aria-label="办理事项">
        {CANDIDATE_APPLICATION_KINDS.map((k) => (
          <button
            key={k}
            type="button"
            role="tab"
            aria-selected={k === kind}
            className={k === kind ? 'active' : undefined}
            onClick={() => set({ kind: k, id: '' })}
          >
            {CANDIDATE_APPLICATION_KIND_LABELS[k]}
          </button>
        ))}
      </div>
      <div className="card filters">
        <div className="tabs state-tabs" role="tablist" aria-label="申请状态">
          {[...QUEUE_STATES, ALL].map((s) => (
            <button
              key={s}
              type="button"
              role="tab"
              aria-selected={s === stateValue}
              className={s === stateValue ? 'active' : undefined}
              onClick={() => set({ state: s, id: '' })}
            >
              {s === ALL ? '全部' : CANDIDATE_APPLICATION_STATE_LABELS[s as CandidateApplicationState]}
              <span className="count">
                {s === ALL ? (total ?? '') : (counts?.[s as CandidateApplicationState] ?? '')}
              </span>
            </button>
          ))}
        </div>
        {counties.length > 1 && (
          <FilterSelect
            label="县（市、区）"
            value={values.countyId}
            options={counties.map((c) => ({ value: c.id, text: `${c.cityName} ${c.name}` }))}
            onChange={(id) => set({ countyId: id, id: '' })}
          />
        )}
      </div>
      <Notice message={notice} />
      <div className="split">
        <div className="card">
          <DataState state={queue} isEmpty={(r) => r.items.length === 0} empty="暂无申请">
            {(r) => (
              <>
                <table className="table" aria-label="申请列表">
                  <thead>
                    <tr>
                      <th>考生</th>
                      <th>准考证号</th>
                      <th>县（市、区）</th>
                      <th>申请内容</th>
                      <th>提交时间</th>
                      <th>状态</th>
                    </tr>
                  </thead>
                  <tbody>
                    {r.items.map((a) => (
                      <tr
                        key={a.id}
                        className={`clickable ${a.id === selected ? 'selected' : ''}`}
                        onClick={() => set({ id: String(a.id), page: String(page) })}
                      >
                        <td>{a.candidateName}</td>
                        <td className="code">{a.ticketNo}</td>
                        <td>{a.countyName ?? '—'}</td>
                        <td>
                          {applicationSummary(a)}
                          {a.finalLevel === 'province' && a.state === 'submitted' && (
                            <span className="muted small-text">（须报省）</span>
                          )}
                        </td>
                        <td>{formatTime(a.submittedAt)}</td>
                        <td>
                          <Badge value={a.state} text={stateText(a)} />
                        </td>
                      </tr>
                    ))}
                  </tbody>
                </table>
                <Pager page={r.page} pageSize={r.pageSize} total={r.total} onPage={setPage} />
              </>
            )}
          </DataState>
        </div>
        {selected && (
          <ApplicationDetail
            key={selected}
            id={selected}
            onDecided={(message) => {
              setNotice(message);
              queue.reload();
            }}
          />
        )}
      </div>
    </>
  );
}
