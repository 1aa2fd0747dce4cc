import { BOOKING_ITEM_STATES, type BookingItemState } from '@kaowei/shared';
import { describe, expect, it } from 'vitest';
import { IllegalTransition, MOVES, transition, type LedgerVerb } from './transitions';

const verbs = Object.keys(MOVES) as LedgerVerb[];
const states: Array<BookingItemState | null> = [null, ...BOOKING_ITEM_STATES];

describe('seat ledger transitions (rule 13)', () => {
  it('follows the booking life cycle and nothing else', () => {
    const edges = new Set<string>();
    for (const verb of verbs)
      for (const from of states) {
        try {
          edges.add(`${from ?? '∅'}→${transition(verb, from).to}`);
        } catch (error) {
          expect(error).toBeInstanceOf(IllegalTransition);
        }
      }
    expect([...edges].sort()).toEqual(
      [
        '∅→held',
        'held→held',
        'held→confirmed',
        'held→released',
        'confirmed→paid',
        'confirmed→released',
        'released→paid',
        'paid→refunding',
        'refunding→refunded',
      ].sort(),
    );
  });

  it('takes a seat when an item starts to occupy one and gives it back when it stops', () => {
    expect(transition('take', null).seats).toBe(1);
    expect(transition('retake', 'released').seats).toBe(1);
    expect(transition('drop', 'held').seats).toBe(-1);
    expect(transition('release', 'confirmed').seats).toBe(-1);
    expect(transition('markRefunded', 'refunding').seats).toBe(-1);
    for (const verb of ['replace', 'confirm', 'markPaid', 'markRefunding'] as const)
      expect(transition(verb, MOVES[verb].from[0]!).seats).toBe(0);
  });

  it('refuses what the rules forbid', () => {
    expect(() => transition('markPaid', 'held')).toThrow(IllegalTransition); // confirm first (rule 9)
    expect(() => transition('release', 'paid')).toThrow(IllegalTransition); // paid seats go only by refund (rule 11)
    expect(() => transition('drop', 'confirmed')).toThrow(IllegalTransition); // a confirmed booking is frozen
    expect(() => transition('retake', 'refunded')).toThrow(IllegalTransition); // refunded money took the seat away
    expect(() => transition('take', 'held')).toThrow(IllegalTransition);
    for (const verb of verbs) expect(() => transition(verb, 'refunded')).toThrow(IllegalTransition);
  });
});
