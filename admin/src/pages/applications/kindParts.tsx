import type { AdminApplicationView, ScoreReviewOutcomeInput, TransferInForm } from '@kaowei/shared';
import { applicationsApi, scoresApi } from '../../api/client';
import { DataState, ErrorBanner, Field } from '../../components/ui';
import { useAction, useLoad } from '../../hooks';
import {
  CorrectionFields,
  correctionInput,
  correctionReady,
  EMPTY_CORRECTION,
  resultText,
  type CorrectionDraft,
} from '../scores/scoreCorrectionFields';

/** 转入: the courses passed elsewhere, one row each. */
export function TransferInCourses({ application: a }: { application: AdminApplicationView }) {
  const courses = Array.isArray(a.form.courses) ? (a.form.courses as TransferInForm['courses']) : [];
  return (
    <table className="table" aria-label="转入课程">
      <thead>
        <tr>
          <th>课程代码</th>
          <th>考试年月</th>
          <th>成绩</th>
        </tr>
      </thead>
      <tbody>
        {courses.map((c, i) => (
          <tr key={i}>
            <td className="code">{c.courseCode}</td>
            <td>{c.periodCode}</td>
            <td>{c.score ?? '合格'}</td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}

/** 成绩复核: the score under review as it stands now (the province's score lookup; counties do not have it). */
export function ScoreUnderReview({ application: a }: { application: AdminApplicationView }) {
  const periodId = Number(a.form.periodId);
  const courseCode = String(a.form.courseCode ?? '');
  const loaded = useLoad(
    () =>
      Promise.all([
        scoresApi.find({ periodId, ticketNo: a.ticketNo, courseCode }),
        scoresApi.periods().then((all) => all.find((p) => p.id === periodId) ?? null),
      ]),
    [periodId, a.ticketNo, courseCode, a.state],
  );
  return (
    <DataState state={loaded}>
      {([score, period]) => (
        <dl className="facts" aria-label="复核成绩">
          <dt>考次</dt>
          <dd>{period ? `${period.name}（${period.code}）` : periodId}</dd>
          <dt>课程</dt>
          <dd>
            {score.courseCode} {score.courseName}
          </dd>
          <dt>现有成绩</dt>
          <dd>
            <strong>{resultText(score)}</strong>（{score.passed ? '合格' : '不合格'}）
          </dd>
        </dl>
      )}
    </DataState>
  );
}

export interface ScoreReviewChoice {
  result: '' | 'unchanged' | 'corrected';
  correction: CorrectionDraft;
}

export const NO_CHOICE: ScoreReviewChoice = { result: '', correction: EMPTY_CORRECTION };

/** The outcome the province's approval carries, or null while it is incomplete. */
export function scoreReviewOutcome(choice: ScoreReviewChoice): ScoreReviewOutcomeInput | null {
  if (choice.result === 'unchanged') return { result: 'unchanged' };
  if (choice.result === 'corrected' && correctionReady(choice.correction)) {
    return { result: 'corrected', correction: correctionInput(choice.correction) };
  }
  return null;
}

/** 复核结果 entered with the final approval: 成绩无误, or 成绩有误 with the corrected result and why. */
export function ScoreReviewOutcomeFields({
  choice,
  onChange,
}: {
  choice: ScoreReviewChoice;
  onChange: (next: ScoreReviewChoice) => void;
}) {
  return (
    <fieldset className="import-controls outcome-fields" aria-label="复核结论">
      <Field label="复核结果">
        <select
          aria-label="复核结果"
          value={choice.result}
          onChange={(e) => onChange({ ...choice, result: e.target.value as ScoreReviewChoice['result'] })}
        >
          <option value="">请选择</option>
          <option value="unchanged">成绩无误</option>
          <option value="corrected">成绩有误，更正成绩</option>
        </select>
      </Field>
      {choice.result === 'corrected' && (
        <CorrectionFields draft={choice.correction} onChange={(correction) => onChange({ ...choice, correction })} />
      )}
    </fieldset>
  );
}

/** 转出证明 of an approved 转出, fetched with the token and saved. */
export function TransferCertificateButton({ applicationId }: { applicationId: number }) {
  const action = useAction();
  return (
    <div className="form-actions">
      <button
        type="button"
        className="primary"
        disabled={action.pending}
        onClick={() => void action.run(() => applicationsApi.transferCertificate(applicationId))}
      >
        下载转出证明
      </button>
      <ErrorBanner message={action.error} />
    </div>
  );
}
