import type { AdminApplicationView, ApplicationView, CandidateApplicationKind } from '@kaowei/shared';
import { createApplication } from '../../src/modules/applications/createApplication';
import { ApiClient, randomPhone } from './apiClient';
import { signedInOfficial } from './adminSession';
import { insertCandidateWithTicket, insertCatalog } from './fixtures';
import type { TestServer } from './testApp';

const HOUR = 3600_000;

/** A PDF as a phone's scanner makes one (file-type knows it by its header). */
export function pdfBytes(size = 2048): Buffer {
  const head = Buffer.from('%PDF-1.4\n1 0 obj << /Type /Catalog >> endobj\n');
  const tail = Buffer.from('\n%%EOF\n');
  return Buffer.concat([head, Buffer.alloc(Math.max(0, size - head.length - tail.length), 0x20), tail]);
}

/** Standing windows open now (for a day) for these kinds, as the province sets them. */
export async function openWindows(server: TestServer, kinds: CandidateApplicationKind[]) {
  const now = Date.now();
  for (const kind of kinds) {
    await server.db.models.ApplicationWindow.create({
      kind,
      periodId: null,
      opensAt: new Date(now - HOUR),
      closesAt: new Date(now + 24 * HOUR),
    });
  }
}

/**
 * Two counties with their offices signed in, the province, a window open now for 免考 and 信息变更, and
 * a major whose plan holds the own catalog's courses (`planMajorId`, for signedInCandidate).
 */
export async function applicationWorld(server: TestServer) {
  const own = await insertCatalog(server.db, { capacity: 5 });
  const other = await insertCatalog(server.db, { capacity: 5 });
  await openWindows(server, ['exemption', 'info_change']);
  const major = await server.db.models.Major.create({ code: `P${own.countyId}`, name: '汉语言文学', level: '本科' });
  await server.db.models.MajorCourse.bulkCreate(
    own.courseIds.map((courseId) => ({ majorId: major.id, courseId, required: true, credits: null })),
  );
  return {
    own,
    other,
    planMajorId: major.id,
    ownCounty: await signedInOfficial(server, 'county', { countyId: own.countyId }),
    otherCounty: await signedInOfficial(server, 'county', { countyId: other.countyId }),
    province: await signedInOfficial(server, 'province'),
  };
}

/** A candidate of the county with a ticket (of the major, when given), signed in under it (as after 准考证号 login). */
export async function signedInCandidate(server: TestServer, countyId: number, majorId?: number) {
  const person = await insertCandidateWithTicket(server.db, 'applicant', {
    phone: randomPhone(),
    password: 'Apply2027pass',
  });
  await server.db.models.Candidate.update({ countyId }, { where: { id: person.candidateId } });
  if (majorId) await server.db.models.Ticket.update({ majorId }, { where: { id: person.ticketId } });
  const api = new ApiClient(server.baseUrl);
  api.token = server.services.tokens.sign('candidate-access', {
    sub: String(person.candidateId),
    ver: 0,
    tk: person.ticketId,
  });
  return { ...person, api };
}

export type Applicant = Awaited<ReturnType<typeof signedInCandidate>>;

export function createDraft(api: ApiClient, kind: CandidateApplicationKind, form: Record<string, unknown>) {
  return api.post<ApplicationView & { code?: string; message?: string }>('/api/applications', {
    kind,
    noticeAccepted: true,
    form,
  });
}

export function uploadProof(
  api: ApiClient,
  applicationId: number,
  bytes: Buffer,
  options: { name?: string; proof?: string; type?: string } = {},
) {
  const form = new FormData();
  form.append('proof', options.proof ?? 'certificate');
  form.append(
    'file',
    new Blob([new Uint8Array(bytes)], { type: options.type ?? 'application/pdf' }),
    options.name ?? '证书.pdf',
  );
  return api.request<ApplicationView & { code?: string; message?: string }>(
    'POST',
    `/api/applications/${applicationId}/attachments`,
    form,
  );
}

export function submit(api: ApiClient, applicationId: number, form: Record<string, unknown>) {
  return api.put<ApplicationView & { code?: string; message?: string }>(`/api/applications/${applicationId}`, {
    form,
    submit: true,
  });
}

/** The decision of an official on an application, as the admin sends it. */
export function decide(
  official: { api: ApiClient },
  applicationId: number,
  decision: { outcome: 'approve' | 'reject'; reason?: string; scoreReview?: unknown },
) {
  return official.api.post<AdminApplicationView & { code?: string; message?: string }>(
    `/api/admin/applications/${applicationId}/decision`,
    decision,
  );
}

/** A draft of the kind made a year from now, when its window (open today) has closed: the refusal. */
export async function refusedOutsideWindow(server: TestServer, applicant: Applicant, kind: CandidateApplicationKind) {
  const candidate = (await server.db.models.Candidate.findByPk(applicant.candidateId))!;
  const input = { kind, noticeAccepted: true as const, form: {}, submit: false };
  const later = new Date(Date.now() + 365 * 24 * HOUR);
  return createApplication(server.services, candidate, applicant.ticketId, input, later).then(
    () => null,
    (error: unknown) => error,
  );
}
