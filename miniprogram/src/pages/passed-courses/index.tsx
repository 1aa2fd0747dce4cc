import type { MyPassedCoursesView, PassedCourseView } from '@kaowei/shared';
import { View } from '@tarojs/components';
import { useCallback } from 'react';
import { PageState } from '../../components/PageState';
import { useLoadOnShow } from '../../components/useLoad';
import { SignedOut } from '../../booking/SignedOut';
import { request } from '../../services/request';
import { session } from '../../services/session';
import '../../records/records.css';

const result = (c: PassedCourseView) => (c.score != null ? String(c.score) : (c.grade ?? ''));

/** 已合格课程 (seed 004): every passed course of the candidate's tickets, with how and when it was passed. */
export default function PassedCoursesPage() {
  const load = useCallback(
    async () => (session.get() ? request<MyPassedCoursesView>('/api/records/passed') : null),
    [],
  );
  const { state, reload } = useLoadOnShow(load);
  return (
    <View className="page passed-courses-page">
      <PageState
        state={state}
        onRetry={reload}
        isEmpty={(view) => view !== null && view.courses.length === 0}
        empty={<View className="page-state-message">暂无已合格课程</View>}
      >
        {(view) =>
          view === null ? (
            <SignedOut />
          ) : (
            <View className="card">
              <View className="score-row score-head">
                <View className="score-course">课程</View>
                <View className="score-result">成绩</View>
                <View className="score-passed">合格方式</View>
              </View>
              {view.courses.map((c) => (
                <View className="score-row" key={`${c.ticketNo}-${c.courseCode}`} id={`passed-${c.courseCode}`}>
                  <View className="score-course">
                    <View>
                      {c.courseCode} {c.courseName}
                    </View>
                    <View className="hint">
                      考次 {c.periodCode} · {c.credits}学分
                    </View>
                  </View>
                  <View className="score-result">{result(c)}</View>
                  <View className="score-passed">
                    <View className="badge badge-success">{c.passedByLabel}</View>
                  </View>
                </View>
              ))}
            </View>
          )
        }
      </PageState>
    </View>
  );
}
