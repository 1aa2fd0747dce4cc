import {
  ERRORS,
  errorMessage,
  type ExportFormat,
  type ExportKind,
  type PeriodInput,
  type UnitInput,
  cityCreateBody,
  countyCreateBody,
  officialCreateBody,
  officialEditBody,
  type OfficialCreateInput,
  type OfficialEditInput,
  type OfficialView,
  type OfficialWithPassword,
  officialLoginBody,
  ownPasswordChangeBody,
  periodInputBody,
  quotaCellBody,
  reasonBody,
  regionRenameBody,
  ticketStatusBody,
  mergeCandidatesBody,
  type MergeAnswer,
  type MergePreview,
  type TicketStatus,
  type TicketStatusAnswer,
  totpDisableBody,
  totpEnableBody,
  unitInputBody,
  candidateEditBody,
  resetCandidatePasswordBody,
  type CandidateEditAnswer,
  type RecentPhoneBindings,
  majorInputBody,
  majorUpdateBody,
  planCourseBody,
  type MajorDetail,
  type MajorImportAnswer,
  type MajorImportKind,
  type MajorInput,
  type MajorUpdate,
  type MajorView,
  type PlanCourseInput,
  type ImportJobView,
  type TicketVerifyView,
  type CandidateAdmissionTicketsView,
  type TicketReissueAnswer,
} from '@kaowei/shared';
import {
  photoVerdictBody,
  registrationWindowBody,
  type RegistrationWindowInput,
  type RegistrationWindowView,
} from '@kaowei/shared';
import {
  scoreCorrectionBody,
  scoresPublishBody,
  scoreReviewDaysBody,
  type ScoreCorrectionInput,
  type ScoresImportJobView,
  type ScoresPeriodView,
  type ScoreView,
} from '@kaowei/shared';
import {
  roomInputBody,
  venueInputBody,
  venueUpdateBody,
  type RoomInput,
  type VenueImportAnswer,
  type VenueInput,
  type VenueListAnswer,
  type VenueUpdate,
  type VenueView,
} from '@kaowei/shared';
// 考场编排 (#14)
import {
  moveSeatBody,
  startAssignmentBody,
  type AssignmentFillRow,
  type AssignmentRoomSeats,
  type AssignmentRoomView,
  type AssignmentRunView,
  type MoveSeatBody,
  type RoomRosterQuery,
  type StartAssignmentBody,
} from '@kaowei/shared';
import type {
  CertificateImportJobView,
  DeliveryView,
  EventSettingsInput,
  NotificationEventSettingView,
  ScoreStatsAnswer,
} from '@kaowei/shared';
// 业务办理 (#16)
import {
  applicationDecisionBody,
  applicationWindowBody,
  type AdminApplicationView,
  type ApplicationAttachmentView,
  type ApplicationDecisionInput,
  type ApplicationQueueView,
  type ApplicationWindowInput,
  type ApplicationWindowView,
  type CandidateApplicationKind,
  type CandidateApplicationState,
} from '@kaowei/shared';
// 通知公告 (#17)
import {
  announcementCreateBody,
  announcementUpdateBody,
  countyContactBody,
  type AdminAnnouncementView,
  type AnnouncementCreate,
  type AnnouncementUpdate,
  type CountyContactInput,
  type CountyContactView,
} from '@kaowei/shared';
// 群发通知 (#17)
import {
  noticePreviewBody,
  noticeSendBody,
  type NoticePreviewInput,
  type NoticePreviewView,
  type NoticeSendInput,
  type NoticeView,
} from '@kaowei/shared';
import type {
  AuditEntry,
  BookingDetail,
  BookingSummary,
  Captcha,
  CandidateDetail,
  CandidateSummary,
  City,
  County,
  ExamUnit,
  HoldsPerMinute,
  ImportReport,
  LoginResult,
  Me,
  Offering,
  OfficialInfo,
  Paged,
  PaymentException,
  PaymentView,
  Period,
  QuotaCell,
  QuotaGrid,
  ReconcileResult,
  RefundView,
  RegistrationIdentity,
  RegistrationView,
  ReleasePreview,
  SeatsView,
  TotpSetup,
} from './types';

const BASE = '/api';
const SESSION_KEY = 'kaowei.admin.session';

