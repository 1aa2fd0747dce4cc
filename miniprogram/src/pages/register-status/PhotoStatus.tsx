import { View } from '@tarojs/components';
import { useState } from 'react';
import { PhotoPicker, type UploadedPhoto } from '../../components/PhotoPicker';
import { registrationRequest, registrationToken, type ApplicationView } from '../../components/registrationAccess';

const PHOTO_BADGES = { pending: 'badge-warning', approved: 'badge-success', rejected: 'badge-danger' } as const;

/**
 * 照片状态 (seed 003): 待审核, 合格, or 不合格 with the office's reason and a new upload; after three
 * rejected photos, the county office where it is taken instead.
 */
export function PhotoStatus({
  application,
  onChange,
}: {
  application: ApplicationView;
  /** After a new photo: load the application again. */
  onChange: () => void;
}) {
  const [error, setError] = useState('');
  const { photo, offlineCapture } = application;
  const open = application.state === 'submitted' || application.state === 'rejected';

  const replace = async (uploaded: UploadedPhoto) => {
    setError('');
    try {
      await registrationRequest<ApplicationView>('/api/registrations/mine/photo', {
        method: 'PUT',
        data: { photoId: uploaded.photoId },
        quiet: true,
      });
      onChange();
    } catch (e) {
      setError((e as Error).message || '提交失败，请重试');
    }
  };

  return (
    <View className="card" id="status-photo-card">
      <View className="row">
        <View className="card-title">照片状态</View>
        <View className={`badge ${PHOTO_BADGES[photo.state]}`} id="status-photo">
          {photo.stateName}
        </View>
      </View>
      {photo.state === 'pending' && <View className="hint">照片已提交，等待考区审核。</View>}
      {photo.state === 'rejected' && (
        <View className="error-text" id="status-photo-reason">
          不合格原因：{photo.rejectReason}
        </View>
      )}
      {offlineCapture && (
        <View className="status-offline" id="status-offline">
          <View>
            照片已{photo.rejections}次审核不合格。您可以继续上传，也可以携带本人有效身份证件前往考区现场采集：
          </View>
          <View className="status-office">{offlineCapture.officeName}</View>
          {offlineCapture.officeAddress && <View className="hint">地址：{offlineCapture.officeAddress}</View>}
        </View>
      )}
      {photo.state === 'rejected' && open && (
        <View className="status-photo-replace">
          <PhotoPicker value={null} onChange={(p) => void replace(p)} registrationToken={registrationToken.get()} />
          {error && <View className="error-text">{error}</View>}
        </View>
      )}
    </View>
  );
}
