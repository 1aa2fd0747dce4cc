import Taro from '@tarojs/taro';

export interface ChosenFile {
  /** WeChat's temp path, or an object URL on H5. */
  path: string;
  name: string;
  size: number;
}

const ACCEPT = 'image/jpeg,image/png,application/pdf,.jpg,.jpeg,.png,.pdf';

/** H5: the browser's own file chooser (Taro.chooseImage there takes images only, and a proof is often a PDF). */
function chooseOnWeb(): Promise<ChosenFile | null> {
  return new Promise((resolve) => {
    const input = document.createElement('input');
    input.type = 'file';
    input.accept = ACCEPT;
    input.style.display = 'none';
    const done = (file: ChosenFile | null) => {
      input.remove();
      resolve(file);
    };
    input.addEventListener('change', () => {
      const file = input.files?.[0];
      done(file ? { path: URL.createObjectURL(file), name: file.name, size: file.size } : null);
    });
    input.addEventListener('cancel', () => done(null));
    document.body.appendChild(input);
    input.click();
  });
}

const baseName = (path: string) => path.split('/').pop() ?? path;

/** WeChat: a PDF or image from a chat (wx.chooseMessageFile), or a photo from the album or camera. */
async function chooseInWechat(): Promise<ChosenFile | null> {
  const { tapIndex } = await Taro.showActionSheet({ itemList: ['从聊天记录选择（图片或PDF）', '从相册选择或拍照'] });
  if (tapIndex === 0) {
    const { tempFiles } = await Taro.chooseMessageFile({
      count: 1,
      type: 'all',
      extension: ['pdf', 'jpg', 'jpeg', 'png'],
    });
    const file = tempFiles[0];
    return file ? { path: file.path, name: file.name, size: file.size } : null;
  }
  const { tempFiles } = await Taro.chooseImage({ count: 1, sizeType: ['compressed'], sourceType: ['album', 'camera'] });
  const file = tempFiles[0];
  return file ? { path: file.path, name: baseName(file.path), size: file.size } : null;
}

/** One proof file (JPG, PNG or PDF); null when the candidate backed out. */
export async function chooseProofFile(): Promise<ChosenFile | null> {
  try {
    return await (process.env.TARO_ENV === 'h5' ? chooseOnWeb() : chooseInWechat());
  } catch {
    return null; // Cancelled.
  }
}

/** What is wrong with a file before it is sent (the server checks the bytes again). */
export function fileProblem(file: ChosenFile, maxBytes: number): string | null {
  if (!/\.(jpe?g|png|pdf)$/i.test(file.name)) return '证明材料须为JPG、PNG图片或PDF文件';
  if (file.size > maxBytes) return `文件不能超过${sizeLabel(maxBytes)}`;
  return null;
}

export function sizeLabel(bytes: number): string {
  return bytes >= 1024 * 1024 ? `${Math.round((bytes / 1024 / 1024) * 10) / 10}MB` : `${Math.ceil(bytes / 1024)}KB`;
}
