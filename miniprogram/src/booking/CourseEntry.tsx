import { Button, View } from '@tarojs/components';
import Taro from '@tarojs/taro';
import { useState } from 'react';
import { CourseCodeInput } from './CourseCodeInput';

interface Props {
  periodId: number;
  /** Places a typed code in its unit's slot; answers why it cannot, or null when placed. */
  onAdd: (code: string) => string | null;
}

/** 输入报考科目: a 5-digit code on the numeric keypad, or a pick from the offered courses' list. */
export function CourseEntry({ periodId, onAdd }: Props) {
  const [code, setCode] = useState('');
  const [error, setError] = useState<string | null>(null);
  const add = () => {
    const problem = onAdd(code);
    setError(problem);
    if (!problem) setCode('');
  };
  return (
    <View className="card course-entry">
      <View className="card-title">输入报考科目</View>
      <View className="field">
        <CourseCodeInput
          id="course-code"
          className="field-input code-input"
          placeholder="输入5位课程代码"
          value={code}
          onInput={setCode}
          onConfirm={add}
        />
        <Button id="add-course" size="mini" className="add-course" onClick={add}>
          填入
        </Button>
      </View>
      {error && <View className="error-text entry-error">{error}</View>}
      <View
        className="link courses-link"
        onClick={() => void Taro.navigateTo({ url: `/pages/courses/index?periodId=${periodId}` })}
      >
        查看开考课程 ›
      </View>
    </View>
  );
}
