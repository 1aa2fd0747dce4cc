import { formatBeijing, type ApplicationKindView } from '@kaowei/shared';
import { View } from '@tarojs/components';
import Taro from '@tarojs/taro';
import { useCallback } from 'react';
import { PageState } from '../../components/PageState';
import { useLoadOnShow } from '../../components/useLoad';
import { SignedOut } from '../../booking/SignedOut';
import { applicationsApi } from '../../applications/applicationsApi';
import { session } from '../../services/session';
import '../../applications/applications.css';

function stateOf(kind: ApplicationKindView): { label: string; badge: string } {
  if (!kind.available) return { label: '暂未开通网上办理', badge: '' };
  if (kind.openNow) return { label: '办理中', badge: 'badge-success' };
  return { label: kind.window ? '未开始' : '未开放', badge: 'badge-warning' };
}

function KindCard({ kind }: { kind: ApplicationKindView }) {
  const state = stateOf(kind);
  const open = kind.available && kind.openNow;
  return (
    <View
      className={`card app-kind ${open ? '' : 'app-kind-closed'}`}
      id={`app-kind-${kind.kind}`}
      onClick={() => open && void Taro.navigateTo({ url: `/pages/application-form/index?kind=${kind.kind}` })}
    >
      <View className="row">
        <View className="card-title app-kind-title">{kind.label}</View>
        <View className={`badge ${state.badge}`}>{state.label}</View>
      </View>
      <View className="hint">
        {kind.window
          ? `办理时间：${formatBeijing(kind.window.opensAt)} 至 ${formatBeijing(kind.window.closesAt)}`
          : '暂无办理时间安排'}
      </View>
      <View className="hint">{kind.available ? '网上办理' : '请关注考试院通知，或前往考区现场办理'}</View>
      {open && <View className="link app-kind-start">立即办理 ›</View>}
    </View>
  );
}

/** 业务办理 (seed 000's 项目): each kind with its dates; an open one handled online starts from here. */
export default function ApplicationsPage() {
  const load = useCallback(async () => (session.get() ? applicationsApi.kinds() : null), []);
  const { state, reload } = useLoadOnShow(load);
  return (
    <View className="page applications-page">
      <PageState state={state} onRetry={reload}>
        {(view) =>
          view === null ? (
            <SignedOut />
          ) : (
            <>
              <View
                className="card row app-mine-link"
                id="app-my-applications"
                onClick={() => void Taro.navigateTo({ url: '/pages/my-applications/index' })}
              >
                <View>我的申请</View>
                <View className="link">查看办理进度 ›</View>
              </View>
              <View className="hint app-kinds-hint">只有在办理时间内，才能选择事项进行办理</View>
              {view.kinds.map((k) => (
                <KindCard key={k.kind} kind={k} />
              ))}
            </>
          )
        }
      </PageState>
    </View>
  );
}
