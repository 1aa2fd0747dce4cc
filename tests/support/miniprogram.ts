import type { SimulatorClient } from '@kaowei/server/test/support/simulatorClient';
import type { Page } from 'playwright-core';

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
    async solve(within?: string): Promise<void> {
      const scope = within ? page.locator(within).filter({ visible: true }).first() : page;
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
