import type { ApplicationAttachmentView } from '@kaowei/shared';
import { View } from '@tarojs/components';
import { sizeLabel } from './chooseFile';

/** The files of an application: what each proves, its name and size; `onRemove` offers 删除 (while editable). */
export function AttachmentList({
  attachments,
  onRemove,
}: {
  attachments: ApplicationAttachmentView[];
  onRemove?: (attachment: ApplicationAttachmentView) => void;
}) {
  if (attachments.length === 0) return <View className="hint">暂无证明材料</View>;
  return (
    <View className="app-attachments">
      {attachments.map((a) => (
        <View key={a.id} className="app-attachment" id={`app-attachment-${a.id}`}>
          <View className="app-attachment-name">
            <View>
              {a.proofLabel}：{a.originalName}
            </View>
            <View className="hint">
              {a.mime === 'application/pdf' ? 'PDF' : '图片'} · {sizeLabel(a.sizeBytes)}
            </View>
          </View>
          {onRemove && (
            <View className="link app-attachment-remove" onClick={() => onRemove(a)}>
              删除
            </View>
          )}
        </View>
      ))}
    </View>
  );
}
