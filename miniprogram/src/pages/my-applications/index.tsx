import { formatBeijing, type ApplicationView } from '@kaowei/shared';
import { Button, View } from '@tarojs/components';
import Taro from '@tarojs/taro';
import { useCallback } from 'react';
import { PageState } from '../../components/PageState';
import { useLoadOnShow } from '../../components/useLoad';
import { SignedOut } from '../../booking/SignedOut';
import { applicationsApi } from '../../applications/applicationsApi';
import { STATE_BADGES } from '../../applications/stateBadge';
import { session } from '../../services/session';
import '../../applications/applications.css';

function ApplicationRow({ application: a }: { application: ApplicationView }) {
  return (
    <View
      className="card app-row"
      id={`my-application-${a.id}`}
      onClick={() => void Taro.navigateTo({ url: `/pages/application-detail/index?id=${a.id}` })}
    >
      <View className="row">
        <View className="app-row-kind">{a.kindLabel}</View>
        <View className={`badge ${STATE_BADGES[a.state]}`}>{a.stateLabel}</View>
      </View>
      <View className="hint">
        {a.submittedAt ? `提交时间 ${formatBeijing(a.submittedAt)}` : `创建时间 ${formatBeijing(a.createdAt)}`}
      </View>
      {a.rejectReason && <View className="error-text">未通过原因：{a.rejectReason}</View>}
    </View>
  );
}

/** 我的申请: every application of the ticket, newest first, with its state; tap one for the detail. */
export default function MyApplicationsPage() {
  const load = useCallback(async () => (session.get() ? applicationsApi.mine() : null), []);
  const { state, reload } = useLoadOnShow(load);
  return (
    <View className="page my-applications-page">
      <PageState
        state={state}
        onRetry={reload}
        isEmpty={(view) => view !== null && view.items.length === 0}
        empty={
          <>
            <View className="page-state-message">暂无申请记录</View>
            <Button className="btn-primary" onClick={() => void Taro.navigateTo({ url: '/pages/applications/index' })}>
              去办理
            </Button>
          </>
        }
      >
        {(view) =>
          view === null ? <SignedOut /> : view.items.map((a) => <ApplicationRow key={a.id} application={a} />)
        }
      </PageState>
    </View>
  );
}
