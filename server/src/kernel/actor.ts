import type { ActorType } from '@kaowei/shared';
import type { Official } from '../modules/accounts/models';

/** Who made a change, as the audit log and booking events record it. */
export interface Actor {
  type: ActorType;
  id: number | null;
  name: string | null;
}

export function officialActor(official: Official): Actor {
  return { type: 'official', id: official.id, name: official.username };
}

export const candidateActor = (candidateId: number): Actor => ({ type: 'candidate', id: candidateId, name: null });
export const wechatpayActor: Actor = { type: 'wechatpay', id: null, name: 'WeChat Pay' };
export const systemActor: Actor = { type: 'system', id: null, name: 'daily-release' };
