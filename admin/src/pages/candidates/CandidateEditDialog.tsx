import { DOCUMENT_TYPES, DOCUMENT_TYPE_LABELS, type CandidateDetails, type DocumentType } from '@kaowei/shared';
import { useState } from 'react';
import { candidateRecordsApi } from '../../api/client';
import { useAuth } from '../../auth/AuthContext';
import { Field, ReasonDialog } from '../../components/ui';

/** The fields the dialog starts from: the candidate as the detail page shows them. */
type Editable = CandidateDetails & { name: string; gender: string | null };

/**
 * 修改考生信息: name, gender, ethnicity, education and document type, with a reason (before and after go to the
 * audit log). The document number is the provincial office's alone, so only they see its field.
 */
export function CandidateEditDialog({
  candidateId,
  candidate,
  onChanged,
  onClose,
}: {
  candidateId: number;
  candidate: Editable;
  onChanged: (changed: string[]) => void;
  onClose: () => void;
}) {
  const { isProvince } = useAuth();
  const [name, setName] = useState(candidate.name);
  const [gender, setGender] = useState(candidate.gender ?? 'M');
  const [ethnicity, setEthnicity] = useState(candidate.ethnicity ?? '');
  const [education, setEducation] = useState(candidate.education ?? '');
  const [documentType, setDocumentType] = useState<DocumentType>(candidate.documentType);
  const [documentNo, setDocumentNo] = useState('');
  return (
    <ReasonDialog
      title={`修改考生信息：${candidate.name}`}
      description="请依据考生有效证件原件修改；修改前后的信息和原因记入审计日志。"
      confirmText="保存修改"
      onClose={onClose}
      onConfirm={async (reason) => {
        const answer = await candidateRecordsApi.edit(candidateId, {
          name,
          gender,
          ethnicity,
          education,
          documentType,
          ...(documentNo.trim() && { documentNo }),
          reason,
        });
        onChanged(answer.changed);
      }}
    >
      <Field label="姓名">
        <input aria-label="姓名" value={name} onChange={(e) => setName(e.target.value)} />
      </Field>
      <Field label="性别">
        <select aria-label="性别" value={gender} onChange={(e) => setGender(e.target.value)}>
          <option value="M">男</option>
          <option value="F">女</option>
        </select>
      </Field>
      <Field label="民族">
        <input
          aria-label="民族"
          value={ethnicity}
          placeholder="如：汉族"
          onChange={(e) => setEthnicity(e.target.value)}
        />
      </Field>
      <Field label="学历">
        <input
          aria-label="学历"
          value={education}
          placeholder="如：高中"
          onChange={(e) => setEducation(e.target.value)}
        />
      </Field>
      <Field label="证件类型">
        <select
          aria-label="证件类型"
          value={documentType}
          onChange={(e) => setDocumentType(e.target.value as DocumentType)}
        >
          {DOCUMENT_TYPES.map((t) => (
            <option key={t} value={t}>
              {DOCUMENT_TYPE_LABELS[t]}
            </option>
          ))}
        </select>
      </Field>
      {isProvince && (
        <Field label="新证件号码" hint="仅省考试院可修改；不修改请留空。号码将按证件类型校验，不能与其他考生重复。">
          <input aria-label="新证件号码" value={documentNo} onChange={(e) => setDocumentNo(e.target.value)} />
        </Field>
      )}
    </ReasonDialog>
  );
}
