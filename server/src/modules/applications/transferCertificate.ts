import { contentDisposition } from '../../http/contentDisposition';
import { AppError } from '../../http/errors';
import type { Official } from '../accounts/models';
import type { ApplicationsDeps } from './applicationsDeps';
import type { TransferCertificate } from './effects/transferOutEffect';
import type { CandidateApplication } from './models';
import type { AttachmentFile } from './readAttachment';
import { applicationInScope } from './readAttachment';
import { findOwnApplication } from './ownApplication';
import { renderTransferCertificate } from './transferCertificatePdf';

/** The 转出证明 of an approved 转出, drawn on request from what the approval froze. */
async function certificateOf(application: CandidateApplication): Promise<AttachmentFile> {
  const content = (application.after as { certificate?: TransferCertificate } | null)?.certificate;
  if (application.kind !== 'transfer_out' || application.state !== 'approved' || !content) {
    throw new AppError('TRANSFER_CERTIFICATE_UNAVAILABLE');
  }
  return {
    bytes: await renderTransferCertificate(application.id, content, application.decidedAt!),
    mime: 'application/pdf',
    disposition: contentDisposition(`transfer-out-${application.id}.pdf`, `转出证明-${content.ticketNo}.pdf`),
  };
}

/** The owner's 转出证明 (another candidate's application is "not found"). */
export async function ownTransferCertificate(deps: ApplicationsDeps, candidateId: number, id: number) {
  return certificateOf(await findOwnApplication(deps.db, candidateId, id));
}

/** An official's copy, within their districts. */
export async function scopedTransferCertificate(deps: ApplicationsDeps, official: Official, id: number) {
  return certificateOf(await applicationInScope(deps.db, official, id));
}
