import { View } from '@tarojs/components';
import Taro, { useRouter } from '@tarojs/taro';
import { useCallback, useState } from 'react';
import { PageState } from '../../components/PageState';
import { useLoadOnShow } from '../../components/useLoad';
import { bookingApi, type UnitCourses } from '../../booking/bookingApi';
import { courseBasket } from '../../booking/courseBasket';
import '../../booking/booking.css';

/** 查看开考课程: offered courses by exam unit, the candidate's own major first; tapping one fills it in. */
export default function CoursesPage() {
  const { params } = useRouter();
  const [showAll, setShowAll] = useState(false);
  const load = useCallback(async (): Promise<UnitCourses[]> => {
    const periodId = Number(params.periodId) || (await bookingApi.currentPeriod()).periodId;
    return bookingApi.courses(periodId);
  }, [params.periodId]);
  const { state, reload } = useLoadOnShow(load);

  const pick = (code: string) => {
    courseBasket.add(code);
    void Taro.showToast({ title: `已填入 ${code}`, icon: 'none', duration: 1200 });
    void Taro.navigateBack();
  };

  return (
    <View className="page courses-page">
      <PageState
        state={state}
        onRetry={reload}
        isEmpty={(units) => units.every((u) => u.courses.length === 0)}
        empty="本次考试暂无开考课程"
      >
        {(units) => {
          const hasOwn = units.some((u) => u.courses.some((c) => c.ownMajor));
          const others = units.reduce((n, u) => n + u.courses.filter((c) => !c.ownMajor).length, 0);
          return (
            <>
              <View className="hint">点击课程即可填入报考页面。每个考试单元只能报考一门课程。</View>
              {units.map((unit, index) => {
                const courses = unit.courses.filter((c) => c.ownMajor || showAll || !hasOwn);
                return (
                  <View className="card" key={unit.unitId}>
                    <View className="card-title">
                      第{index + 1}单元 {unit.label}
                    </View>
                    {courses.length === 0 && <View className="hint">本专业在该单元没有开考课程</View>}
                    {courses.map((course) => (
                      <View className="row course-row" key={course.code} onClick={() => pick(course.code)}>
                        <View>
                          <View className="course-code">{course.code}</View>
                          <View className="course-name">
                            {course.name}（{course.credits}学分）
                          </View>
                        </View>
                        {course.ownMajor && hasOwn && <View className="badge badge-success">本专业</View>}
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
