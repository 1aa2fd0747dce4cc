import type { Locator, Page } from 'playwright-core';

/** Driving Taro's H5 components the way a finger does (buttons answer taps, pickers answer drags). */

/** Types into a Taro <Input id="…">, which renders `<taro-input-core id="…"><input></taro-input-core>`. */
export async function fillInput(page: Page, id: string, value: string): Promise<void> {
  // Pages below the current one stay in the DOM (hidden) and may hold the same ids.
  await page.locator(`#${id} input`).filter({ visible: true }).fill(value);
}

/** The visible Taro.showModal dialog (its outer element has no box of its own: the dialog is fixed). */
export function modal(page: Page): Locator {
  return page.locator('.taro-modal__content:visible');
}

/** Waits for the dialog to say `text`, then taps its confirm button (or cancel). */
export async function answerModal(page: Page, text: string, answer: 'confirm' | 'cancel' = 'confirm'): Promise<string> {
  const dialog = modal(page);
  await dialog.getByText(text, { exact: false }).first().waitFor();
  const content = (await dialog.locator('.taro-modal__text').textContent()) ?? '';
  await dialog.locator(answer === 'confirm' ? '.taro-model__confirm' : '.taro-model__cancel').click();
  await dialog.waitFor({ state: 'hidden' });
  return content;
}

interface PickerColumn {
  querySelector(selector: string): { style: { transform: string } } | null;
  dispatchEvent(event: unknown): boolean;
}

interface TouchApi {
  Touch: new (init: Record<string, unknown>) => unknown;
  TouchEvent: new (type: string, init: Record<string, unknown>) => unknown;
  requestAnimationFrame(callback: () => void): number;
}

const PICKER_TOP = 102;
const PICKER_LINE = 34;

/**
 * Opens a Taro <Picker mode="selector"> by tapping `trigger`, drags its column until `option` sits under the
 * indicator, and taps 确定. The drag is a synthetic touch sequence on the column, as a finger would swipe it.
 */
export async function pickOption(page: Page, trigger: Locator, option: string): Promise<void> {
  await trigger.tap();
  // The overlay itself has no box (its children are fixed): wait for the sliding sheet.
  const overlay = page.locator('.weui-picker:visible');
  await overlay.waitFor();
  const group = overlay.locator('.weui-picker__group').first();
  const texts = await group.locator('.weui-picker__item').allTextContents();
  const target = texts.findIndex((t) => t.trim() === option);
  if (target < 0) throw new Error(`picker has no option ${option}: ${texts.join(', ')}`);
  await group.evaluate(
    async (element, { target, top, line }) => {
      // Runs in the page (the root tsconfig has no DOM types).
      const host = element as unknown as PickerColumn;
      const dom = globalThis as unknown as TouchApi;
      const content = host.querySelector('.weui-picker__content')!;
      const y = Number(/translate3d\(0px?, (-?[\d.]+)px/.exec(content.style.transform)?.[1] ?? top);
      const current = Math.round((top - y) / line);
      const delta = (current - target) * line;
      const startY = 300;
      const touch = (clientY: number) => new dom.Touch({ identifier: 1, target: host, clientX: 100, clientY });
      // The column re-renders its position a frame later: one event per frame, as a real swipe arrives.
      const frame = () => new Promise((resolve) => dom.requestAnimationFrame(() => setTimeout(resolve, 0)));
      const fire = async (type: string, clientY: number) => {
        host.dispatchEvent(
          new dom.TouchEvent(type, {
            bubbles: true,
            cancelable: true,
            touches: [touch(clientY)],
            changedTouches: [touch(clientY)],
          }),
        );
        await frame();
      };
      await fire('touchstart', startY);
      // A swipe of at least 11px counts as a drag (a shorter one is a tap on the row under the finger).
      if (Math.abs(delta) > 10) await fire('touchmove', startY + delta);
      else {
        await fire('touchmove', startY + 11);
        await fire('touchmove', startY + delta);
      }
      await fire('touchend', startY + delta);
      const after = Number(/translate3d\(0px?, (-?[\d.]+)px/.exec(content.style.transform)?.[1] ?? top);
      if (Math.round((top - after) / line) !== target) throw new Error(`picker stopped at row ${(top - after) / line}`);
    },
    { target, top: PICKER_TOP, line: PICKER_LINE },
  );
  await overlay.getByText('确定', { exact: true }).click();
  await overlay.waitFor({ state: 'hidden' });
}
