/**
 * Stable error codes shared by the server, the mini-program and the admin.
 * Codes never change once published; messages are what a candidate or official reads.
 * `{name}` placeholders are filled from the error's params.
 */
export const ERRORS = {
  // generic
  VALIDATION_FAILED: { status: 400, message: '提交的信息有误：{detail}' },
  UNAUTHENTICATED: { status: 401, message: '请先登录' },
  TOKEN_EXPIRED: { status: 401, message: '登录已过期，请重新登录' },
  FORBIDDEN: { status: 403, message: '没有权限进行此操作' },
  NOT_FOUND: { status: 404, message: '{what}不存在' },
  ROUTE_NOT_FOUND: { status: 404, message: '请求的接口不存在' },
  CONFLICT: { status: 409, message: '数据已被修改，请刷新后重试' },
  RATE_LIMITED: { status: 429, message: '操作过于频繁，请稍后再试' },
  PAYLOAD_TOO_LARGE: { status: 413, message: '提交的内容过大' },
  METHOD_NOT_ALLOWED: { status: 405, message: '该接口不支持此请求方法' },
  UNSUPPORTED_MEDIA_TYPE: { status: 415, message: '不支持的请求内容格式或编码' },
  INTERNAL_ERROR: { status: 500, message: '系统繁忙，请稍后再试' },
  SERVICE_UNAVAILABLE: { status: 503, message: '服务暂不可用，请稍后再试' },
  BUSY: { status: 503, message: '系统繁忙，请稍后再试' },
  DATABASE_UNREACHABLE: { status: 503, message: '数据库暂时无法连接，请稍后再试' },
  MIGRATIONS_PENDING: { status: 503, message: '数据库结构尚未升级完成，请稍后再试' },

  // field formats
  INVALID_ID_CARD_NO: { status: 400, message: '身份证号码不正确：{reason}' },
  INVALID_DOCUMENT_NO: { status: 400, message: '{documentType}号码不正确：{reason}' },
  INVALID_PHONE: { status: 400, message: '手机号码不正确，请输入11位手机号码' },
  INVALID_COURSE_CODE: { status: 400, message: '课程代码“{code}”不正确，课程代码为5位数字' },
  INVALID_TICKET_NO: { status: 400, message: '准考证号不正确，准考证号为12位数字' },
  INVALID_SMS_CODE_FORMAT: { status: 400, message: '短信验证码为6位数字' },
  PASSWORD_TOO_WEAK: { status: 400, message: '密码不符合要求：{reason}' },

  // accounts
  CAPTCHA_REQUIRED: { status: 400, message: '请输入图片验证码' },
  CAPTCHA_INVALID: { status: 400, message: '图片验证码错误或已过期，请重新获取' },
  LOGIN_FAILED: { status: 401, message: '准考证号（证件号码）或密码错误' },
  ACCOUNT_LOCKED: { status: 429, message: '登录失败次数过多，请于{until}后再试' },
  TICKET_INACTIVE: {
    status: 403,
    message: '准考证{ticketNo}{status}，不能登录报考或缴费。如有疑问，请联系所在县（市、区）自考办',
  },
  PHONE_BIND_REQUIRED: { status: 403, message: '首次登录请先绑定手机' },
  PASSWORD_CHANGE_REQUIRED: { status: 403, message: '请先修改初始密码' },
  PHONE_ALREADY_BOUND: { status: 409, message: '该手机号码已被其他考生绑定' },
  SMS_CODE_INVALID: { status: 400, message: '短信验证码错误' },
  SMS_CODE_EXPIRED: { status: 400, message: '短信验证码已失效，请重新获取' },
  SMS_TOO_FREQUENT: { status: 429, message: '短信发送过于频繁，请于{seconds}秒后再试' },
  SMS_SEND_FAILED: { status: 502, message: '短信发送失败，请稍后再试' },
  SMS_LIMIT_REACHED: { status: 429, message: '该手机号码获取验证码次数过多，请稍后再试' },
  PHONE_NOT_MAINLAND: { status: 400, message: '仅支持中国大陆手机号码' },
  PHONE_NOT_BOUND: { status: 400, message: '尚未绑定手机' },
  OLD_PASSWORD_WRONG: { status: 400, message: '原密码不正确' },
  WECHAT_CODE_INVALID: { status: 400, message: '微信登录凭证无效或已使用，请重试' },
  WECHAT_BUSY: { status: 503, message: '微信服务繁忙，请稍后再试' },
  WECHAT_ALREADY_LINKED: { status: 409, message: '该微信已绑定其他考生' },
  ALREADY_REGISTERED: { status: 409, message: '该身份证号码已有准考证，请直接登录' },
  REGISTRATION_EXISTS: { status: 409, message: '该证件号码已提交新生注册申请，请查询注册进度' },
  REGISTRATION_FROZEN: { status: 409, message: '申请已审核通过，信息不能修改' },
  REGISTRATION_WITHDRAWN: {
    status: 409,
    message: '注册申请未在审核截止时间（{reviewClosesAt}）前通过审核，已视为放弃，请在下次注册时间内重新注册',
  },
  APPLICATION_ALREADY_DECIDED: { status: 409, message: '该申请已审核，不能重复处理' },
  PHOTO_INVALID: { status: 400, message: '照片不符合要求：{reason}' },
  PHOTO_NOT_APPROVED: { status: 409, message: '照片审核不合格，请待考生重新上传照片后再审核通过' },
  PHOTO_ALREADY_JUDGED: { status: 409, message: '照片状态已变化，请刷新后重试' },

  // catalog and booking
  BOOKING_WINDOW_CLOSED: { status: 403, message: '当前不在报考时间内（报考时间：{opensAt} 至 {closesAt}）' },
  PAYMENT_WINDOW_CLOSED: { status: 403, message: '当前不在缴费时间内（缴费时间：{window}）' },
  NOTICE_NOT_ACKNOWLEDGED: { status: 403, message: '请先阅读并同意报考须知' },
  COURSE_NOT_OFFERED: { status: 400, message: '课程“{code}”本次考试未开考' },
  COURSE_UNIT_CONFLICT: { status: 400, message: '课程“{code}”与“{other}”在同一考试单元，每个单元只能报考一门课程' },
  COURSE_LIMIT_EXCEEDED: { status: 400, message: '本次考试最多报考{max}门课程' },
  COUNTY_LOCKED: { status: 403, message: '您已在{county}缴费，本次考试的所有课程须在同一县（市、区）报考' },
  SEAT_FULL: { status: 409, message: '{county}，{unit}，{course} 已达到最大人数' },
  COUNTY_CONFLICT: {
    status: 409,
    message: '您已在{county}保存考位，同一考次的所有课程须在同一县（市、区）报考；如需更换，请先取消已保存的考位',
  },
  BOOKING_AWAITING_PAYMENT: { status: 409, message: '您已确认报考，请先完成缴费；未缴费的考位将于当日报考结束时释放' },
  BOOKING_PAID_REFUND_FIRST: {
    status: 409,
    message:
      '您本次报考的课程已缴费，如需新增、更换或减少科目，请先在“我的报考”申请退费，退费成功后可重新报考；原考位将被释放，可能被其他考生抢到',
  },
  SEATS_FULL_CONFIRM: { status: 409, message: '以下考试单元考位已满：{list}。是否放弃这些课程并获取验证码？' },
  NOTHING_TO_HOLD: { status: 400, message: '没有可保存考位的课程' },
  NOTHING_TO_CONFIRM: { status: 400, message: '没有待确认的考位，请先保存考位' },
  ITEM_NOT_HELD: { status: 409, message: '只有已保存（未确认）的考位可以更换或取消' },
  COURSE_NOT_IN_UNIT: { status: 400, message: '课程“{code}”不在该考试单元，只能更换为同一考试单元的课程' },
  COURSE_ALREADY_HELD: { status: 409, message: '课程“{code}”已保存考位' },
  NO_OPEN_PERIOD: { status: 404, message: '当前没有开放报考的考次' },
  ID_CARD_MISMATCH: { status: 400, message: '证件号码与考生信息不一致' },
  ORDER_NOT_PAYABLE: { status: 409, message: '该订单不能缴费（{reason}）' },
  WECHAT_NOT_LINKED: { status: 400, message: '请先用微信登录并绑定本账号后再在小程序内支付，或选择扫码支付' },
  PAYMENT_PROVIDER_ERROR: { status: 502, message: '微信支付暂时不可用，请稍后再试' },
  REFUND_NOT_ALLOWED: { status: 403, message: '不能退费：{reason}' },
  CAPACITY_BELOW_TAKEN: { status: 409, message: '考位数不能小于已占用的考位数（{taken}）' },
  WAITLIST_UNIT_NOT_FULL: { status: 409, message: '{unit} 尚有考位，请直接保存考位，无需候补' },
  WAITLIST_NO_QUOTA: { status: 404, message: '所选县（市、区）未设{unit}的考位，不能候补' },
  WAITLIST_ALREADY_IN_UNIT: { status: 409, message: '您已在{unit}候补，每个考试单元只能候补一门课程' },
  WAITLIST_COURSE_REFUSED: { status: 400, message: '不能候补：{reason}' },
  WAITLIST_NOT_WAITING: { status: 409, message: '该候补已结束（{state}），无需退出' },

  // admin configuration
  TOTP_REQUIRED: { status: 401, message: '请输入动态验证码' },
  TOTP_INVALID: { status: 401, message: '动态验证码错误' },
  TOTP_CODE_MISMATCH: { status: 400, message: '动态验证码错误，请核对验证器中的6位数字' },
  TOTP_ALREADY_ENABLED: { status: 409, message: '已启用动态验证码，如需更换请先停用' },
  TOTP_NOT_ENABLED: { status: 409, message: '尚未启用动态验证码' },
  CODE_TAKEN: { status: 409, message: '{what}代码“{code}”已存在' },
  UNIT_SLOT_TAKEN: { status: 409, message: '{date}{halfDay}已有考试单元{code}' },
  UNIT_IN_USE: { status: 409, message: '考试单元{code}已有开考课程或考生报考记录，不能删除' },
  OFFERING_IN_USE: { status: 409, message: '课程“{code}”已有考生保存考位，不能取消开考' },
  IMPORT_FILE_INVALID: { status: 400, message: '导入文件不正确：{reason}' },

  // admin operations
  EXPORT_NOT_SUPPORTED: { status: 404, message: '不支持该导出（可导出报考明细、缴费记录、考位情况，格式为xlsx或csv）' },
  EXPORT_FILTER_INVALID: { status: 400, message: '导出条件不正确：{detail}' },

  // enrolled candidates: first login with a phone on file, recent bindings, details edits (issue #13)
  PHONE_NOT_ON_FILE: {
    status: 400,
    message: '请使用在籍信息登记的手机号 {phone} 接收验证码；手机号已变更的，请携带证件到报考县（市、区）考办重置',
  },
  PHONE_REQUIRED: { status: 400, message: '请输入11位手机号码' },
  PHONE_BINDING_NOT_RECENT: { status: 409, message: '该考生近{days}天内没有绑定手机，不能撤销' },
  DOCUMENT_NO_PROVINCE_ONLY: { status: 403, message: '证件号码只能由省考试院修改' },
  DOCUMENT_NO_TAKEN: { status: 409, message: '该证件号码已属于另一名考生，如为同一人请办理合档' },
  // officials' accounts
  OFFICIAL_PASSWORD_CHANGE_REQUIRED: { status: 403, message: '请先修改密码（新账号或密码被重置后须修改密码才能使用）' },
  OFFICIAL_NOT_MANAGED: {
    status: 403,
    message: '无权管理该账号：市（州）考办只能管理本市（州）所辖县（市、区）的账号',
  },
  OFFICIAL_SCOPE_TOO_WIDE: { status: 403, message: '不能设置超出本人管辖范围的账号：{detail}' },
  OFFICIAL_SCOPE_INVALID: { status: 400, message: '账号所属地区不正确：{detail}' },
  OFFICIAL_USERNAME_TAKEN: { status: 409, message: '用户名“{username}”已被使用' },
  OFFICIAL_LAST_PROVINCE: { status: 409, message: '这是最后一个在用的省考试院账号，不能停用或改为其他级别' },
  OFFICIAL_SELF_DISABLE: { status: 409, message: '不能停用自己的账号' },
  OFFICIAL_ALREADY_DISABLED: { status: 409, message: '该账号已停用' },
  OFFICIAL_NOT_DISABLED: { status: 409, message: '该账号未停用' },
  // majors and course plans
  MAJOR_IN_TRANSITION: { status: 409, message: '该专业已停考，处于过渡期（至{deadline}），不再接受新生注册' },
  MAJOR_CLOSED: { status: 409, message: '该专业已停考，不再接受新生注册' },
  MAJOR_CLOSED_COURSE: {
    status: 403,
    message:
      '“{major}”专业已停考，过渡期已结束，本专业课程“{code}”不再接受该准考证报考；如需继续参加考试，请联系所在县（市、区）自考办办理专业转换',
  },
  // enrolled records (#13): a new major for an enrolled candidate, 合档
  MAJOR_ALREADY_HELD: { status: 409, message: '已持有该专业的有效准考证（{ticketNo}），无需重复注册' },
  NEW_MAJOR_PHONE_MISMATCH: {
    status: 409,
    message: '该证件号码已有准考证：报考新专业请使用账号已绑定的手机号码，手机已更换请先到注册县（市、区）考办办理',
  },
  MERGE_REFUSED: { status: 409, message: '不能合档：{reason}' },
  // enrolled import (考籍导入)
  IMPORT_NOT_READY: { status: 409, message: '导入任务{state}，只有检查无误的任务才能开始导入' },
  // venues and rooms (考点考场, #14)
  VENUE_NAME_TAKEN: { status: 409, message: '本县区已有名为“{name}”的考点' },
  ROOM_NO_TAKEN: { status: 409, message: '该考点已有{roomNo}号考场' },
  VENUE_HAS_ASSIGNMENTS: { status: 409, message: '考点“{name}”已编排{count}个座位，不能删除；请先调整考场编排' },
  ROOM_HAS_ASSIGNMENTS: { status: 409, message: '{roomNo}号考场已编排{count}个座位，不能删除；请先调整考场编排' },
  ROOM_SEATS_BELOW_ASSIGNED: { status: 409, message: '{roomNo}号考场已编排到第{seat}号座位，座位数不能少于{seat}' },
  // seat assignment (考场编排, #14)
  ASSIGNMENT_RUN_ACTIVE: { status: 409, message: '{scope}已有正在进行的考场编排（第{id}号），请等待其完成' },
  ASSIGNMENT_RERUN_CLOSED: {
    status: 409,
    message: '准考证打印已于{opensAt}开放，不能再重新编排，只能增量编排或调整座位',
  },
  ASSIGNMENT_RERUN_PROVINCE_ONLY: { status: 403, message: '只有省考试院可以重新编排（清除已有座位）' },
  SEAT_TAKEN: { status: 409, message: '{room}第{seatNo}号座位已有考生' },
  SEAT_NOT_IN_ROOM: { status: 400, message: '{room}只有{seats}个座位' },
  ROOM_NOT_AVAILABLE: { status: 409, message: '该考场不在本县区或其考点本单元不开放，不能调入' },
  // admission tickets (准考证, #14)
  TICKET_PRINT_NOT_SCHEDULED: { status: 403, message: '本考次准考证打印时间尚未公布，请关注考试院通知' },
  TICKET_PRINT_CLOSED: { status: 403, message: '当前不在准考证打印时间内（打印时间：{opensAt} 至 {closesAt}）' },
  TICKET_TOKEN_INVALID: { status: 400, message: '二维码无效或已过期，请核对考生准考证' },
  // scores (成绩导入与发布, 成绩更正, #15)
  SCORES_PUBLISH_TIME_PASSED: {
    status: 409,
    message: '本考次成绩已于{at}发布，发布时间不能再修改；如需更改成绩，请使用成绩更正',
  },
  SCORES_PUBLISH_TIME_IN_PAST: { status: 400, message: '发布时间不能早于当前时间' },
  SCORES_PUBLISH_TIME_IMMINENT: {
    status: 409,
    message: '本考次成绩将于{at}发布，发布前5分钟内只能提前，不能推迟或取消',
  },
  // scores (成绩查询, #15): one answer for a wrong name, an unknown ID number and nothing published
  SCORES_NOT_FOUND: { status: 404, message: '未查询到成绩' },
  TICKET_SUPERSEDED: { status: 410, message: '该准考证已作废，请使用补发的准考证' },
  // certificates and score statistics (#15)
  CERTIFICATE_NOT_FOUND: { status: 404, message: '未查询到证书，请核对证书编号和姓名' },
  SCORE_STATS_NOT_PUBLISHED: { status: 403, message: '本考次成绩将于{publishAt}发布，发布后方可查看统计和导出' },
  // candidate applications (业务办理, #16)
  APPLICATION_NOT_OPEN: { status: 403, message: '{kind}暂未开放办理' },
  APPLICATION_WINDOW_CLOSED: { status: 403, message: '当前不在{kind}办理时间内（办理时间：{opensAt} 至 {closesAt}）' },
  APPLICATION_KIND_UNAVAILABLE: { status: 409, message: '{kind}暂不支持网上办理，请联系所在县（市、区）考办' },
  APPLICATION_OPEN_EXISTS: { status: 409, message: '您已有一份未办结的{kind}，请查看该申请或撤回后再申请' },
  APPLICATION_NOT_EDITABLE: { status: 409, message: '申请{state}，不能修改' },
  APPLICATION_NOT_WITHDRAWABLE: { status: 409, message: '申请{state}，不能撤回' },
  APPLICATION_PROOF_REQUIRED: { status: 400, message: '请上传{proof}' },
  APPLICATION_TICKET_REQUIRED: { status: 403, message: '请使用准考证号登录后办理' },
  ATTACHMENT_INVALID: { status: 400, message: '附件不符合要求：{reason}' },
  ATTACHMENT_LIMIT_REACHED: { status: 409, message: '每份{kind}最多上传{max}个附件' },
  COURSE_ALREADY_PASSED: { status: 409, message: '课程“{code}”已合格，无需申请免考' },
  COURSE_NOT_FOUND: { status: 400, message: '课程代码“{code}”不存在' },
  APPLICATION_WINDOW_INVALID: { status: 400, message: '办理结束时间须晚于开始时间' },
  // the effects of 转出, 转入, 成绩复核, 毕业申请 and 免考's plan check (#16)
  COURSE_NOT_IN_PLAN: { status: 400, message: '课程“{code}”不在{major}专业的考试计划内' },
  TRANSFER_COURSE_ALREADY_PASSED: { status: 409, message: '课程“{code}”已合格，无需转入' },
  TRANSFER_COURSE_REPEATED: { status: 400, message: '课程“{code}”填写了多次' },
  MAJOR_NOT_FOUND: { status: 400, message: '专业代码“{code}”不存在' },
  TICKET_NOT_ACTIVE_FOR_APPLICATION: { status: 409, message: '准考证{ticketNo}{status}，不能办理{kind}' },
  SCORE_REVIEW_SCORE_NOT_FOUND: { status: 400, message: '未查询到该考次课程“{code}”的已发布成绩' },
  SCORE_REVIEW_TOO_LATE: {
    status: 403,
    message: '成绩复核须在成绩发布后{days}个工作日内申请（截止{deadline}），已超过申请期限',
  },
  SCORE_REVIEW_OUTCOME_REQUIRED: { status: 400, message: '请填写复核结果：成绩无误，或更正后的成绩及原因' },
  SCORE_REVIEW_OUTCOME_UNEXPECTED: { status: 400, message: '只有成绩复核的最终审核可填写复核结果' },
  GRADUATION_PLAN_INCOMPLETE: {
    status: 409,
    message: '专业考试计划尚未完成，暂不能申请毕业（未合格必考课程：{missing}；已获学分{earned}/{needed}）',
  },
  TRANSFER_CERTIFICATE_UNAVAILABLE: { status: 404, message: '转出申请通过后方可下载转出证明' },
  TRANSFER_OUT_SEATS_HELD: {
    status: 409,
    message: '准考证{ticketNo}尚有未考试的报考课程，请考试结束或退费后再申请转出',
  },

  // announcements (通知公告, #17)
  ANNOUNCEMENT_WITHDRAWN: { status: 409, message: '该通知公告已撤回，不能修改' },

  // notifications (#17)
  SUBSCRIBE_NEEDS_WECHAT: { status: 400, message: '请在微信小程序中登录后再订阅消息通知' },
  NOTICE_NO_RECIPIENTS: { status: 400, message: '没有符合条件的考生，通知未发送' },
} as const satisfies Record<string, { status: number; message: string }>;

