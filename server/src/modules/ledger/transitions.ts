import { ACTIVE_BOOKING_ITEM_STATES, type BookingItemState } from '@kaowei/shared';

/** What the seat ledger can do to a booking item (domain rules 7–13). */
export type LedgerVerb =
  'take' | 'replace' | 'drop' | 'confirm' | 'markPaid' | 'release' | 'retake' | 'markRefunding' | 'markRefunded';

interface Move {
  /** States the item may be in; null for an item that does not exist yet. */
  from: ReadonlyArray<BookingItemState | null>;
  to: BookingItemState;
}

/**
 * Rule 13: held → confirmed → paid; held/confirmed → released; paid → refunding → refunded. Replacing a
 * course keeps its seat (held → held, rule 8), and a late payment takes a released seat back (rule 12).
 */
export const MOVES: Readonly<Record<LedgerVerb, Move>> = {
  take: { from: [null], to: 'held' },
  replace: { from: ['held'], to: 'held' },
  drop: { from: ['held'], to: 'released' },
  confirm: { from: ['held'], to: 'confirmed' },
  markPaid: { from: ['confirmed'], to: 'paid' },
  release: { from: ['held', 'confirmed'], to: 'released' },
  retake: { from: ['released'], to: 'paid' },
  markRefunding: { from: ['paid'], to: 'refunding' },
  markRefunded: { from: ['refunding'], to: 'refunded' },
};

export const occupiesSeat = (state: BookingItemState | null): boolean =>
  state !== null && (ACTIVE_BOOKING_ITEM_STATES as readonly string[]).includes(state);

/** A move the rules do not allow: a bug in the caller, never the candidate's doing. */
export class IllegalTransition extends Error {
  constructor(verb: LedgerVerb, from: BookingItemState | null) {
    super(`booking item cannot ${verb} from ${from ?? 'nothing'}`);
  }
}

/** The state `verb` leads to from `from`, and how many seats it takes (+1) or gives back (-1). */
export function transition(
  verb: LedgerVerb,
  from: BookingItemState | null,
): { to: BookingItemState; seats: -1 | 0 | 1 } {
  const move = MOVES[verb];
  if (!move.from.includes(from)) throw new IllegalTransition(verb, from);
  return { to: move.to, seats: (Number(occupiesSeat(move.to)) - Number(occupiesSeat(from))) as -1 | 0 | 1 };
}
