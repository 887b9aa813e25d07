// What a page says for each error code the API answers (server/error-codes.ts lists them all):
// Chinese first, English after. The one table every page and part uses, so staff and visitors never
// read a raw English message or a bare code alone. test/http/error-codes.test.ts checks that every
// code the server can throw has a line here.

export interface ErrorWords {
  zh: string;
  en: string;
}

const w = (zh: string, en: string): ErrorWords => ({ zh, en });

const SIGN_IN: Record<string, ErrorWords> = {
  unauthorized: w('令牌无效或未登录，请重新登录', 'The token is not valid or you are not signed in; please sign in again'),
  wrong_hall: w('此令牌或账号不属于本大厅', 'This token or account is for another hall'),
  wrong_role: w('此令牌无权进行此操作', 'This token may not do this'),
  wrong_window: w('此号或此令牌不属于本窗口', 'This ticket or token belongs to another window'),
  bad_credentials: w('工号或密码错误', 'Wrong staff number or password'),
  account_disabled: w('账号已停用，请联系管理员', 'This account is disabled; ask an administrator'),
  account_locked: w('密码错误次数过多，账号已锁定，请联系管理员解锁', 'Too many wrong passwords: the account is locked; an administrator can unlock it'),
  session_expired: w('登录已随当天结束，请重新登录', 'The session ended with the day; sign in again'),
  session_ended: w('已退出登录或密码已修改，请重新登录', 'Signed out or the password changed; sign in again'),
  session_exists: w('该登录会话已存在', 'That session exists'),
  unknown_session: w('没有该登录会话', 'No such session'),
  rate_limited: w('操作过于频繁，请稍后再试', 'Too many requests; please try again later'),
  metrics_token_required: w('生产环境需先设置指标令牌', '/metrics needs METRICS_TOKEN in production'),
};

const REQUEST: Record<string, ErrorWords> = {
  offline: w('无法连接服务器，请检查网络', 'Cannot reach the server'),
  bad_request: w('请求有误，请重试', 'The request was not understood'),
  internal: w('系统出错，请稍后再试或联系管理员', 'A server error; try again or ask an administrator'),
  store_unavailable: w('系统暂时无法保存，请稍后再试', 'The system cannot save right now; try again shortly'),
  store_busy: w('系统繁忙，请再试一次', 'The system is busy; please try again'),
  overloaded: w('系统繁忙，请几秒后再试', 'The system is overloaded; try again in a few seconds'),
  clock_skew: w('本服务器时间不准，未能保存，请联系管理员', 'This server’s clock is wrong, so nothing was saved; tell the administrator'),
  not_found: w('没有此功能地址', 'No such address'),
  method_not_allowed: w('不支持此操作', 'This action is not supported here'),
  not_implemented: w('此功能尚未提供', 'Not available'),
  unsupported_media_type: w('提交格式有误', 'The request format is wrong'),
  malformed_json: w('提交内容格式有误', 'The request body is not valid'),
  body_too_large: w('提交内容过大', 'The request is too large'),
  body_aborted: w('提交中断，请重试', 'The request was cut off; try again'),
  invalid_request: w('填写内容有误，请检查', 'Please check what was entered'),
  invalid_idempotency_key: w('请求标识有误，请重试', 'The request key is not valid; try again'),
  idempotency_key_reused: w('重复的请求标识，请刷新页面后重试', 'The request key was used for another request; reload and try again'),
  origin_not_allowed: w('不接受来自其他网站页面的操作', 'Requests from another site’s page are not accepted'),
  invalid_range: w('开始日期晚于结束日期', 'The start date is after the end date'),
  range_too_long: w('日期范围过长', 'The date range is too long'),
  invalid_cursor: w('翻页已失效，请重新查询', 'The page link expired; search again'),
  unknown_hall: w('没有此大厅', 'No such hall'),
  unknown_action: w('没有此窗口操作', 'No such window action'),
  hall_grouping_plain_api: w('按大厅汇总请在总报表中查看', 'Group by hall from the all-halls report'),
  no_notifications: w('本大厅未开通通知', 'This hall sends no notifications'),
  unknown_kb_entry: w('知识库中没有此业务的说明', 'No guide for this service'),
  invalid_kb_entry: w('知识库条目格式有误', 'The guide entry is not valid'),
};