/** An error the server answered ({ code, message }) or one met on the way; `message` is Chinese, for the user. */
export class ApiError extends Error {
  constructor(
    readonly code: string,
    message: string,
    readonly status = 0,
    readonly details?: unknown,
  ) {
    super(message);
    this.name = 'ApiError';
  }
}

export function errorText(error: unknown): string {
  if (error instanceof ApiError) return error.message;
  return ERRORS.INTERNAL_ERROR.message;
}

// ---------------------------------------------------------------- session

export interface Session {
  accessToken: string;
  official: OfficialInfo;
}

export const session = {
  get(): Session | null {
    const raw = sessionStorage.getItem(SESSION_KEY);
    if (!raw) return null;
    try {
      return JSON.parse(raw) as Session;
    } catch {
      return null;
    }
  },
  set(value: Session): void {
    sessionStorage.setItem(SESSION_KEY, JSON.stringify(value));
  },
  clear(): void {
    sessionStorage.removeItem(SESSION_KEY);
  },
};

type ExpiredListener = (message: string) => void;
let expiredListener: ExpiredListener = () => undefined;

/** The app sends the official back to the login page (with the server's message) when the session ends. */
export function onSessionExpired(listener: ExpiredListener): () => void {
  expiredListener = listener;
  return () => {
    if (expiredListener === listener) expiredListener = () => undefined;
  };
}

// ---------------------------------------------------------------- transport

type Query = Record<string, string | number | boolean | null | undefined>;

function url(path: string, query?: Query): string {
  const params = new URLSearchParams();
  for (const [key, value] of Object.entries(query ?? {})) {
    if (value !== undefined && value !== null && value !== '') params.set(key, String(value));
  }
  const qs = params.toString();
  return `${BASE}${path}${qs ? `?${qs}` : ''}`;
}

function authHeaders(): Record<string, string> {
  const token = session.get()?.accessToken;
  return token ? { Authorization: `Bearer ${token}` } : {};
}

/** The ApiError of a failed answer: the server's { code, message } when it sent one. */
function apiErrorOf(status: number, body: unknown): ApiError {
  const { code, message, details } = (body ?? {}) as { code?: string; message?: string; details?: unknown };
  if (code && message) return new ApiError(code, message, status, details);
  if (status === 413) return new ApiError('PAYLOAD_TOO_LARGE', errorMessage('PAYLOAD_TOO_LARGE'), 413);
  return new ApiError(`HTTP_${status}`, ERRORS.INTERNAL_ERROR.message, status);
}

/** A signed-in request answered 401: the session is over; back to the login page with the reason. */
function checkExpired(error: ApiError, hadToken: boolean): ApiError {
  if (hadToken && error.status === 401) {
    session.clear();
    const message = error.code === 'TOKEN_EXPIRED' ? error.message : '登录已失效，请重新登录';
    expiredListener(message);
    return new ApiError(error.code, message, 401);
  }
  return error;
}

async function send(method: string, path: string, options: { query?: Query; body?: unknown } = {}): Promise<Response> {
  const headers: Record<string, string> = { Accept: 'application/json', ...authHeaders() };
  const hadToken = 'Authorization' in headers;
  if (options.body !== undefined) headers['Content-Type'] = 'application/json';
  let response: Response;
  try {
    response = await fetch(url(path, options.query), {
      method,
      headers,
      body: options.body === undefined ? undefined : JSON.stringify(options.body),
    });
  } catch {
    throw new ApiError('NETWORK_ERROR', '网络异常，请检查网络后重试');
  }
  if (!response.ok) throw checkExpired(apiErrorOf(response.status, parseJson(await response.text())), hadToken);
  return response;
}

async function request<T>(method: string, path: string, options: { query?: Query; body?: unknown } = {}): Promise<T> {
  const response = await send(method, path, options);
  if (response.status === 204) return undefined as T;
  return (await response.json()) as T;
}

const get = <T>(path: string, query?: Query) => request<T>('GET', path, { query });
const post = <T>(path: string, body: unknown = {}, query?: Query) => request<T>('POST', path, { body, query });
const put = <T>(path: string, body: unknown) => request<T>('PUT', path, { body });
const del = <T>(path: string) => request<T>('DELETE', path);

/** The part of a zod schema the admin uses (admin does not depend on zod itself). */
interface Schema<T> {
  safeParse(
    value: unknown,
  ): { success: true; data: T } | { success: false; error: { issues: Array<{ message: string }> } };
}

