import type { MyScoresView } from '@kaowei/shared';
import { View } from '@tarojs/components';
import { useEffect, useState } from 'react';
import { OptionSheet, type Option } from '../components/OptionSheet';
import { request } from '../services/request';
import type { FormInputs } from './formValues';

/** Both boxes in one choice: "periodId|courseCode". */
const keyOf = (periodId: string, courseCode: string) => (periodId && courseCode ? `${periodId}|${courseCode}` : '');

/**
 * 成绩复核: the score to review, chosen among the candidate's published scores (成绩查询), instead of typing the
 * period's number and the course code. It fills the form's `periodId` and `courseCode`.
 */
export function ScorePicker({
  inputs,
  onChange,
  problems,
}: {
  inputs: FormInputs;
  onChange: (inputs: FormInputs) => void;
  problems: Record<string, string>;
}) {
  const [options, setOptions] = useState<Option[] | null>(null);
  const [failed, setFailed] = useState(false);
  useEffect(() => {
    request<MyScoresView>('/api/records/scores').then(
      (view) =>
        setOptions(
          view.periods
            .filter((p) => p.published)
            .flatMap((p) =>
              p.scores.map((s) => ({
                value: keyOf(String(p.periodId), s.courseCode),
                label: `${p.periodName} ${s.courseCode} ${s.courseName}：${s.result}`,
              })),
            ),
        ),
      () => setFailed(true),
    );
  }, []);
  const periodId = typeof inputs.periodId === 'string' ? inputs.periodId : '';
  const courseCode = typeof inputs.courseCode === 'string' ? inputs.courseCode : '';
  const problem = problems.periodId ?? problems.courseCode;
  if (failed) return <View className="error-text">成绩加载失败，请返回后重试</View>;
  if (options === null) return <View className="hint">成绩加载中…</View>;
  if (options.length === 0) return <View className="hint">暂无已公布的成绩，无法申请成绩复核</View>;
  return (
    <>
      <OptionSheet
        id="app-field-score"
        label="复核成绩（考次及课程）"
        placeholder="请选择需要复核的成绩"
        options={options}
        value={keyOf(periodId, courseCode)}
        onChange={(v) => {
          const [p = '', c = ''] = v.split('|');
          onChange({ ...inputs, periodId: p, courseCode: c });
        }}
      />
      {problem && <View className="error-text app-field-problem">{problem}</View>}
    </>
  );
}