const FIELDS: Record<string, ErrorWords> = {
  phone_invalid: w('请填写中国大陆手机号（11位，1开头）', 'A mainland China mobile number: 11 digits starting with 1'),
  id_number_invalid: w('身份证号码有误，请核对', 'The ID number is not valid; please check it'),
  // The kinds of a wrong ID number (the error's `reason`), as the desk reads them out.
  'id_number_invalid.format': w('身份证号码应为18位：17位数字加1位数字或X', 'An ID number is 17 digits and a digit or X'),
  'id_number_invalid.region': w('身份证号码的地区码不正确', 'The region code of the ID number is not valid'),
  'id_number_invalid.birth_date': w('身份证号码中的出生日期不正确', 'The birth date in the ID number is not valid'),
  'id_number_invalid.check_digit': w('身份证号码校验位不正确，请核对后重新输入', 'The check digit of the ID number is wrong; please check it'),
  booking_code_invalid: w('预约码为8位字母和数字', 'A booking code is 8 letters and digits'),
  sms_code_invalid: w('验证码为6位数字', 'The SMS code is 6 digits'),
};

const QUEUE: Record<string, ErrorWords> = {
  unknown_service: w('没有此业务', 'No such service'),
  unknown_window: w('没有此窗口', 'No such window'),
  unknown_ticket: w('今天没有此号', 'No such ticket today'),
  unknown_ticket_number: w('今天没有这个号码，请核对', 'No ticket has that number today'),
  invalid_ticket_number: w('号码格式不对，应为字母加数字，如 A012', 'A ticket number is a letter and digits, e.g. A012'),
  lane_not_offered: w('本大厅不设此通道', 'This hall has no such lane'),
  lane_not_allowed: w('这个通道不能在这里取号', 'This lane cannot be issued here'),
  service_not_at_window: w('本窗口不办理此业务', 'This window does not serve that service'),
  lane_not_at_window: w('本窗口不接此通道', 'This window does not take that lane'),
  window_paused: w('窗口已暂停，请先恢复', 'The window is paused; resume it first'),
  window_closed: w('窗口未开放，请先开窗', 'The window is closed; open it first'),
  window_already_open: w('窗口已开放', 'The window is already open'),
  window_already_paused: w('窗口已暂停', 'The window is already paused'),
  window_not_paused: w('窗口未暂停', 'The window is not paused'),
  window_already_closed: w('窗口已关闭', 'The window is already closed'),
  no_current_ticket: w('窗口当前没有办理中的号', 'The window has no current ticket'),
  ticket_not_waiting: w('此号不在等候中', 'The ticket is not waiting'),
  ticket_not_called: w('此号未被呼叫或已开始办理', 'The ticket has not been called, or is already being served'),
  ticket_not_no_show: w('只有过号的号才能恢复排队', 'Only a no-show ticket can be put back in the queue'),
  grace_period_over: w('过号已超过恢复时限，请重新取号', 'The no-show grace period is over; take a new number'),
  ticket_closed: w('此号已结束', 'The ticket is already closed'),
  transfer_target_missing: w('请选择转办的业务或窗口', 'Choose a service or a window to transfer to'),
  daily_numbers_exhausted: w('此业务今日号码已发完', 'This service has issued all its numbers today'),
  just_called: w('刚刚叫过号，请稍候再按', 'Called moments ago; press next again once the visitor had time to come'),
  on_site_cap_reached: w('本时段现场号已发完，请预约或下个时段再来', 'The walk-in numbers for this hour are used up; book or come back next hour'),
};

