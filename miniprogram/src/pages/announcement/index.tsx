import { announcementParagraphs, formatBeijing, type AnnouncementDetail } from '@kaowei/shared';
import { View } from '@tarojs/components';
import { useRouter } from '@tarojs/taro';
import { useCallback } from 'react';
import { PageState } from '../../components/PageState';
import { useLoadOnShow } from '../../components/useLoad';
import { request } from '../../services/request';
import '../../notices/notices.css';

/** 公告详情: title, whom it is for, when it was published, and its paragraphs. */
export default function AnnouncementPage() {
  const { params } = useRouter();
  const load = useCallback(
    () => request<AnnouncementDetail>(`/api/announcements/${encodeURIComponent(params.id ?? '')}`, { quiet: true }),
    [params.id],
  );
  const { state, reload } = useLoadOnShow(load);
  return (
    <View className="page announcement-page">
      <PageState state={state} onRetry={reload}>
        {(a) => (
          <View className="card" id="announcement-detail">
            <View className="card-title">{a.title}</View>
            <View className="hint">
              {a.scopeName} · 发布时间 {formatBeijing(a.publishAt)}
            </View>
            {announcementParagraphs(a.body).map((paragraph, i) => (
              <View className="notice-paragraph" key={i}>
                {paragraph}
              </View>
            ))}
          </View>
        )}
      </PageState>
    </View>
  );
}
