import { TICKET_STATUSES, TICKET_STATUS_LABELS, type CandidateTicket, type TicketStatus } from '@kaowei/shared';
import { useState } from 'react';
import { candidatesApi } from '../../api/client';
import { Field, ReasonDialog } from '../../components/ui';

/** 变更准考证状态: the new status and a reason (audited). A non-active ticket cannot log in, book or pay. */
export function TicketStatusDialog({
  ticket,
  onChanged,
  onClose,
}: {
  ticket: CandidateTicket;
  onChanged: (statusName: string) => void;
  onClose: () => void;
}) {
  const [status, setStatus] = useState<TicketStatus>(ticket.status);
  return (
    <ReasonDialog
      title={`变更准考证状态：${ticket.ticketNo}`}
      description="已毕业、已转出或已注销的准考证不能登录报考或缴费；考生找回准考证时可看到其状态。"
      confirmText="确认变更"
      onClose={onClose}
      onConfirm={async (reason) => {
        const changed = await candidatesApi.changeTicketStatus(ticket.id, status, reason);
        onChanged(changed.statusName);
      }}
    >
      <Field label="状态">
        <select aria-label="状态" value={status} onChange={(e) => setStatus(e.target.value as TicketStatus)}>
          {TICKET_STATUSES.map((s) => (
            <option key={s} value={s}>
              {TICKET_STATUS_LABELS[s]}
            </option>
          ))}
        </select>
      </Field>
    </ReasonDialog>
  );
}
