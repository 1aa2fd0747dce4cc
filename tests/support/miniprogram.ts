import { randomPhone } from '@kaowei/server/test/support/apiClient';
import type { SimulatorClient } from '@kaowei/server/test/support/simulatorClient';
import type { Locator, Page } from 'playwright-core';
import { fillInput } from './taroH5';

/** Opens a mini-program page of the H5 build (hash router): `pages/<name>/index`. */
export async function openMiniPage(page: Page, name: string, query = ''): Promise<void> {
  await page.goto(`/#/pages/${name}/index${query ? `?${query}` : ''}`);
}

/** Waits until the text is on screen. Taro H5 keeps pages below the current one in the DOM, hidden: skip those. */
export async function seeText(page: Page, text: string | RegExp, timeout = 15_000): Promise<void> {
  await page.getByText(text).filter({ visible: true }).first().waitFor({ state: 'visible', timeout });
}

/** Answers the image captcha on screen the way a tester would: from the simulator, matched by the image shown. */
export function watchCaptchas(page: Page, sim: SimulatorClient) {
  const idByImage = new Map<string, string>();
  page.on('response', (response) => {
    if (!new URL(response.url()).pathname.endsWith('/api/captcha') || response.status() !== 200) return;
    void response.json().then(
      (body: { captchaId: string; image: string }) => idByImage.set(body.image, body.captchaId),
      () => undefined,
    );
  });
  return {
    /** Waits for the visible captcha image (the one inside `within`, if given), then fills the answer box beside it. */
    async solve(within?: string | Locator): Promise<void> {
      const scope =
        typeof within === 'string' ? page.locator(within).filter({ visible: true }).first() : (within ?? page);
      const image = scope.locator('.captcha-image img').filter({ visible: true }).first();
      await image.waitFor({ state: 'visible' });
      const deadline = Date.now() + 5000;
      let captchaId: string | undefined;
      while (!(captchaId = idByImage.get((await image.getAttribute('src')) ?? ''))) {
        if (Date.now() > deadline) throw new Error('the captcha on screen was not seen loading');
        await page.waitForTimeout(50);
      }
      await scope
        .locator('#captcha-answer input')
        .filter({ visible: true })
        .fill(await sim.captchaAnswer(captchaId));
    },
  };
}

/** Does what sends an SMS (e.g. taps 获取验证码) and returns the code of the new message to the phone. */
export async function smsCodeAfter(
  sim: SimulatorClient,
  phone: string,
  send: () => Promise<unknown>,
  timeoutMs = 10_000,
): Promise<string> {
  const before = (await sim.inbox(phone)).length;
  await send();
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const inbox = await sim.inbox(phone);
    if (inbox.length > before) return inbox[0]!.params[0]!;
    if (Date.now() > deadline) throw new Error(`no new SMS to ${phone}`);
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}

/** 绑定手机 by SMS (PhoneBinder): a new number, its code (the countdown starts), 绑定手机. Returns the number. */
export async function bindPhoneBySms(page: Page, sim: SimulatorClient): Promise<string> {
  const phone = randomPhone();
  await fillInput(page, 'bind-phone', phone);
  const code = await smsCodeAfter(sim, phone, () => page.locator('#bind-send-code').tap());
  await seeText(page, /秒后重发/);
  await fillInput(page, 'bind-sms', code);
  await page.locator('#bind-submit').tap();
  return phone;
}

/** Types the current password and the new one twice (PasswordChanger); submitting is the caller's. */
export async function fillNewPassword(page: Page, oldPassword: string, newPassword: string): Promise<void> {
  await fillInput(page, 'password-old', oldPassword);
  await fillInput(page, 'password-new', newPassword);
  await fillInput(page, 'password-repeat', newPassword);
}

/** 密码登录 on the login page: account (ticket or ID number) and password, then 登录. */
export async function logInWithPassword(page: Page, account: string, password: string): Promise<void> {
  await fillInput(page, 'login-account', account);
  await fillInput(page, 'login-password', password);
  await page.locator('#login-submit').tap();
}
