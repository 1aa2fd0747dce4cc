import {
  PRACTICAL_GRADES,
  SCORE_MARK_LABELS,
  type ScoreCorrectionInput,
  type ScoreMark,
  type ScoreView,
} from '@kaowei/shared';
import { Field } from '../../components/ui';

export const resultText = (s: Pick<ScoreView, 'score' | 'grade' | 'mark'>) =>
  s.mark ? SCORE_MARK_LABELS[s.mark] : s.grade !== null ? s.grade : s.score === null ? '—' : `${s.score}分`;

export type CorrectionKind = 'score' | 'grade' | 'mark';

export interface CorrectionDraft {
  kind: CorrectionKind;
  value: string;
  reason: string;
}

export const EMPTY_CORRECTION: CorrectionDraft = { kind: 'score', value: '', reason: '' };

/** Whether the draft can be sent (the server checks the rest). */
export const correctionReady = (d: CorrectionDraft) => d.value !== '' && d.reason.trim().length >= 2;

/** The 成绩更正 body: exactly one of score, grade or mark, and why. */
export function correctionInput({ kind, value, reason }: CorrectionDraft): ScoreCorrectionInput {
  if (kind === 'score') return { score: value === '' ? null : Number(value), reason };
  if (kind === 'grade') return { grade: (value || null) as (typeof PRACTICAL_GRADES)[number] | null, reason };
  return { mark: (value || null) as ScoreMark | null, reason };
}

/** 更正为 成绩 / 等级 / 标记, the new result and the reason (成绩更正 and 成绩复核's outcome). */
export function CorrectionFields({
  draft,
  onChange,
}: {
  draft: CorrectionDraft;
  onChange: (next: CorrectionDraft) => void;
}) {
  const { kind, value, reason } = draft;
  return (
    <>
      <Field label="更正为">
        <select
          aria-label="更正类型"
          value={kind}
          onChange={(e) => onChange({ ...draft, kind: e.target.value as CorrectionKind, value: '' })}
        >
          <option value="score">成绩</option>
          <option value="grade">等级</option>
          <option value="mark">标记</option>
        </select>
      </Field>
      {kind === 'score' ? (
        <Field label="成绩">
          <input
            aria-label="新成绩"
            type="number"
            min={0}
            max={100}
            value={value}
            onChange={(e) => onChange({ ...draft, value: e.target.value })}
          />
        </Field>
      ) : (
        <Field label={kind === 'grade' ? '等级' : '标记'}>
          <select aria-label="新结果" value={value} onChange={(e) => onChange({ ...draft, value: e.target.value })}>
            <option value="">请选择</option>
            {(kind === 'grade' ? PRACTICAL_GRADES.map((g) => [g, g]) : Object.entries(SCORE_MARK_LABELS)).map(
              ([v, text]) => (
                <option key={v} value={v}>
                  {text}
                </option>
              ),
            )}
          </select>
        </Field>
      )}
      <Field label="更正原因">
        <input aria-label="更正原因" value={reason} onChange={(e) => onChange({ ...draft, reason: e.target.value })} />
      </Field>
    </>
  );
}
