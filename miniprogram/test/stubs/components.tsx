import type { ChangeEvent, ReactNode } from 'react';

/** Plain-DOM stand-ins for the Taro components the pages use; events carry `detail.value` as Taro's do. */
type Props = { children?: ReactNode; className?: string; id?: string; [key: string]: unknown };

export const View = ({ children, className, id, onClick }: Props) => (
  <div className={className} id={id} onClick={onClick as () => void}>
    {children}
  </div>
);
export const Text = ({ children, className }: Props) => <span className={className}>{children}</span>;
export const Image = ({ src }: Props) => <img src={src as string} alt="" />;
export const Button = ({ children, id, disabled, onClick }: Props) => (
  <button id={id} disabled={disabled as boolean} onClick={onClick as () => void}>
    {children}
  </button>
);
export const Input = ({ id, value, placeholder, onInput, type, maxlength }: Props) => (
  <input
    id={id}
    value={value as string}
    placeholder={placeholder as string}
    inputMode={type === 'number' ? 'numeric' : undefined}
    maxLength={maxlength as number}
    onChange={(e: ChangeEvent<HTMLInputElement>) =>
      (onInput as ((e: { detail: { value: string } }) => void) | undefined)?.({ detail: { value: e.target.value } })
    }
  />
);