/** Checks a form with the shared zod schema, so the user reads the same Chinese message the server would send. */
export function validate<T>(schema: Schema<T>, value: unknown): T {
  const result = schema.safeParse(value);
  if (!result.success)
    throw new ApiError('VALIDATION_FAILED', result.error.issues[0]?.message ?? '提交的信息有误', 400);
  return result.data;
}

/** A file fetched with the bearer token (photos, exports). */
async function fetchBlob(path: string, query?: Query): Promise<{ blob: Blob; filename: string | null }> {
  const response = await send('GET', path, { query });
  return { blob: await response.blob(), filename: filenameOf(response.headers.get('Content-Disposition')) };
}

function filenameOf(disposition: string | null): string | null {
  if (!disposition) return null;
  const star = /filename\*=(?:UTF-8'')?([^;]+)/i.exec(disposition);
  if (star?.[1]) return decodeURIComponent(star[1].trim().replace(/^"|"$/g, ''));
  const plain = /filename="?([^";]+)"?/i.exec(disposition);
  return plain?.[1] ?? null;
}

/** Saves a blob as a download through an object URL. */
function saveBlob(blob: Blob, filename: string): void {
  const href = URL.createObjectURL(blob);
  const link = document.createElement('a');
  link.href = href;
  link.download = filename;
  document.body.appendChild(link);
  link.click();
  link.remove();
  setTimeout(() => URL.revokeObjectURL(href), 10_000);
}

function parseJson(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return null;
  }
}

/** Multipart upload through XMLHttpRequest, which reports upload progress (0–1); several files by field name. */
function upload<T>(
  path: string,
  file: File | Record<string, File>,
  query: Query,
  onProgress: (fraction: number) => void,
): Promise<T> {
  return new Promise<T>((resolve, reject) => {
    const xhr = new XMLHttpRequest();
    const headers = authHeaders();
    xhr.open('POST', url(path, query));
    for (const [name, value] of Object.entries(headers)) xhr.setRequestHeader(name, value);
    xhr.setRequestHeader('Accept', 'application/json');
    xhr.upload.onprogress = (event) => {
      if (event.lengthComputable) onProgress(event.loaded / event.total);
    };
    xhr.onerror = () => reject(new ApiError('NETWORK_ERROR', '网络异常，请检查网络后重试'));
    xhr.onload = () => {
      onProgress(1);
      const body = parseJson(xhr.responseText);
      if (xhr.status >= 200 && xhr.status < 300) return resolve(body as T);
      reject(checkExpired(apiErrorOf(xhr.status, body), 'Authorization' in headers));
    };
    const form = new FormData();
    for (const [field, value] of Object.entries(file instanceof File ? { file } : file)) form.append(field, value);
    xhr.send(form);
  });
}

// ---------------------------------------------------------------- endpoints by area

export interface PageQuery {
  page?: number;
  pageSize?: number;
}

export const authApi = {
  captcha: () => get<Captcha>('/captcha'),
  login: (input: {
    username: string;
    password: string;
    captchaId?: string;
    captchaAnswer?: string;
    totpCode?: string;
  }) => post<LoginResult>('/admin/login', validate(officialLoginBody, input)),
  me: () => get<Me>('/admin/me'),
  totpSetup: () => post<TotpSetup>('/admin/me/totp/setup'),
  totpEnable: (secret: string, code: string) =>
    post<{ totpEnabled: boolean }>('/admin/me/totp/enable', validate(totpEnableBody, { secret, code })),
  totpDisable: (code: string) =>
    post<{ totpEnabled: boolean }>('/admin/me/totp/disable', validate(totpDisableBody, { code })),
  /** 修改密码: the answer is a fresh session (every other one has ended). */
  changePassword: (oldPassword: string, newPassword: string) =>
    post<LoginResult>('/admin/me/password', validate(ownPasswordChangeBody, { oldPassword, newPassword })),
  signOutEverywhere: () => post<{ ok: true }>('/admin/me/sign-out-everywhere'),
};

export const regionsApi = {
  list: () => get<{ cities: City[] }>('/admin/regions'),
  createCity: (code: string, name: string) => post<City>('/admin/cities', validate(cityCreateBody, { code, name })),
  renameCity: (id: number, name: string) => put<County>(`/admin/cities/${id}`, validate(regionRenameBody, { name })),
  createCounty: (cityId: number, code: string, name: string) =>
    post<County>('/admin/counties', validate(countyCreateBody, { cityId, code, name })),
  renameCounty: (id: number, name: string) =>
    put<County>(`/admin/counties/${id}`, validate(regionRenameBody, { name })),
};

