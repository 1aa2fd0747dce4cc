import { formatBeijing, type MyScoresView, type ScorePeriodView } from '@kaowei/shared';
import { View } from '@tarojs/components';
import { useCallback } from 'react';
import { PageState } from '../../components/PageState';
import { SubscribeButton } from '../../components/SubscribeButton';
import { useLoadOnShow } from '../../components/useLoad';
import { SignedOut } from '../../booking/SignedOut';
import { ScoreRows } from '../../records/ScoreRows';
import { request } from '../../services/request';
import { session } from '../../services/session';

function PeriodCard({ period }: { period: ScorePeriodView }) {
  return (
    <View className="card" id={`scores-${period.periodId}`}>
      <View className="card-title">{period.periodName}</View>
      {period.published ? (
        <ScoreRows scores={period.scores} />
      ) : (
        <View className="hint score-pending">
          {period.publishAt ? `成绩将于 ${formatBeijing(period.publishAt)} 公布` : '成绩尚未公布'}
        </View>
      )}
    </View>
  );
}

/** 成绩查询 (我的 → 成绩查询): each period's scores once published, else when they will be. */
export default function MyScoresPage() {
  const load = useCallback(async () => (session.get() ? request<MyScoresView>('/api/records/scores') : null), []);
  const { state, reload } = useLoadOnShow(load);
  return (
    <View className="page my-scores-page">
      <SubscribeButton moment="scoresPage" />
      <PageState
        state={state}
        onRetry={reload}
        isEmpty={(view) => view !== null && view.periods.length === 0}
        empty={<View className="page-state-message">暂无成绩记录</View>}
      >
        {(view) =>
          view === null ? <SignedOut /> : view.periods.map((p) => <PeriodCard key={p.periodId} period={p} />)
        }
      </PageState>
    </View>
  );
}
