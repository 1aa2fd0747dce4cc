import type { ScoreRowView } from '@kaowei/shared';
import { View } from '@tarojs/components';
import './records.css';

/** A period's results: course, score (or grade, or 缺考), and 合格/不合格. */
export function ScoreRows({ scores }: { scores: ScoreRowView[] }) {
  return (
    <View className="score-rows">
      <View className="score-row score-head">
        <View className="score-course">课程</View>
        <View className="score-result">成绩</View>
        <View className="score-passed">结果</View>
      </View>
      {scores.map((s) => (
        <View className="score-row" key={s.courseCode} id={`score-${s.courseCode}`}>
          <View className="score-course">
            {s.courseCode} {s.courseName}
          </View>
          <View className="score-result">{s.result}</View>
          <View className="score-passed">
            <View className={`badge ${s.passed ? 'badge-success' : 'badge-danger'}`}>
              {s.passed ? '合格' : '不合格'}
            </View>
          </View>
        </View>
      ))}
    </View>
  );
}