export const periodsApi = {
  list: () => get<{ items: Period[] }>('/admin/periods'),
  get: (id: number) => get<Period>(`/admin/periods/${id}`),
  create: (input: PeriodInput) => post<Period>('/admin/periods', validate(periodInputBody, input)),
  update: (id: number, input: PeriodInput) => put<Period>(`/admin/periods/${id}`, validate(periodInputBody, input)),
  units: (id: number) => get<{ items: ExamUnit[] }>(`/admin/periods/${id}/units`),
  createUnit: (periodId: number, input: UnitInput) =>
    post<ExamUnit>(`/admin/periods/${periodId}/units`, validate(unitInputBody, input)),
  updateUnit: (id: number, input: UnitInput) => put<ExamUnit>(`/admin/units/${id}`, validate(unitInputBody, input)),
  deleteUnit: (id: number) => del<unknown>(`/admin/units/${id}`),
  offerings: (id: number) => get<{ items: Offering[] }>(`/admin/periods/${id}/offerings`),
  deleteOffering: (id: number) => del<unknown>(`/admin/offerings/${id}`),
  importOfferings: (periodId: number, file: File, dryRun: boolean, onProgress: (fraction: number) => void) =>
    upload<ImportReport>(`/admin/periods/${periodId}/offerings/import`, file, { dryRun: dryRun ? 1 : 0 }, onProgress),
};

export const quotasApi = {
  grid: (periodId: number) => get<QuotaGrid>(`/admin/periods/${periodId}/quotas`),
  set: (periodId: number, cell: { countyId: number; unitId: number; capacity: number }) =>
    put<QuotaCell>(`/admin/periods/${periodId}/quotas`, validate(quotaCellBody, cell)),
};

export const seatsApi = {
  live: (periodId: number) => get<SeatsView>(`/admin/periods/${periodId}/seats`),
  holdsPerMinute: (periodId: number, minutes = 60) =>
    get<HoldsPerMinute>(`/admin/periods/${periodId}/holds-per-minute`, { minutes }),
  releasePreview: (periodId: number) => get<ReleasePreview>(`/admin/periods/${periodId}/release-preview`),
  release: (periodId: number) =>
    post<{ released: number; paidMeanwhile: number }>(`/admin/periods/${periodId}/release`),
};

export const candidatesApi = {
  search: (q: string, paging: PageQuery = {}) => get<Paged<CandidateSummary>>('/admin/candidates', { q, ...paging }),
  get: (id: number) => get<CandidateDetail>(`/admin/candidates/${id}`),
  /** `phoneOnFile`: a number replaces the phone on file, null clears it, left out it stays. */
  resetPassword: (id: number, reason: string, phoneOnFile?: string | null) =>
    post<{ ok: true }>(
      `/admin/candidates/${id}/reset-password`,
      validate(resetCandidatePasswordBody, { reason, phoneOnFile }),
    ),
  unbindPhone: (id: number, reason: string) =>
    post<unknown>(`/admin/candidates/${id}/unbind-phone`, validate(reasonBody, { reason })),
  changeTicketStatus: (ticketId: number, status: TicketStatus, reason: string) =>
    put<TicketStatusAnswer>(`/admin/tickets/${ticketId}/status`, validate(ticketStatusBody, { status, reason })),
  admissionTickets: (id: number) => get<CandidateAdmissionTicketsView>(`/admin/candidates/${id}/admission-tickets`),
  reissueTicket: (id: number, periodId: number, reason: string) =>
    post<TicketReissueAnswer>(
      `/admin/candidates/${id}/admission-tickets/${periodId}/reissue`,
      validate(reasonBody, { reason }),
    ),
};

