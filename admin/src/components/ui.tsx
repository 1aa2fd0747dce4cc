import { useState, type FormEvent, type ReactNode } from 'react';
import { useAction } from '../hooks';

export function PageHeader({ title, actions, children }: { title: string; actions?: ReactNode; children?: ReactNode }) {
  return (
    <div className="page-header">
      <div>
        <h1>{title}</h1>
        {children && <p className="muted">{children}</p>}
      </div>
      {actions && <div className="actions">{actions}</div>}
    </div>
  );
}

export function ErrorBanner({ message, onRetry }: { message: string | null; onRetry?: () => void }) {
  if (!message) return null;
  return (
    <div className="banner error" role="alert">
      <span>{message}</span>
      {onRetry && (
        <button type="button" className="link" onClick={onRetry}>
          重试
        </button>
      )}
    </div>
  );
}

export function Notice({ message, kind = 'success' }: { message: string | null; kind?: 'success' | 'info' }) {
  if (!message) return null;
  return (
    <div className={`banner ${kind}`} role="status">
      {message}
    </div>
  );
}

/** Loading, error and empty states around a page's data. */
export function DataState<T>({
  state,
  isEmpty,
  empty = '暂无数据',
  children,
}: {
  state: { data: T | undefined; error: string | null; loading: boolean; reload: () => void };
  isEmpty?: (data: T) => boolean;
  empty?: string;
  children: (data: T) => ReactNode;
}) {
  if (state.error) return <ErrorBanner message={state.error} onRetry={state.reload} />;
  if (state.data === undefined) return state.loading ? <div className="loading">加载中…</div> : null;
  if (isEmpty?.(state.data)) return <div className="empty">{empty}</div>;
  return <div className={state.loading ? 'refreshing' : undefined}>{children(state.data)}</div>;
}

export function Pager({
  page,
  pageSize,
  total,
  onPage,
}: {
  page: number;
  pageSize: number;
  total: number;
  onPage: (page: number) => void;
}) {
  const pages = Math.max(1, Math.ceil(total / pageSize));
  return (
    <div className="pager">
      <span className="muted">
        共 {total} 条，第 {page}/{pages} 页
      </span>
      <button type="button" disabled={page <= 1} onClick={() => onPage(page - 1)}>
        上一页
      </button>
      <button type="button" disabled={page >= pages} onClick={() => onPage(page + 1)}>
        下一页
      </button>
    </div>
  );
}

/** A state as a coloured label; `text` is the server's Chinese label when it sent one. */
export function Badge({ value, text }: { value: string | null | undefined; text?: string | null }) {
  return <span className={`badge badge-${value ?? 'none'}`}>{text ?? value ?? '—'}</span>;
}

/** A row's 删除 link that asks in place: 确认删除 / 取消 while `asking`. */
export function ConfirmDelete({
  asking,
  onAsk,
  onCancel,
  onConfirm,
}: {
  asking: boolean;
  onAsk: () => void;
  onCancel: () => void;
  onConfirm: () => void;
}) {
  if (!asking) {
    return (
      <button type="button" className="link" onClick={onAsk}>
        删除
      </button>
    );
  }
  return (
    <>
      <button type="button" className="link danger-text" onClick={onConfirm}>
        确认删除
      </button>
      <button type="button" className="link" onClick={onCancel}>
        取消
      </button>
    </>
  );
}

export function Modal({ title, onClose, children }: { title: string; onClose: () => void; children: ReactNode }) {
  return (
    <div className="modal-backdrop" onMouseDown={(e) => e.target === e.currentTarget && onClose()}>
      <div className="modal" role="dialog" aria-modal="true" aria-label={title}>
        <div className="modal-title">
          <h2>{title}</h2>
          <button type="button" className="link" aria-label="关闭" onClick={onClose}>
            ×
          </button>
        </div>
        {children}
      </div>
    </div>
  );
}

/** A change an official makes for someone else: the reason is required and goes to the audit log. */
export function ReasonDialog({
  title,
  description,
  confirmText = '确定',
  label = '原因',
  onConfirm,
  onClose,
  children,
}: {
  title: string;
  description?: ReactNode;
  /** Fields asked for with the reason (a ticket's new status). */
  children?: ReactNode;
  confirmText?: string;
  /** What the text is called: 原因 for a decision, 处理说明 for a settlement. */
  label?: string;
  onConfirm: (reason: string) => Promise<unknown>;
  onClose: () => void;
}) {
  const [reason, setReason] = useState('');
  const action = useAction();
  const submit = async (e: FormEvent) => {
    e.preventDefault();
    const done = await action.run(async () => {
      await onConfirm(reason);
      return true;
    });
    if (done) onClose();
  };
  return (
    <Modal title={title} onClose={onClose}>
      <form onSubmit={submit} className="form">
        {description && <div className="muted">{description}</div>}
        {children}
        <label className="field">
          <span>{label}（必填，记入审计日志）</span>
          <textarea name="reason" rows={3} value={reason} onChange={(e) => setReason(e.target.value)} autoFocus />
        </label>
        <ErrorBanner message={action.error} />
        <div className="form-actions">
          <button type="button" onClick={onClose}>
            取消
          </button>
          <button type="submit" className="primary" disabled={action.pending}>
            {action.pending ? '处理中…' : confirmText}
          </button>
        </div>
      </form>
    </Modal>
  );
}

export function Field({ label: text, children, hint }: { label: string; children: ReactNode; hint?: string }) {
  return (
    <label className="field">
      <span>{text}</span>
      {children}
      {hint && <small className="muted">{hint}</small>}
    </label>
  );
}

/** A list filter: "全部" (empty value) or one of `options`, each shown by its Chinese label. */
export function FilterSelect({
  label: text,
  value,
  options,
  onChange,
}: {
  label: string;
  value: string;
  options: ReadonlyArray<{ value: string | number; text: string }>;
  onChange: (value: string) => void;
}) {
  return (
    <label className="inline-field">
      <span>{text}</span>
      <select aria-label={text} value={value} onChange={(e) => onChange(e.target.value)}>
        <option value="">全部</option>
        {options.map((o) => (
          <option key={o.value} value={o.value}>
            {o.text}
          </option>
        ))}
      </select>
    </label>
  );
}

/** Options for FilterSelect from a list of states and their labels. */
export const labelled = <T extends string>(values: readonly T[], labels: Record<T, string>) =>
  values.map((value) => ({ value, text: labels[value] }));

/** A list's filter card: the given filters, a search box, and 查询, which submits the trimmed text. */
export function SearchForm({
  label: text,
  placeholder,
  initial,
  onSearch,
  children,
}: {
  label: string;
  placeholder: string;
  initial: string;
  onSearch: (q: string) => void;
  children?: ReactNode;
}) {
  const [q, setQ] = useState(initial);
  return (
    <form
      className="card filters"
      role="search"
      onSubmit={(e) => {
        e.preventDefault();
        onSearch(q.trim());
      }}
    >
      {children}
      <input
        name="q"
        aria-label={text}
        placeholder={placeholder}
        value={q}
        onChange={(e) => setQ(e.target.value)}
        className="wide"
      />
      <button type="submit" className="primary">
        查询
      </button>
    </form>
  );
}

/** A progress bar (0–1) with what is going on written over it. */
export function ProgressBar({ value, text }: { value: number; text: string }) {
  return (
    <div
      className="progress"
      role="progressbar"
      aria-valuenow={Math.round(value * 100)}
      aria-valuemin={0}
      aria-valuemax={100}
    >
      <div className="progress-bar" style={{ width: `${Math.max(5, value * 100)}%` }} />
      <span>{text}</span>
    </div>
  );
}
