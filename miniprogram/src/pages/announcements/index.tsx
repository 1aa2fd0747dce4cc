import { formatBeijing, type AnnouncementSummary } from '@kaowei/shared';
import { View } from '@tarojs/components';
import Taro from '@tarojs/taro';
import { useCallback } from 'react';
import { PageState } from '../../components/PageState';
import { useLoadOnShow } from '../../components/useLoad';
import { OwnCountyBadge } from '../../notices/OwnCountyBadge';
import { request } from '../../services/request';
import '../../notices/notices.css';

/**
 * 通知公告: the province's, the candidate's city's and county's announcements, newest first, their county's on
 * top. No login needed (then only the province's).
 */
export default function AnnouncementsPage() {
  const load = useCallback(() => request<AnnouncementSummary[]>('/api/announcements'), []);
  const { state, reload } = useLoadOnShow(load);
  return (
    <View className="page announcements-page">
      <PageState
        state={state}
        onRetry={reload}
        isEmpty={(list) => list.length === 0}
        empty={<View className="page-state-message">暂无通知公告</View>}
      >
        {(list) => (
          <View className="card">
            {list.map((a) => (
              <View
                className="notice-item"
                key={a.id}
                id={`announcement-${a.id}`}
                onClick={() => void Taro.navigateTo({ url: `/pages/announcement/index?id=${a.id}` })}
              >
                <View className="notice-title">{a.title}</View>
                <View className="notice-meta hint">
                  <OwnCountyBadge show={a.ownCounty} />
                  <View>{a.scopeName}</View>
                  <View>{formatBeijing(a.publishAt)}</View>
                </View>
              </View>
            ))}
          </View>
        )}
      </PageState>
    </View>
  );
}
