/** Per course, what hold requests came to: held, refused for a full unit, or refused for another reason. */
export interface HoldOutcomes {
  itemsHeld: number;
  seatFull: number;
  refused: number;
}

export const noOutcomes = (): HoldOutcomes => ({ itemsHeld: 0, seatFull: 0, refused: 0 });