export const registrationsApi = {
  list: (state?: string) => get<{ items: RegistrationView[] }>('/admin/registrations', { state }),
  get: (id: number) => get<RegistrationView>(`/admin/registrations/${id}`),
  /** The full ID number and birth date: provincial office and the reviewing county only; each call is audited. */
  identity: (id: number) => get<RegistrationIdentity>(`/admin/registrations/${id}/identity`),
  photo: async (id: number) => (await fetchBlob(`/admin/registrations/${id}/photo`)).blob,
  approve: (id: number) => post<RegistrationView>(`/admin/registrations/${id}/approve`),
  reject: (id: number, reason: string) =>
    post<RegistrationView>(`/admin/registrations/${id}/reject`, validate(reasonBody, { reason })),
  idCardImage: async (id: number) => (await fetchBlob(`/admin/registrations/${id}/id-card-image`)).blob,
  /** 照片合格, or 不合格 with the reason the candidate sees. */
  judgePhoto: (id: number, verdict: 'approved' | 'rejected', reason?: string) =>
    post<RegistrationView>(`/admin/registrations/${id}/photo-verdict`, validate(photoVerdictBody, { verdict, reason })),
  windows: () => get<{ items: RegistrationWindowView[] }>('/admin/registration-windows'),
  addWindow: (input: RegistrationWindowInput) =>
    post<RegistrationWindowView>('/admin/registration-windows', validate(registrationWindowBody, input)),
  removeWindow: (id: number) => del(`/admin/registration-windows/${id}`),
};

interface BookingFilters extends PageQuery {
  periodId?: number;
  countyId?: number;
  state?: string;
  q?: string;
}

export const bookingsApi = {
  list: (filters: BookingFilters) => get<Paged<BookingSummary>>('/admin/bookings', { ...filters }),
  get: (id: number) => get<BookingDetail>(`/admin/bookings/${id}`),
};

export const paymentsApi = {
  list: (filters: PageQuery & { periodId?: number; state?: string; q?: string }) =>
    get<Paged<PaymentView>>('/admin/payments', { ...filters }),
  refunds: (filters: PageQuery & { periodId?: number; kind?: string; state?: string }) =>
    get<Paged<RefundView>>('/admin/refunds', { ...filters }),
  refund: (outTradeNo: string, reason: string) =>
    post<unknown>(`/admin/orders/${encodeURIComponent(outTradeNo)}/refund`, validate(reasonBody, { reason })),
  exceptions: () => get<{ items: PaymentException[] }>('/admin/payment-exceptions'),
  resolveException: (id: number, note: string) =>
    post<{ id: number; resolvedAt: string }>(
      `/admin/payment-exceptions/${id}/resolve`,
      validate(reasonBody, { reason: note }),
    ),
  reconcile: (billDate: string) => post<ReconcileResult>('/admin/reconciliations', { billDate }),
};

export const exportsApi = {
  download: async (what: ExportKind, format: ExportFormat, query: Query) => {
    const { blob, filename } = await fetchBlob(`/admin/exports/${what}.${format}`, query);
    saveBlob(blob, filename ?? `${what}.${format}`);
  },
};

interface AuditFilters extends PageQuery {
  actor?: string;
  action?: string;
  entityType?: string;
  entityId?: string;
  from?: string;
  to?: string;
}

/** Notifications (#17): the delivery log of messages to candidates in scope. */
export const notificationsApi = {
  deliveries: (filters: PageQuery & { event?: string; state?: string }) =>
    get<Paged<DeliveryView>>('/admin/notifications/deliveries', { ...filters }),
  eventSettings: () => get<NotificationEventSettingView[]>('/admin/notifications/event-settings'),
  saveEventSettings: (input: EventSettingsInput) =>
    put<NotificationEventSettingView[]>('/admin/notifications/event-settings', input),
};

export const auditApi = {
  list: (filters: AuditFilters) => get<Paged<AuditEntry>>('/admin/audit', { ...filters }),
};

/** Enrolled candidates (issue #13): details edits and the recent phone bindings a county may undo. */
export const candidateRecordsApi = {
  edit: (id: number, input: Record<string, unknown>) =>
    put<CandidateEditAnswer>(`/admin/candidates/${id}`, validate(candidateEditBody, input)),
  recentBindings: (paging: PageQuery = {}) => get<RecentPhoneBindings>('/admin/phone-bindings', { ...paging }),
  undoBinding: (id: number, reason: string) =>
    post<{ ok: true }>(`/admin/candidates/${id}/undo-phone-binding`, validate(reasonBody, { reason })),
};

