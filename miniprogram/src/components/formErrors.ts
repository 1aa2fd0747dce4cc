/** A form check that failed before any request: shown beside the form, and stops the action (e.g. the SMS button). */
export class FormProblem extends Error {}

/** Shows the problem, then throws so that callers like SmsCodeButton do not start counting down. */
export function refuse(show: (message: string) => void, message: string): never {
  show(message);
  throw new FormProblem(message);
}
