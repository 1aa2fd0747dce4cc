import { Modal } from '../../components/ui';

/** A password the server made, shown once: the official must change it at their first login. */
export function PasswordShownDialog({
  username,
  password,
  onClose,
}: {
  username: string;
  password: string;
  onClose: () => void;
}) {
  return (
    <Modal title="临时密码" onClose={onClose}>
      <div className="form">
        <p>
          账号 <code>{username}</code> 的临时密码（仅显示这一次，请当面或电话告知本人）：
        </p>
        <p>
          <code className="temporary-password" data-testid="temporary-password">
            {password}
          </code>
        </p>
        <p className="muted">本人首次登录时须修改密码。</p>
        <div className="form-actions">
          <button type="button" className="primary" onClick={onClose}>
            我已记下
          </button>
        </div>
      </div>
    </Modal>
  );
}
