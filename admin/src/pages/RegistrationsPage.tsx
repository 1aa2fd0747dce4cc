import { useState } from 'react';
import { useSearchParams } from 'react-router-dom';
import { APPLICATION_STATES, PHOTO_STATE_LABELS } from '@kaowei/shared';
import { registrationsApi } from '../api/client';
import { useAuth } from '../auth/AuthContext';
import { Badge, DataState, ErrorBanner, labelled, Notice, PageHeader, ReasonDialog } from '../components/ui';
import { APPLICATION_STATE_LABELS, formatTime, genderLabel } from '../format';
import { useAction, useLoad, useObjectUrl } from '../hooks';
import { RegistrationWindows } from './RegistrationWindows';

const STATES = labelled(APPLICATION_STATES, APPLICATION_STATE_LABELS);

/** New-candidate registrations of the official's districts: review the data and photo, approve or reject. */
export function RegistrationsPage() {
  const [params, setParams] = useSearchParams();
  const state = params.get('state') ?? 'submitted';
  const selected = Number(params.get('id')) || null;
  const list = useLoad(() => registrationsApi.list(state), [state]);
  const [notice, setNotice] = useState<string | null>(null);

  const select = (id: number | null) => setParams(id ? { state, id: String(id) } : { state });

  return (
    <>
      <PageHeader title="新生审核">审核新生注册申请；审核通过后系统生成准考证号。</PageHeader>
      <div className="tabs" role="tablist">
        {STATES.map((s) => (
          <button
            key={s.value}
            type="button"
            role="tab"
            aria-selected={s.value === state}
            className={s.value === state ? 'active' : undefined}
            onClick={() => setParams({ state: s.value })}
          >
            {s.text}
          </button>
        ))}
      </div>
      <Notice message={notice} />
      <RegistrationWindows />
      <div className="split">
        <div className="card">
          <DataState state={list} isEmpty={(r) => r.items.length === 0} empty="暂无申请">
            {({ items }) => (
              <table className="table" aria-label="注册申请列表">
                <thead>
                  <tr>
                    <th>姓名</th>
                    <th>证件号码</th>
                    <th>专业</th>
                    <th>县（市、区）</th>
                    <th>提交时间</th>
                  </tr>
                </thead>
                <tbody>
                  {items.map((a) => (
                    <tr
                      key={a.applicationId}
                      className={`clickable ${a.applicationId === selected ? 'selected' : ''}`}
                      onClick={() => select(a.applicationId)}
                    >
                      <td>{a.name}</td>
                      <td className="code">{a.idCardNoMasked}</td>
                      <td>{a.major?.name ?? '—'}</td>
                      <td>{a.county?.name ?? '—'}</td>
                      <td>{formatTime(a.submittedAt)}</td>
                    </tr>
                  ))}
                </tbody>
              </table>
            )}
          </DataState>
        </div>
        {selected && (
          <RegistrationDetail
            key={selected}
            id={selected}
            onDecided={(message) => {
              setNotice(message);
              list.reload();
            }}
          />
        )}
      </div>
    </>
  );
}

