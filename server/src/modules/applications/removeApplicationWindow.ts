import type { Db } from '../../db/models';
import type { RequestInfo } from '../../kernel/audit';
import { removeWindow } from '../../kernel/removeWindow';
import type { Official } from '../accounts/models';
import { windowView } from './applicationWindows';

/** The province removes a window (audited); applications already made stay as they are. */
export function removeApplicationWindow(db: Db, official: Official, id: number, request: RequestInfo): Promise<void> {
  const table = {
    model: db.models.ApplicationWindow,
    what: '办理时间',
    entityType: 'application_window',
    view: windowView,
  };
  return removeWindow(db, official, table, id, request);
}
