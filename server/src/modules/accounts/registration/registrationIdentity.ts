import { DOCUMENT_TYPE_LABELS, type RegistrationIdentity } from '@kaowei/shared';
import { AppError } from '../../../http/errors';
import type { RequestInfo } from '../../../kernel/audit';
import { writeAudit } from '../../../kernel/audit';
import { officialActor } from '../../../kernel/actor';
import type { Official } from '../models';
import type { RegistrationDeps } from './registrationDeps';
import { getRegistration } from './reviewRegistration';
import { applicationDocument, resolveDocument } from './submitRegistration';

/**
 * 审核查看完整证件号码: the reviewer compares the full document number and birth date with the photo and the
 * papers. Only the provincial office and the county office the application was made to may see them
 * (a city office reviews with the masked number), and every view is in the audit log.
 */
export async function viewRegistrationIdentity(
  deps: RegistrationDeps,
  official: Official,
  id: number,
  request: RequestInfo,
): Promise<RegistrationIdentity> {
  const application = await getRegistration(deps, official, id);
  const reviewingCounty = official.role === 'county' && official.countyId === application.countyId;
  if (official.role !== 'province' && !reviewingCounty) throw new AppError('FORBIDDEN');
  const document = applicationDocument(deps, application);
  await deps.db.sequelize.transaction((transaction) =>
    writeAudit(
      deps.db,
      officialActor(official),
      {
        action: 'registration.view_identity',
        entityType: 'application',
        entityId: application.id,
        after: { idCardNoMasked: application.idCardMasked },
        countyId: application.countyId,
        ...request,
      },
      transaction,
    ),
  );
  const { birthDate } = resolveDocument(document, {
    gender: application.gender,
    birthDate: application.payload?.birthDate ?? undefined,
  });
  return {
    applicationId: application.id,
    documentType: document.documentType,
    documentTypeName: DOCUMENT_TYPE_LABELS[document.documentType],
    idCardNo: document.idCardNo,
    birthDate,
  };
}
