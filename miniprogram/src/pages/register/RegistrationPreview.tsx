import { Button, Image, View } from '@tarojs/components';
import type { UploadedPhoto } from '../../components/PhotoPicker';

/** 信息预览 (seed 003): what will be sent, checked once more before 确认提交. */
export function RegistrationPreview({
  rows,
  images,
  busy,
  error,
  onBack,
  onConfirm,
  confirmLabel,
}: {
  rows: Array<[string, string]>;
  images: UploadedPhoto[];
  busy: boolean;
  error: string;
  onBack: () => void;
  onConfirm: () => void;
  confirmLabel: string;
}) {
  return (
    <View className="card" id="reg-preview">
      <View className="card-title">信息预览</View>
      <View className="hint">请确认信息无误后提交；提交后可在“注册进度”中查看照片状态和审核状态。</View>
      {rows.map(([label, value]) => (
        <View className="field" key={label}>
          <View className="field-label">{label}</View>
          <View className="field-input reg-preview-value">{value}</View>
        </View>
      ))}
      <View className="reg-preview-images">
        {images.map((image) => (
          <Image key={image.photoId} className="reg-preview-image" src={image.previewUrl} mode="aspectFit" />
        ))}
      </View>
      {error && <View className="error-text reg-error">{error}</View>}
      <View className="reg-preview-actions">
        <Button className="btn-secondary" id="reg-back" onClick={onBack}>
          上一步
        </Button>
        <Button className="btn-primary" id="reg-confirm" disabled={busy || undefined} onClick={onConfirm}>
          {busy ? '提交中…' : confirmLabel}
        </Button>
      </View>
    </View>
  );
}
