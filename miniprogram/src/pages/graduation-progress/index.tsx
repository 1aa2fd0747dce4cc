import type { GraduationProgressView, MyProgressView, ProgressCourseView } from '@kaowei/shared';
import { View } from '@tarojs/components';
import { useCallback } from 'react';
import { PageState } from '../../components/PageState';
import { useLoadOnShow } from '../../components/useLoad';
import { SignedOut } from '../../booking/SignedOut';
import { request } from '../../services/request';
import { session } from '../../services/session';
import '../../records/records.css';

function Courses({ title, courses, id }: { title: string; courses: ProgressCourseView[]; id: string }) {
  if (courses.length === 0) return null;
  return (
    <View id={id}>
      <View className="progress-section">{title}</View>
      {courses.map((c) => (
        <View className="score-row" key={c.courseCode}>
          <View className="score-course">
            {c.courseCode} {c.courseName}
          </View>
          <View className="score-passed hint">{c.credits}学分</View>
        </View>
      ))}
    </View>
  );
}

function TicketProgress({ progress }: { progress: GraduationProgressView }) {
  return (
    <View className="card" id={`progress-${progress.ticketNo}`}>
      <View className="card-title">
        {progress.majorName}（{progress.majorLevel}）
      </View>
      <View className="hint">准考证号 {progress.ticketNo}</View>
      <View className="progress-credits">
        已获学分 {progress.creditsEarned} / 必修课程学分 {progress.creditsNeeded}
      </View>
      <View className={`badge ${progress.complete ? 'badge-success' : 'badge-warning'}`}>
        {progress.complete ? '已修完全部必修课程' : `尚缺${progress.requiredMissing.length}门必修课程`}
      </View>
      <Courses id="progress-missing" title="未合格的必修课程" courses={progress.requiredMissing} />
      <Courses id="progress-required" title="已合格的必修课程" courses={progress.requiredPassed} />
      <Courses id="progress-electives" title="已合格的选修课程" courses={progress.electivesPassed} />
    </View>
  );
}

/** 毕业进度 (seed 004: 毕业课程与成绩): each ticket's course plan against the courses passed. */
export default function GraduationProgressPage() {
  const load = useCallback(async () => (session.get() ? request<MyProgressView>('/api/records/progress') : null), []);
  const { state, reload } = useLoadOnShow(load);
  return (
    <View className="page graduation-progress-page">
      <PageState
        state={state}
        onRetry={reload}
        isEmpty={(view) => view !== null && view.tickets.length === 0}
        empty={<View className="page-state-message">暂无专业课程计划</View>}
      >
        {(view) =>
          view === null ? <SignedOut /> : view.tickets.map((t) => <TicketProgress key={t.ticketNo} progress={t} />)
        }
      </PageState>
    </View>
  );
}