export const officialsApi = {
  list: (filters: PageQuery & { q?: string; role?: string }) =>
    get<Paged<OfficialView>>('/admin/officials', { ...filters }),
  create: (input: OfficialCreateInput) =>
    post<OfficialWithPassword>('/admin/officials', validate(officialCreateBody, input)),
  edit: (id: number, input: OfficialEditInput) =>
    put<OfficialView>(`/admin/officials/${id}`, validate(officialEditBody, input)),
  /** 停用, 启用, 重置动态验证码, each with a reason for the audit log. */
  act: (id: number, action: 'disable' | 'enable' | 'reset-totp', reason: string) =>
    post<OfficialView>(`/admin/officials/${id}/${action}`, validate(reasonBody, { reason })),
  resetPassword: (id: number, reason: string) =>
    post<OfficialWithPassword>(`/admin/officials/${id}/reset-password`, validate(reasonBody, { reason })),
};

export const majorsApi = {
  list: () => get<{ items: MajorView[] }>('/admin/majors'),
  get: (id: number) => get<MajorDetail>(`/admin/majors/${id}`),
  create: (input: MajorInput) => post<MajorDetail>('/admin/majors', validate(majorInputBody, input)),
  update: (id: number, input: MajorUpdate) => put<MajorDetail>(`/admin/majors/${id}`, validate(majorUpdateBody, input)),
  setCourse: (id: number, input: PlanCourseInput) =>
    post<MajorDetail>(`/admin/majors/${id}/courses`, validate(planCourseBody, input)),
  removeCourse: (id: number, courseCode: string) =>
    del<MajorDetail>(`/admin/majors/${id}/courses/${encodeURIComponent(courseCode)}`),
  import: (kind: MajorImportKind, file: File, dryRun: boolean, onProgress: (fraction: number) => void) =>
    upload<MajorImportAnswer>('/admin/majors/import', file, { kind, dryRun: dryRun ? 1 : 0 }, onProgress),
  template: async (kind: MajorImportKind) => {
    const { blob, filename } = await fetchBlob('/admin/majors/import-template', { kind });
    saveBlob(blob, filename ?? `${kind}-template.xlsx`);
  },
};

/** 合档 (#13, provincial office): preview by the other record's id or document number, then merge with a reason. */
export const mergeApi = {
  preview: (keepId: number, other: { otherId?: number; documentNo?: string }) =>
    get<MergePreview>(`/admin/candidates/${keepId}/merge-preview`, other),
  merge: (keepId: number, otherId: number, reason: string) =>
    post<MergeAnswer>(`/admin/candidates/${keepId}/merge`, validate(mergeCandidatesBody, { otherId, reason })),
};

export const enrolledImportApi = {
  template: async (format: 'xlsx' | 'tickets.csv' | 'passed.csv') => {
    const path = format === 'xlsx' ? 'template.xlsx' : `template-${format}`;
    const { blob, filename } = await fetchBlob(`/admin/imports/enrolled/${path}`);
    saveBlob(blob, filename ?? path);
  },
  /** The workbook, or the 考籍 CSV with the 已合格课程 CSV if there is one. */
  upload: (files: { file: File; passedFile?: File }, onProgress: (fraction: number) => void) =>
    upload<ImportJobView>(
      '/admin/imports/enrolled',
      files.passedFile ? { file: files.file, passedFile: files.passedFile } : { file: files.file },
      {},
      onProgress,
    ),
  list: () => get<{ items: ImportJobView[] }>('/admin/imports/enrolled'),
  get: (id: number) => get<ImportJobView>(`/admin/imports/enrolled/${id}`),
  start: (id: number) => post<ImportJobView>(`/admin/imports/enrolled/${id}/start`),
};

/** 考点考场 (#14): venues and rooms of the official's districts, closures per unit, the import. */
export const venuesApi = {
  list: (query: { periodId?: number; countyId?: number }) => get<VenueListAnswer>('/admin/venues', query),
  create: (input: VenueInput) => post<VenueView>('/admin/venues', validate(venueInputBody, input)),
  update: (id: number, input: VenueUpdate) => put<VenueView>(`/admin/venues/${id}`, validate(venueUpdateBody, input)),
  remove: (id: number) => del<unknown>(`/admin/venues/${id}`),
  addRoom: (id: number, input: RoomInput) =>
    post<VenueView>(`/admin/venues/${id}/rooms`, validate(roomInputBody, input)),
  updateRoom: (id: number, roomId: number, input: RoomInput) =>
    put<VenueView>(`/admin/venues/${id}/rooms/${roomId}`, validate(roomInputBody, input)),
  removeRoom: (id: number, roomId: number) => del<VenueView>(`/admin/venues/${id}/rooms/${roomId}`),
  close: (id: number, unitId: number) => post<VenueView>(`/admin/venues/${id}/closures`, { unitId }),
  reopen: (id: number, unitId: number) => del<VenueView>(`/admin/venues/${id}/closures/${unitId}`),
  import: (file: File, dryRun: boolean, onProgress: (fraction: number) => void) =>
    upload<VenueImportAnswer>('/admin/venues/import', file, { dryRun: dryRun ? 1 : 0 }, onProgress),
  template: async () => {
    const { blob, filename } = await fetchBlob('/admin/venues/import-template');
    saveBlob(blob, filename ?? 'venues-template.xlsx');
  },
};

