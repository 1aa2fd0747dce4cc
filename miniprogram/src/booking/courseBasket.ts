/**
 * Codes the candidate tapped on the course list, waiting for the booking page to place them when it shows again.
 * A module-level queue: both pages live in the same JS context (mini-program and H5 alike).
 */
const picked: string[] = [];

export const courseBasket = {
  add(code: string): void {
    if (!picked.includes(code)) picked.push(code);
  },
  /** Hands over every waiting code, emptying the queue. */
  take(): string[] {
    return picked.splice(0, picked.length);
  },
};
