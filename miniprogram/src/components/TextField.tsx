import { Input, View } from '@tarojs/components';
import type { ReactNode } from 'react';

interface Props {
  id: string;
  label: string;
  value: string;
  onInput: (value: string) => void;
  placeholder?: string;
  type?: 'text' | 'number' | 'idcard' | 'digit';
  password?: boolean;
  maxlength?: number;
  disabled?: boolean;
  /** Something beside the box, e.g. the 获取验证码 button. */
  children?: ReactNode;
}

/** One labelled input line of a form. */
export function TextField({
  id,
  label,
  value,
  onInput,
  placeholder,
  type = 'text',
  password,
  maxlength,
  disabled,
  children,
}: Props) {
  return (
    <View className="field">
      <View className="field-label">{label}</View>
      <Input
        id={id}
        className="field-input"
        type={type}
        password={password}
        maxlength={maxlength ?? 64}
        placeholder={placeholder}
        value={value}
        disabled={disabled}
        onInput={(e) => onInput(e.detail.value)}
      />
      {children}
    </View>
  );
}