/** 考场编排 (#14): runs, fill per county × unit, a room's seats, moving a candidate. */
export const assignmentApi = {
  start: (body: StartAssignmentBody) =>
    post<AssignmentRunView>('/admin/assignment/runs', validate(startAssignmentBody, body)),
  runs: (periodId: number) => get<AssignmentRunView[]>('/admin/assignment/runs', { periodId }),
  run: (id: number) => get<AssignmentRunView>(`/admin/assignment/runs/${id}`),
  fill: (periodId: number) => get<AssignmentFillRow[]>('/admin/assignment/fill', { periodId }),
  rooms: (group: { periodId: number; countyId: number; unitId: number }) =>
    get<AssignmentRoomView[]>('/admin/assignment/rooms', group),
  seats: (roomId: number, group: { periodId: number; unitId: number }) =>
    get<AssignmentRoomSeats>(`/admin/assignment/rooms/${roomId}/seats`, group),
  move: (assignmentId: number, body: MoveSeatBody) =>
    post<{ id: number; roomId: number; seatNo: number }>(
      `/admin/assignment/seats/${assignmentId}/move`,
      validate(moveSeatBody, body),
    ),
  /** Saves a room's 座次表 or 签到表 PDF. */
  roster: async (roomId: number, query: RoomRosterQuery) => {
    const { blob, filename } = await fetchBlob(`/admin/assignment/rooms/${roomId}/roster`, query);
    saveBlob(blob, filename ?? `roster-${query.kind}-${roomId}.pdf`);
  },
};

/** 准考证扫码核验 (#14): what the QR token of a printed ticket names, for an official of the exam county. */
export const ticketVerifyApi = {
  verify: (token: string) => get<TicketVerifyView>('/admin/admission/verify', { token }),
  photo: async (token: string) => (await fetchBlob('/admin/admission/verify/photo', { token })).blob,
};

/** 成绩导入与发布 (#15, province): periods with their publish time, the import, 成绩更正. */
export const scoresApi = {
  periods: () => get<ScoresPeriodView[]>('/admin/scores/periods'),
  setPublishTime: (periodId: number, scoresPublishAt: string | null) =>
    put<Pick<ScoresPeriodView, 'id' | 'scoresPublishAt' | 'published'>>(
      `/admin/scores/periods/${periodId}/publish-time`,
      validate(scoresPublishBody, { scoresPublishAt }),
    ),
  template: async (format: 'xlsx' | 'csv') => {
    const { blob, filename } = await fetchBlob(`/admin/scores/template.${format}`);
    saveBlob(blob, filename ?? `scores-template.${format}`);
  },
  upload: (periodId: number, file: File, onProgress: (fraction: number) => void) =>
    upload<ScoresImportJobView>('/admin/scores/imports', { file }, { periodId }, onProgress),
  jobs: (periodId: number) => get<{ items: ScoresImportJobView[] }>('/admin/scores/imports', { periodId }),
  job: (id: number) => get<ScoresImportJobView>(`/admin/scores/imports/${id}`),
  start: (id: number) => post<ScoresImportJobView>(`/admin/scores/imports/${id}/start`),
  setReviewDays: (periodId: number, scoreReviewDays: number) =>
    put<Pick<ScoresPeriodView, 'id' | 'scoreReviewDays'>>(
      `/admin/scores/periods/${periodId}/score-review-days`,
      validate(scoreReviewDaysBody, { scoreReviewDays }),
    ),
  find: (query: { periodId: number; ticketNo: string; courseCode: string }) => get<ScoreView>('/admin/scores', query),
  correct: (id: number, input: ScoreCorrectionInput) =>
    put<{ changed: boolean; score: ScoreView }>(`/admin/scores/${id}`, validate(scoreCorrectionBody, input)),
};

