import { Input } from '@tarojs/components';

interface Props {
  id: string;
  className: string;
  placeholder: string;
  value: string;
  onInput: (value: string) => void;
  onConfirm?: () => void;
}

/** A box for one 5-digit course code (digits keyboard). */
export function CourseCodeInput({ id, className, placeholder, value, onInput, onConfirm }: Props) {
  return (
    <Input
      id={id}
      className={className}
      type="number"
      maxlength={5}
      placeholder={placeholder}
      value={value}
      onInput={(e) => onInput(e.detail.value)}
      onConfirm={onConfirm}
    />
  );
}
