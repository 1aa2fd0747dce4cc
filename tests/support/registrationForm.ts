import type { Page } from 'playwright-core';
import { seeText, type watchCaptchas } from './miniprogram';
import { fillInput } from './taroH5';

/** 考生须知 (seed 003): ticked and accepted before the form opens. */
export async function acceptRegistrationNotice(page: Page): Promise<void> {
  await seeText(page, '考生须知');
  await page.locator('#reg-agree').tap();
  await page.locator('#reg-agree-continue').tap();
}

/** Picks one option of a searchable sheet (专业, 县区, 民族…). */
export async function chooseOption(page: Page, id: string, search: string, label: string): Promise<void> {
  await page.locator(`#${id}`).tap();
  await fillInput(page, `${id}-search`, search);
  await page.locator(`#${id}-sheet .option-item`, { hasText: label }).first().tap();
  await page.locator(`#${id}-sheet`).waitFor({ state: 'detached' });
}

/** 民族, 文化程度 and the ID-card image (with its own captcha) of a new registration. */
export async function fillRegistrationExtras(
  page: Page,
  captchas: ReturnType<typeof watchCaptchas>,
  cardFile: string,
  answers: { ethnicity: [string, string]; education: [string, string] } = {
    ethnicity: ['汉', '汉族'],
    education: ['高中', '普通高中'],
  },
): Promise<void> {
  await chooseOption(page, 'reg-ethnicity', ...answers.ethnicity);
  await chooseOption(page, 'reg-education', ...answers.education);
  await captchas.solve('.photo-captcha-idCard');
  const chooser = page.waitForEvent('filechooser');
  await page.locator('#idcard-picker').tap();
  await (await chooser).setFiles(cardFile);
  await page.locator('#idcard-picker .photo-preview').waitFor();
}

/** 下一步 shows the preview; 确认提交 sends it. */
export async function submitThroughPreview(page: Page): Promise<void> {
  await page.locator('#reg-submit').tap();
  await seeText(page, '信息预览');
  await page.locator('#reg-confirm').tap();
}
