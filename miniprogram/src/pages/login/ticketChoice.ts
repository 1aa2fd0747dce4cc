import type { TicketLookupAnswer } from '@kaowei/shared';

/** A ticket picked on 找回准考证号, handed to the login page (both pages live in one app, so a module holds it). */
export type TicketChoice = TicketLookupAnswer['tickets'][number];

let pending: TicketChoice | null = null;

export function offerTicketChoice(choice: TicketChoice): void {
  pending = choice;
}

/** The choice waiting for the login page, once. */
export function takeTicketChoice(): TicketChoice | null {
  const choice = pending;
  pending = null;
  return choice;
}

let pendingAccount: string | null = null;

/** A ticket number the candidate just received (registration approved): the login form starts with it. */
export function offerAccount(account: string): void {
  pendingAccount = account;
}

export function takeAccount(): string | null {
  const account = pendingAccount;
  pendingAccount = null;
  return account;
}
