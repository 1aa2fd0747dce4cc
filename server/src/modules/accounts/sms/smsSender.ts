/** Sends text messages. The only implementation talks to Tencent Cloud SMS (or the simulator in development). */
export interface SmsSender {
  /** Sends a verification code; throws SmsSendError when the provider refuses. */
  sendVerificationCode(phone: string, code: string, validMinutes: number): Promise<void>;
  /** Sends a notice by its template (a message of the outbox); throws SmsSendError when the provider refuses. */
  sendNotice(phone: string, templateId: string, params: string[]): Promise<void>;
}

export class SmsSendError extends Error {
  constructor(
    readonly providerCode: string,
    message: string,
  ) {
    super(message);
    this.name = 'SmsSendError';
  }
}
