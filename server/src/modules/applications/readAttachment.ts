import type { Db } from '../../db/models';
import { contentDisposition } from '../../http/contentDisposition';
import { AppError } from '../../http/errors';
import { assertCountyInScope } from '../../kernel/scope';
import type { Official } from '../accounts/models';
import type { ApplicationsDeps } from './applicationsDeps';
import type { CandidateApplication } from './models';
import { findOwnApplication } from './ownApplication';

export interface AttachmentFile {
  bytes: Buffer;
  mime: string;
  disposition: string;
}

async function fileOf(deps: ApplicationsDeps, application: CandidateApplication, attachmentId: number) {
  const attachment = await deps.db.models.ApplicationAttachment.findOne({
    where: { id: attachmentId, applicationId: application.id },
  });
  if (!attachment) throw new AppError('NOT_FOUND', { what: '附件' });
  const extension = { 'image/jpeg': 'jpg', 'image/png': 'png', 'application/pdf': 'pdf' }[attachment.mime] ?? 'bin';
  return {
    bytes: await deps.attachments.read(attachment.storedName),
    mime: attachment.mime,
    disposition: contentDisposition(`attachment-${attachment.id}.${extension}`, attachment.originalName),
  };
}

/** The owner reads their own proofs (another candidate's are "not found"). */
export async function ownAttachment(
  deps: ApplicationsDeps,
  candidateId: number,
  id: number,
  attachmentId: number,
): Promise<AttachmentFile> {
  return fileOf(deps, await findOwnApplication(deps.db, candidateId, id), attachmentId);
}

/** An application an official may see: its county within their scope (the province sees all). */
export async function applicationInScope(db: Db, official: Official, id: number): Promise<CandidateApplication> {
  const application = await db.models.CandidateApplication.findByPk(id);
  if (!application || application.state === 'draft') throw new AppError('NOT_FOUND', { what: '申请' });
  await assertCountyInScope(db, official, application.countyId);
  return application;
}

export async function scopedAttachment(
  deps: ApplicationsDeps,
  official: Official,
  id: number,
  attachmentId: number,
): Promise<AttachmentFile> {
  return fileOf(deps, await applicationInScope(deps.db, official, id), attachmentId);
}
