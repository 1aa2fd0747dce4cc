import { View } from '@tarojs/components';
import Taro, { useRouter } from '@tarojs/taro';
import { useCallback, useState } from 'react';
import { PageState } from '../../components/PageState';
import { useLoadOnShow } from '../../components/useLoad';
import { bookingApi, type CourseList } from '../../booking/bookingApi';
import { courseBasket } from '../../booking/courseBasket';
import '../../booking/booking.css';

/**
 * 查看开考课程: offered courses by exam unit, the candidate's own major first, passed ones marked 已合格
 * (they may be booked again); tapping one fills it in. Under a closed major its plan courses are marked 已停考
 * and cannot be picked.
 */
export default function CoursesPage() {
  const { params } = useRouter();
  const [showAll, setShowAll] = useState(false);
  const load = useCallback(async (): Promise<CourseList> => {
    const periodId = Number(params.periodId) || (await bookingApi.currentPeriod()).periodId;
    return bookingApi.courseList(periodId);
  }, [params.periodId]);
  const { state, reload } = useLoadOnShow(load);

  const pick = (code: string, closedMajor: boolean) => {
    if (closedMajor) {
      void Taro.showToast({ title: '本专业已停考，该课程不能以此准考证报考', icon: 'none', duration: 2000 });
      return;
    }
    courseBasket.add(code);
    void Taro.showToast({ title: `已填入 ${code}`, icon: 'none', duration: 1200 });
    void Taro.navigateBack();
  };

  return (
    <View className="page courses-page">
      <PageState
        state={state}
        onRetry={reload}
        isEmpty={({ units }) => units.every((u) => u.courses.length === 0)}
        empty="本次考试暂无开考课程"
      >
        {({ major, units }) => {
          const hasOwn = units.some((u) => u.courses.some((c) => c.ownMajor));
          const others = units.reduce((n, u) => n + u.courses.filter((c) => !c.ownMajor).length, 0);
          return (
            <>
              <View className="hint">点击课程即可填入报考页面。每个考试单元只能报考一门课程。</View>
              {units.some((u) => u.courses.some((c) => c.passed)) && (
                <View className="hint">标有“已合格”的课程已取得合格成绩，无需再考；如需再次报考仍可选择。</View>
              )}
              {major && major.status !== 'open' && (
                <View className="card major-status">
                  {major.name}：{major.statusText}。
                  {major.status === 'closed'
                    ? '本专业课程不再接受该准考证报考，如需继续参加考试，请联系所在县（市、区）自考办。'
                    : '过渡期内可继续报考本专业课程。'}
                </View>
              )}
              {units.map((unit, index) => {
                const courses = unit.courses.filter((c) => c.ownMajor || showAll || !hasOwn);
                return (
                  <View className="card" key={unit.unitId}>
                    <View className="card-title">
                      第{index + 1}单元 {unit.label}
                    </View>
                    {courses.length === 0 && <View className="hint">本专业在该单元没有开考课程</View>}
                    {courses.map((course) => (
                      <View
                        className="row course-row"
                        key={course.code}
                        onClick={() => pick(course.code, course.closedMajor)}
                      >
                        <View>
                          <View className="course-code">{course.code}</View>
                          <View className="course-name">
                            {course.name}（{course.credits}学分）
                          </View>
                        </View>
                        <View>
                          {course.passed && <View className="badge badge-warning">已合格</View>}
                          {course.closedMajor && <View className="badge badge-danger">已停考</View>}
                          {course.ownMajor && hasOwn && !course.closedMajor && (
                            <View className="badge badge-success">本专业</View>
                          )}
                        </View>
                      </View>
                    ))}
                  </View>
                );
              })}
              {hasOwn && others > 0 && (
                <View className="link show-all" onClick={() => setShowAll(!showAll)}>
                  {showAll ? '只看本专业课程' : `显示全部（另有 ${others} 门其他专业课程）`}
                </View>
              )}
            </>
          );
        }}
      </PageState>
    </View>
  );
}