const APPOINTMENTS: Record<string, ErrorWords> = {
  no_appointments: w('本大厅不接受预约', 'This hall takes no appointments'),
  not_bookable: w('此业务不接受预约', 'This service takes no appointments'),
  slot_invalid: w('该时段不可预约', 'That slot cannot be booked'),
  slot_past: w('该时段已开始，请另选', 'That slot has started; choose another'),
  slot_too_far: w('超出可预约天数', 'That slot is too far ahead'),
  slot_full: w('该时段已约满，请选择以下空闲时段', 'This slot is full; free slots below'),
  hour_full: w('该小时预约已满（每小时限额），请选择以下空闲时段', 'This hour is fully booked; free slots below'),
  phone_daily_limit: w('同一手机号当天预约已达上限', 'This phone already holds the most bookings allowed that day'),
  address_daily_cap: w('同一网络当天预约已达上限', 'This network already holds the most bookings allowed today'),
  booking_not_pending: w('该预约无需验证', 'This booking is not waiting for a code'),
  confirm_code_wrong: w('验证码不正确，请核对短信', 'That code is not right; please check the SMS'),
  confirm_attempts_exceeded: w('验证码错误次数过多，名额已释放，请重新预约', 'Too many wrong codes; the place was released, please book again'),
  hold_expired: w('验证码已过期，名额已释放，请重新预约', 'The code has expired and the place was released; please book again'),
  sms_failed: w('短信发送失败，请稍后再试', 'The SMS could not be sent; please try again later'),
  unknown_booking: w('未找到预约，请核对预约码或手机号', 'No booking found'),
  booking_not_active: w('该预约已签到或已取消', 'Already checked in or cancelled'),
  booking_missed: w('预约时段已过，请取普通号', 'Your slot has passed; please take a normal number'),
  check_in_too_early: w('签到时间未到', 'Too early to check in'),
  check_in_too_late: w('签到时间已过', 'Too late to check in'),
};

const STAFF: Record<string, ErrorWords> = {
  unknown_staff: w('没有此工作人员账号', 'No such staff account'),
  staff_number_taken: w('工号已被使用', 'That staff number is taken'),
  device_token_taken: w('此令牌已被使用', 'That token is in use'),
  device_name_taken: w('同名设备已有令牌，请先吊销', 'A device of that name has a token; revoke it first'),
  unknown_device: w('没有此设备令牌', 'No such device token'),
};

const ASSIST: Record<string, ErrorWords> = {
  unknown_assist: w('没有此呼叫请求', 'No such assist request'),
  assist_pending: w('本窗口已有等待答复的呼叫', 'This window already has a request waiting'),
  assist_taken: w('此呼叫已由其他审批人员接单', 'Another approver took this request'),
  assist_not_in_progress: w('此呼叫尚未接单', 'This request is not accepted'),
  assist_closed: w('此呼叫已结束', 'This request is closed'),
  service_not_covered: w('您不负责此业务的审批', 'You do not answer for this service'),
  not_your_request: w('此呼叫由其他审批人员处理', 'Another approver handles this request'),
  unknown_material: w('此材料不在该业务的材料清单中', 'Not in this service’s materials list'),
  unknown_notice: w('没有此告知单', 'No such notice'),
};

const CASES: Record<string, ErrorWords> = {
  not_case_desk: w('办不成事登记仅限专窗和管理员', 'Cases are for the complaints desk and the admin'),
  unknown_case: w('没有此登记', 'No such case'),
  case_not_open: w('此登记不在办理中', 'The case is not open'),
  no_follow_up_due: w('此登记无需回访', 'No follow-up is due for this case'),
  case_closed: w('此登记已办结', 'The case is closed'),
  case_open: w('此登记仍在办理中', 'The case is still open'),
};

const RATINGS: Record<string, ErrorWords> = {
  ticket_not_finished: w('办结后才能评价', 'Only a finished ticket can be rated'),
  rating_window_closed: w('已超过评价时限', 'The time to rate this visit is over'),
  already_rated: w('您已评价过，感谢您的反馈', 'Already rated; thank you'),
  unknown_reason: w('请选择列出的原因', 'Choose one of the listed reasons'),
  duplicate_reason: w('原因重复', 'A reason is given twice'),
  rating_key_wrong: w('请扫描您号票上的二维码评价', 'Scan the QR on your ticket to rate'),
  nothing_to_rate: w('本窗口今天还没有办结的号', 'No ticket has been finished at this window today'),
  not_last_finished: w('本窗口之后又办结了其他号', 'Another ticket has been finished at this window since'),
};

