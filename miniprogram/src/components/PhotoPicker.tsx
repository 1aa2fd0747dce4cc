import { Image, View } from '@tarojs/components';
import Taro from '@tarojs/taro';
import { useState } from 'react';
import { API_BASE } from '../services/request';
import { CaptchaField } from './CaptchaField';
import { useCaptchaGate } from './useCaptchaGate';
import './PhotoPicker.css';

export const PHOTO_MAX_BYTES = 2 * 1024 * 1024;
const PHOTO_TYPES = ['image/jpeg', 'image/png'];

/** The two images of 新生注册: the 证件照, and the ID card's image (checked by the server like proofs). */
const KINDS = {
  photo: {
    label: '证件照',
    path: '/api/registrations/photos',
    field: 'photo',
    answerKey: 'photoId',
    maxBytes: PHOTO_MAX_BYTES,
    boxId: 'photo-picker',
    hint: '本人近期免冠正面证件照，浅蓝底，JPG或PNG，2MB以内，竖版（不小于260×320像素）',
  },
  idCard: {
    label: '证件图片',
    path: '/api/registrations/id-card-images',
    field: 'file',
    answerKey: 'idCardImageId',
    maxBytes: 5 * 1024 * 1024,
    boxId: 'idcard-picker',
    hint: '身份证件人像面，四角完整、文字清晰，JPG或PNG，5MB以内',
  },
} as const;
export type PickedImageKind = keyof typeof KINDS;

export interface UploadedPhoto {
  /** The id the server gave the upload (photoId, or idCardImageId for an ID-card image). */
  photoId: string;
  /** The local file, for the preview. */
  previewUrl: string;
}

/** What is wrong with a chosen file before any upload: too big, or not a JPG/PNG. */
export function photoProblem(
  file: { size: number; type?: string; path: string },
  kind: PickedImageKind = 'photo',
): string | null {
  const { label, maxBytes } = KINDS[kind];
  const name = kind === 'photo' ? '照片' : label;
  const type = file.type || (/\.png$/i.test(file.path) ? 'image/png' : /\.jpe?g$/i.test(file.path) ? 'image/jpeg' : '');
  if (type && !PHOTO_TYPES.includes(type)) return `${name}须为JPG或PNG格式`;
  if (file.size > maxBytes) return `${name}不能超过${maxBytes / 1024 / 1024}MB`;
  return null;
}

function uploadError(data: unknown): string {
  try {
    const body = (typeof data === 'string' ? JSON.parse(data) : data) as { message?: string };
    return body.message ?? '照片上传失败，请重试';
  } catch {
    return '照片上传失败，请重试';
  }
}

/**
 * 证件照: choose (album or camera), check, upload, preview; the server checks size and pixels again.
 * Each upload needs the image captcha, unless the applicant's registration token goes with it.
 */
export function PhotoPicker({
  value,
  onChange,
  registrationToken,
  kind = 'photo',
}: {
  value: UploadedPhoto | null;
  onChange: (photo: UploadedPhoto) => void;
  /** When correcting an application: the token stands in for the captcha. */
  registrationToken?: string | null;
  kind?: PickedImageKind;
}) {
  const config = KINDS[kind];
  const [error, setError] = useState('');
  const [uploading, setUploading] = useState(false);
  const captcha = useCaptchaGate(!registrationToken);

  const choose = async () => {
    if (captcha.needed && !captcha.value.captchaAnswer)
      return setError(`请先输入图片验证码，再选择${kind === 'photo' ? '照片' : config.label}`);
    let file: { path: string; size: number; type?: string };
    try {
      const chosen = await Taro.chooseImage({
        count: 1,
        sizeType: ['original'],
        // In H5 one source opens the file picker directly (no 拍摄/相册 sheet).
        sourceType: process.env.TARO_ENV === 'h5' ? ['album'] : ['album', 'camera'],
      });
      file = chosen.tempFiles[0] as typeof file;
      if (!file) return;
    } catch {
      return; // Cancelled.
    }
    const problem = photoProblem(file, kind);
    if (problem) return setError(problem);
    setError('');
    setUploading(true);
    try {
      const res = await Taro.uploadFile({
        url: `${API_BASE.replace(/\/$/, '')}${config.path}`,
        filePath: file.path,
        name: config.field,
        formData: captcha.body,
        header: registrationToken ? { Authorization: `Bearer ${registrationToken}` } : {},
      });
      if (res.statusCode !== 200) return setError(uploadError(res.data));
      const answer = JSON.parse(res.data) as Record<string, string>;
      onChange({ photoId: answer[config.answerKey]!, previewUrl: file.path });
    } catch {
      setError('网络连接失败，请检查网络后重试');
    } finally {
      setUploading(false);
      captcha.afterAttempt(); // One image, one upload.
    }
  };

  return (
    <>
      {captcha.needed && (
        <View className={`photo-captcha photo-captcha-${kind}`}>
          <CaptchaField onChange={captcha.setValue} refreshKey={captcha.refreshKey} />
        </View>
      )}
      <View className="field photo-field">
        <View className="field-label">{config.label}</View>
        <View className="field-input">
          <View className={`photo-box photo-box-${kind}`} id={config.boxId} onClick={() => !uploading && void choose()}>
            {value ? (
              <Image className="photo-preview" src={value.previewUrl} mode="aspectFill" />
            ) : (
              <View className="photo-placeholder">{uploading ? '上传中…' : '+ 上传照片'}</View>
            )}
          </View>
          {value && !uploading && <View className="hint photo-uploaded">已上传，点击照片可更换</View>}
          {uploading && value && <View className="hint">上传中…</View>}
          <View className="hint">{config.hint}</View>
          {error && <View className="error-text photo-error">{error}</View>}
        </View>
      </View>
    </>
  );
}
