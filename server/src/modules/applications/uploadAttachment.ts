import path from 'node:path';
import { CANDIDATE_APPLICATION_KIND_LABELS, type ApplicationView, type ProofKind } from '@kaowei/shared';
import { AppError } from '../../http/errors';
import type { ApplicationsDeps } from './applicationsDeps';
import { lockApplication } from './applicationRepository';
import { applicationView } from './applicationViews';
import { KIND_RULES } from './kinds';
import { assertEditable, findOwnApplication } from './ownApplication';

export interface AttachmentUpload {
  /** The multipart field `file`, if the request had one. */
  bytes?: Buffer;
  originalName?: string;
  proof: ProofKind;
}

/** The name as the candidate's device had it, without any folder, at most 100 characters. */
const displayName = (name: string | undefined) => path.basename(name ?? '').slice(-100) || '附件';

/**
 * Adds a proof to a 草稿 or to an application being corrected. Its type (JPG/PNG/PDF, by its bytes), its
 * size and the kind's count are all checked before the file is written; the count under the
 * application's lock, so two uploads at once cannot pass the limit together.
 */
export async function uploadAttachment(
  deps: ApplicationsDeps,
  candidateId: number,
  id: number,
  upload: AttachmentUpload,
): Promise<ApplicationView> {
  const { db } = deps;
  if (!upload.bytes) throw new AppError('ATTACHMENT_INVALID', { reason: '请选择文件' });
  const owned = await findOwnApplication(db, candidateId, id);
  assertEditable(owned);
  const rule = KIND_RULES[owned.kind];
  const file = await deps.attachments.check(upload.bytes, rule.maxAttachmentBytes);
  let written: string | null = null;
  try {
    const application = await db.sequelize.transaction(async (transaction) => {
      const locked = (await lockApplication(db, id, transaction))!;
      assertEditable(locked);
      const held = await db.models.ApplicationAttachment.count({ where: { applicationId: id }, transaction });
      if (held >= rule.maxAttachments) {
        throw new AppError('ATTACHMENT_LIMIT_REACHED', {
          kind: CANDIDATE_APPLICATION_KIND_LABELS[locked.kind],
          max: rule.maxAttachments,
        });
      }
      written = await deps.attachments.write(file);
      await db.models.ApplicationAttachment.create(
        {
          applicationId: id,
          proof: upload.proof,
          storedName: written,
          originalName: displayName(upload.originalName),
          mime: file.mime,
          sizeBytes: file.bytes.length,
        },
        { transaction },
      );
      return locked;
    });
    return await applicationView(db, application);
  } catch (error) {
    if (written) await deps.attachments.remove(written);
    throw error;
  }
}