function RegistrationDetail({ id, onDecided }: { id: number; onDecided: (message: string) => void }) {
  const detail = useLoad(() => registrationsApi.get(id), [id]);
  const identity = useIdentity(id);
  const photo = usePhoto(id);
  const hasIdCardImage = detail.data?.hasIdCardImage === true;
  const idCardImage = useObjectUrl(hasIdCardImage ? () => registrationsApi.idCardImage(id) : null, [
    id,
    hasIdCardImage,
  ]);
  const [rejecting, setRejecting] = useState(false);
  const [rejectingPhoto, setRejectingPhoto] = useState(false);
  const action = useAction();

  const approve = async () => {
    const result = await action.run(() => registrationsApi.approve(id));
    if (result) {
      detail.reload();
      onDecided(`已审核通过，准考证号：${result.ticketNo ?? ''}`);
    }
  };

  const photoApproved = async () => {
    if (await action.run(() => registrationsApi.judgePhoto(id, 'approved'))) {
      detail.reload();
      onDecided('照片已审核为合格');
    }
  };

  return (
    <div className="card detail-panel" aria-label="申请详情">
      <DataState state={detail}>
        {(a) => (
          <>
            <div className="section-title">
              <h2>{a.name}</h2>
              <Badge value={a.state} text={APPLICATION_STATE_LABELS[a.state]} />
            </div>
            <div className="photo-box">
              {photo.url ? (
                <img src={photo.url} alt="证件照" className="photo" />
              ) : (
                <div className="photo placeholder">{photo.error ?? '照片加载中…'}</div>
              )}
              {a.hasIdCardImage &&
                (idCardImage.url ? (
                  <img src={idCardImage.url} alt="证件图片" className="photo" />
                ) : (
                  <div className="photo placeholder">{idCardImage.error ?? '证件图片加载中…'}</div>
                ))}
            </div>
            <div className="section-title" aria-label="照片状态">
              <span>
                照片状态：
                <Badge value={a.photo.state} text={PHOTO_STATE_LABELS[a.photo.state]} />
                {a.photo.rejections > 0 && <span className="muted small-text"> 已不合格{a.photo.rejections}次</span>}
              </span>
              {a.state === 'submitted' && a.photo.state === 'pending' && (
                <span className="form-actions">
                  <button type="button" className="danger" onClick={() => setRejectingPhoto(true)}>
                    照片不合格
                  </button>
                  <button type="button" disabled={action.pending} onClick={photoApproved}>
                    照片合格
                  </button>
                </span>
              )}
            </div>
            {a.photo.rejectReason && <p className="muted">不合格原因：{a.photo.rejectReason}</p>}
            {a.offlineCapture && (
              <p className="muted">照片已3次不合格，已提示考生到{a.offlineCapture.officeName}现场采集。</p>
            )}
            <dl className="facts">
              <dt>证件类型</dt>
              <dd>{a.documentTypeName ?? '居民身份证'}</dd>
              <dt>证件号码</dt>
              <dd className="code" aria-label="证件号码">
                {identity.data?.idCardNo ?? a.idCardNoMasked}
              </dd>
              {identity.data && (
                <>
                  <dt />
                  <dd className="muted small-text">完整号码仅供审核核对，本次查看已记入审计日志</dd>
                  <dt>出生日期</dt>
                  <dd aria-label="出生日期">{identity.data.birthDate}</dd>
                </>
              )}
              <dt>性别</dt>
              <dd>{genderLabel(a.gender)}</dd>
              <dt>民族</dt>
              <dd>{a.ethnicity ?? '—'}</dd>
              <dt>文化程度</dt>
              <dd>{a.educationName ?? '—'}</dd>
              <dt>手机</dt>
              <dd className="code">{a.phoneMasked ?? '—'}</dd>
              <dt>专业</dt>
              <dd>{a.major ? `${a.major.code} ${a.major.name}` : '—'}</dd>
              {a.newMajor && (
                <>
                  <dt>申请类型</dt>
                  <dd>在籍考生报考新专业（通过后在原考籍下增发准考证，密码不变）</dd>
                </>
              )}
              <dt>县（市、区）</dt>
              <dd>{a.county?.name ?? '—'}</dd>
              <dt>提交时间</dt>
              <dd>{formatTime(a.submittedAt)}</dd>
              <dt>同意须知</dt>
              <dd>{a.termsAcceptedAt ? formatTime(a.termsAcceptedAt) : '—'}</dd>
              <dt>审核截止</dt>
              <dd>{a.reviewClosesAt ? formatTime(a.reviewClosesAt) : '—'}</dd>
              {a.ticketNo && (
                <>
                  <dt>准考证号</dt>
                  <dd className="code">{a.ticketNo}</dd>
                </>
              )}
              {a.rejectReason && (
                <>
                  <dt>不通过原因</dt>
                  <dd>{a.rejectReason}</dd>
                </>
              )}
            </dl>
            <ErrorBanner message={action.error} />
            {a.state === 'submitted' && (
              <div className="form-actions">
                <button type="button" className="danger" onClick={() => setRejecting(true)}>
                  不通过
                </button>
                <button type="button" className="primary" disabled={action.pending} onClick={approve}>
                  审核通过
                </button>
              </div>
            )}
            {rejectingPhoto && (
              <ReasonDialog
                title="照片不合格"
                description="原因将告知考生，考生重新上传照片；满3次不合格提示考生到考区现场采集。"
                confirmText="确认不合格"
                onClose={() => setRejectingPhoto(false)}
                onConfirm={async (reason) => {
                  await registrationsApi.judgePhoto(id, 'rejected', reason);
                  detail.reload();
                  onDecided('照片已审核为不合格');
                }}
              />
            )}
            {rejecting && (
              <ReasonDialog
                title="审核不通过"
                description="原因将告知考生，考生可据此修改后重新提交。"
                confirmText="确认不通过"
                onClose={() => setRejecting(false)}
                onConfirm={async (reason) => {
                  await registrationsApi.reject(id, reason);
                  detail.reload();
                  onDecided('已审核不通过');
                }}
              />
            )}
          </>
        )}
      </DataState>
    </div>
  );
}

/**
 * The full ID number for the provincial office and the county the application was made to (the server
 * audits each view and refuses everyone else); a city office reviews with the masked number.
 */
function useIdentity(id: number) {
  const { official } = useAuth();
  const allowed = official?.role === 'province' || official?.role === 'county';
  return useLoad(allowed ? () => registrationsApi.identity(id) : null, [id, allowed]);
}

/** The photo is fetched with the bearer token and shown through an object URL. */
function usePhoto(id: number) {
  return useObjectUrl(() => registrationsApi.photo(id), [id]);
}