/** 证书导入 (#15, province): template, upload with dry run, start, progress. */
export const certificateImportApi = {
  template: async (format: 'xlsx' | 'csv') => {
    const { blob, filename } = await fetchBlob(`/admin/imports/certificates/template.${format}`);
    saveBlob(blob, filename ?? `certificates-template.${format}`);
  },
  upload: (files: { file: File }, onProgress: (fraction: number) => void) =>
    upload<CertificateImportJobView>('/admin/imports/certificates', files, {}, onProgress),
  list: () => get<{ items: CertificateImportJobView[] }>('/admin/imports/certificates'),
  get: (id: number) => get<CertificateImportJobView>(`/admin/imports/certificates/${id}`),
  start: (id: number) => post<CertificateImportJobView>(`/admin/imports/certificates/${id}/start`),
};

/** 成绩统计 (#15): per course within the official's counties, and its Excel export. */
export const scoreStatsApi = {
  get: (query: { periodId: number; courseId?: number }) => get<ScoreStatsAnswer>('/admin/score-stats', query),
  download: async (query: { periodId: number; courseId?: number }) => {
    const { blob, filename } = await fetchBlob('/admin/score-stats.xlsx', query);
    saveBlob(blob, filename ?? 'score-stats.xlsx');
  },
};

/** 业务审核 (#16): queues per kind within scope, one application, its proofs, decisions; windows (province). */
export const applicationsApi = {
  queue: (
    query: PageQuery & { kind: CandidateApplicationKind; state?: CandidateApplicationState; countyId?: number },
  ) => get<ApplicationQueueView>('/admin/applications', { ...query }),
  get: (id: number) => get<AdminApplicationView>(`/admin/applications/${id}`),
  /** A proof fetched with the bearer token: never a static address. */
  attachment: async (id: number, attachmentId: number) =>
    (await fetchBlob(`/admin/applications/${id}/attachments/${attachmentId}`)).blob,
  download: async (id: number, attachment: ApplicationAttachmentView) => {
    const { blob, filename } = await fetchBlob(`/admin/applications/${id}/attachments/${attachment.id}`);
    saveBlob(blob, filename ?? attachment.originalName);
  },
  /** 转出证明 (approved 转出): the PDF drawn from what the approval froze. */
  transferCertificate: async (id: number) => {
    const { blob, filename } = await fetchBlob(`/admin/applications/${id}/transfer-certificate`);
    saveBlob(blob, filename ?? `转出证明-${id}.pdf`);
  },
  decide: (id: number, input: ApplicationDecisionInput) =>
    post<AdminApplicationView>(`/admin/applications/${id}/decision`, validate(applicationDecisionBody, input)),
  windows: () => get<{ items: ApplicationWindowView[] }>('/admin/application-windows'),
  addWindow: (input: ApplicationWindowInput) =>
    post<ApplicationWindowView>('/admin/application-windows', validate(applicationWindowBody, input)),
  removeWindow: (id: number) => del<unknown>(`/admin/application-windows/${id}`),
};

/** 通知公告 and 联系方式 (#17): announcements of the official's districts and their county offices' contacts. */
export const announcementsApi = {
  list: () => get<AdminAnnouncementView[]>('/admin/announcements'),
  create: (input: AnnouncementCreate) =>
    post<AdminAnnouncementView>('/admin/announcements', validate(announcementCreateBody, input)),
  update: (id: number, input: AnnouncementUpdate) =>
    put<AdminAnnouncementView>(`/admin/announcements/${id}`, validate(announcementUpdateBody, input)),
  withdraw: (id: number) => post<AdminAnnouncementView>(`/admin/announcements/${id}/withdraw`),
  contacts: () => get<CountyContactView[]>('/admin/contacts'),
  setContact: (countyId: number, input: CountyContactInput) =>
    put<CountyContactView>(`/admin/contacts/${countyId}`, validate(countyContactBody, input)),
};

/** 群发通知 (#17): the office's bulk notices (the delivery log is notificationsApi's). */
export const noticesApi = {
  preview: (input: NoticePreviewInput) =>
    post<NoticePreviewView>('/admin/notices/preview', validate(noticePreviewBody, input)),
  send: (input: NoticeSendInput) => post<NoticeView>('/admin/notices', validate(noticeSendBody, input)),
  list: (paging: PageQuery = {}) => get<Paged<NoticeView>>('/admin/notices', { ...paging }),
};
