import Taro from '@tarojs/taro';
import { API_BASE } from './request';
import { session } from './session';

/**
 * Fetches a PDF with the session's token (call a cheap signed-in request first so an expired access token
 * is refreshed). WeChat: downloads it and opens it in the document viewer (print or send from there).
 * H5: saves the fetched file and returns its object URL, to save again from a link.
 */
export async function openPdf(path: string, fileName: string, failure: string): Promise<string | null> {
  const token = session.get()?.accessToken ?? '';
  if (process.env.TARO_ENV === 'h5') {
    const response = await fetch(path, { headers: { Authorization: `Bearer ${token}` } });
    if (!response.ok) {
      const body = (await response.json().catch(() => null)) as { message?: string } | null;
      throw new Error(body?.message ?? failure);
    }
    const link = URL.createObjectURL(await response.blob());
    savePdfInBrowser(link, fileName);
    return link;
  }
  const file = await Taro.downloadFile({ url: `${API_BASE}${path}`, header: { Authorization: `Bearer ${token}` } });
  if (file.statusCode !== 200) throw new Error(failure);
  await Taro.openDocument({ filePath: file.tempFilePath, fileType: 'pdf', showMenu: true });
  return null;
}

/** H5: saves a fetched PDF through a download link (the page has no <a> of Taro's own). */
export function savePdfInBrowser(link: string, fileName: string): void {
  const anchor = document.createElement('a');
  anchor.href = link;
  anchor.download = fileName;
  document.body.appendChild(anchor);
  anchor.click();
  anchor.remove();
}