export type ErrorCode = keyof typeof ERRORS;

export type ErrorParams = Record<string, string | number>;

export function isErrorCode(value: unknown): value is ErrorCode {
  return typeof value === 'string' && Object.hasOwn(ERRORS, value);
}

/** The Chinese message for a code with its placeholders filled. Unknown placeholders stay visible. */
export function errorMessage(code: ErrorCode, params: ErrorParams = {}): string {
  return ERRORS[code].message.replace(/\{(\w+)\}/g, (whole, name: string) =>
    name in params ? String(params[name]) : whole,
  );
}

/** The body every API error answers with. */
export interface ApiErrorBody {
  code: ErrorCode;
  message: string;
  requestId?: string;
  details?: unknown;
}

/**
 * Why a row of an import was refused (考籍导入): stable codes, the Chinese message an official reads.
 * `{name}` placeholders are filled like errorMessage's.
 */
export const IMPORT_ROW_ERRORS = {
  REQUIRED: '请填写{field}',
  DOCUMENT_TYPE_UNKNOWN: '证件类型“{value}”不正确，应为：{allowed}',
  DOCUMENT_NO_INVALID: '{documentType}号码不正确：{reason}',
  BIRTH_DATE_INVALID: '出生日期“{value}”不正确，格式为YYYY-MM-DD',
  TICKET_NO_INVALID: '准考证号“{value}”不正确，准考证号为12位数字',
  TICKET_DUPLICATE_IN_FILE: '准考证号{ticketNo}与第{row}行重复',
  TICKET_OF_ANOTHER_PERSON: '准考证号{ticketNo}已属于另一证件号码的考生',
  CANDIDATE_CONFLICT: '与第{row}行证件号码相同，但姓名、性别、民族、县区或手机号不一致',
  GENDER_INVALID: '性别“{value}”不正确，应为男或女',
  GENDER_MISMATCH: '性别与证件号码不符',
  NAME_INVALID: '姓名不能超过32个字',
  ETHNICITY_INVALID: '民族不能超过16个字',
  MAJOR_UNKNOWN: '专业代码“{value}”不存在',
  COUNTY_UNKNOWN: '县区代码“{value}”不存在',
  STATUS_INVALID: '考籍状态“{value}”不正确，应为：{allowed}',
  PHONE_INVALID: '手机号“{value}”不正确，应为11位手机号码',
  COURSE_UNKNOWN: '课程代码“{value}”不存在',
  PERIOD_INVALID: '考次“{value}”不正确，格式为年份加月份，如202304',
  SCORE_INVALID: '成绩“{value}”不正确，应为0至100的整数',
  GRADE_INVALID: '等级“{value}”不正确，应为：{allowed}',
  SCORE_OR_GRADE_REQUIRED: '请填写成绩或等级',
  PASSED_BY_INVALID: '合格方式“{value}”不正确，应为：{allowed}',
  PASSED_DUPLICATE_IN_FILE: '准考证号{ticketNo}的课程{courseCode}与第{row}行重复',
  PASSED_TICKET_UNKNOWN: '准考证号{ticketNo}既不在考籍表中，也不在系统中',
  // scores import (成绩导入, #15)
  SCORE_TICKET_UNKNOWN: '准考证号{ticketNo}不存在',
  SCORE_COURSE_NOT_BOOKED: '准考证号{ticketNo}本考次未报考课程{courseCode}或未缴费',
  SCORE_GRADE_INVALID: '等级“{value}”不正确，应为：{allowed}',
  SCORE_MARK_INVALID: '标记“{value}”不正确，应为：{allowed}',
  SCORE_RESULT_CONFLICT: '成绩、等级、标记只能填写其中一项',
  SCORE_RESULT_REQUIRED: '请填写成绩、等级或标记',
  SCORE_DUPLICATE_IN_FILE: '准考证号{ticketNo}的课程{courseCode}与第{row}行重复',
  SCORE_PUBLISHED_CHANGE: '本考次成绩已发布，此行将把已发布的{before}改为{after}；请通过成绩更正办理',
  CERTIFICATE_NO_INVALID: '证书编号“{value}”不正确，应为不超过32位的字母、数字或“-”',
  CERTIFICATE_DUPLICATE_IN_FILE: '证书编号{certificateNo}与第{row}行重复',
  CERTIFICATE_OF_ANOTHER_TICKET: '证书编号{certificateNo}已属于另一准考证号的考生',
  TICKET_UNKNOWN: '准考证号{ticketNo}在系统中不存在',
  MAJOR_NOT_OF_TICKET: '专业代码“{value}”不是准考证号{ticketNo}的专业',
  ISSUED_ON_INVALID: '毕业日期“{value}”不正确，格式为YYYY-MM-DD',
} as const;

export type ImportRowErrorCode = keyof typeof IMPORT_ROW_ERRORS;

export function importRowMessage(code: ImportRowErrorCode, params: ErrorParams = {}): string {
  return IMPORT_ROW_ERRORS[code].replace(/\{(\w+)\}/g, (whole, name: string) =>
    name in params ? String(params[name]) : whole,
  );
}