const APPLICATIONS: Record<string, ErrorWords> = {
  unknown_application: w('未找到此受理编号，请到咨询台', 'No application with this number; please ask at the desk'),
  not_in_approval: w('此办件不在审批中', 'The application is not in approval'),
  not_returned: w('此办件未退回补正', 'The application was not returned for corrections'),
  not_ready: w('您的办件尚未办结，请留意短信通知', 'Not ready yet; watch for the SMS'),
  nothing_missing: w('请说明缺少的材料或备注', 'Say what is missing: materials or a note'),
  not_for_mailing: w('此办件为窗口领取，不邮寄', 'This result is collected at the window'),
  not_for_pickup: w('您的办件将免费邮寄，无需到窗口领取', 'This result is mailed to you'),
  not_your_service: w('您不负责此业务的审批', 'You do not approve this service'),
  no_pickup_service: w('本大厅未设领取业务', 'This hall has no pickup service'),
  not_pickup_desk: w('请到领取窗口领取结果', 'Results are handed out at the pickup window'),
  service_required: w('窗口无办事人，请选择业务', 'No visitor at the counter: choose the service'),
  time_limit_unknown: w('知识库未写承诺时限，请填写办结工作日', 'The guide gives no time limit: enter the working days'),
};

/** Every code's words. One table, grouped like server/error-codes.ts. */
export const ERROR_WORDS: Readonly<Record<string, ErrorWords>> = {
  ...SIGN_IN,
  ...REQUEST,
  ...FIELDS,
  ...QUEUE,
  ...APPOINTMENTS,
  ...STAFF,
  ...ASSIST,
  ...CASES,
  ...RATINGS,
  ...APPLICATIONS,
};

/**
 * The words for a code. A code missing from the table (a newer server) still says in Chinese that
 * the action did not go through, with the code to quote, and the server's own message as the English.
 */
export function errorWords(code: string, message?: string, reason?: string): ErrorWords {
  const kind = reason ? `${code}.${reason}` : undefined;
  if (kind && Object.hasOwn(ERROR_WORDS, kind)) return ERROR_WORDS[kind]!;
  const known = Object.hasOwn(ERROR_WORDS, code) ? ERROR_WORDS[code] : undefined;
  if (known) return known;
  return { zh: `操作未完成（${code}）`, en: message || `Not done (${code})` };
}

/** Anything a call threw, as words: an API error by its code; anything else (a bug) with its text. */
export function wordsOf(err: unknown): ErrorWords {
  const e = err as { code?: unknown; message?: unknown; reason?: unknown; body?: { reason?: unknown } } | null;
  if (e && typeof e === 'object' && typeof e.code === 'string') {
    // The reason is on the error (live/api.ts) or in the body it kept (live/request.ts).
    const reason = e.reason ?? e.body?.reason;
    return errorWords(e.code, typeof e.message === 'string' ? e.message : undefined, typeof reason === 'string' ? reason : undefined);
  }
  return { zh: '操作未完成', en: err instanceof Error ? err.message : String(err) };
}

/** One line: Chinese first, English after (pages that style the English smaller use wordsOf). */
export function errorLine(err: unknown): string {
  const words = wordsOf(err);
  return `${words.zh} · ${words.en}`;
}

/** The line for a code (a refusal a page reads from a result rather than a thrown error). */
export function codeLine(code: string, message?: string): string {
  const words = errorWords(code, message);
  return `${words.zh} · ${words.en}`;
}

/** A socket.io connect_error: the server's refusal is a code (`unauthorized`); anything else is the network. */
export function connectErrorLine(message: string): string {
  return codeLine(/^[a-z_]+$/.test(message) ? message : 'offline', message);
}
