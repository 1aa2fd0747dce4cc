import {
  PROOF_KIND_LABELS,
  PROOF_KINDS,
  type ApplicationAttachmentView,
  type ApplicationKindView,
  type ApplicationView,
  type ProofKind,
} from '@kaowei/shared';
import { Button, View } from '@tarojs/components';
import Taro from '@tarojs/taro';
import { useState } from 'react';
import { OptionSheet } from '../components/OptionSheet';
import { ApiError } from '../services/request';
import { AttachmentList } from './AttachmentList';
import { applicationsApi } from './applicationsApi';
import { chooseProofFile, fileProblem, sizeLabel } from './chooseFile';

const PROOF_OPTIONS = PROOF_KINDS.map((value) => ({ value, label: PROOF_KIND_LABELS[value] }));

/** 上传证明材料: what it proves, then a JPG/PNG/PDF within the kind's limits; checked here, then by the server. */
export function AttachmentPicker({
  kind,
  application,
  onChange,
}: {
  kind: ApplicationKindView;
  application: ApplicationView;
  onChange: (application: ApplicationView) => void;
}) {
  const [proof, setProof] = useState<ProofKind>(kind.requiredProof ?? 'other');
  const [error, setError] = useState('');
  const [busy, setBusy] = useState(false);
  const full = application.attachments.length >= kind.maxAttachments;

  const add = async () => {
    if (busy) return;
    if (full) return setError(`最多上传${kind.maxAttachments}个文件`);
    const file = await chooseProofFile();
    if (!file) return;
    const problem = fileProblem(file, kind.maxAttachmentBytes);
    if (problem) return setError(problem);
    setError('');
    setBusy(true);
    try {
      onChange(await applicationsApi.attach(application.id, file, proof));
    } catch (e) {
      setError(e instanceof ApiError ? e.message : '上传失败，请重试');
    } finally {
      setBusy(false);
    }
  };

  const remove = async (attachment: ApplicationAttachmentView) => {
    const { confirm } = await Taro.showModal({ title: '删除证明材料', content: `删除“${attachment.originalName}”？` });
    if (!confirm) return;
    try {
      onChange(await applicationsApi.detach(application.id, attachment.id));
    } catch (e) {
      setError(e instanceof ApiError ? e.message : '删除失败，请重试');
    }
  };

  return (
    <View className="card app-attachment-picker">
      <View className="card-title">证明材料</View>
      <View className="hint app-attachment-limits" id="app-attachment-limits">
        JPG、PNG图片或PDF文件，每个不超过{sizeLabel(kind.maxAttachmentBytes)}，最多{kind.maxAttachments}个
        {kind.requiredProof ? `；须上传${PROOF_KIND_LABELS[kind.requiredProof]}` : ''}
      </View>
      <AttachmentList attachments={application.attachments} onRemove={(a) => void remove(a)} />
      <OptionSheet
        id="app-proof"
        label="材料类型"
        placeholder="请选择材料类型"
        options={PROOF_OPTIONS}
        value={proof}
        onChange={(v) => setProof(v as ProofKind)}
      />
      <Button className="btn-secondary" id="app-attach" disabled={busy || full || undefined} onClick={() => void add()}>
        {busy ? '上传中…' : '+ 选择文件上传'}
      </Button>
      {error && <View className="error-text app-attachment-error">{error}</View>}
    </View>
  );
}
