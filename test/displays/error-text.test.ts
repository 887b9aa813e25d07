// The pages' error words and sign-in checks as plain functions (no DOM): what a person reads when
// the API refuses, when a token does not fit the console, and when /book's form is wrong.
import test from 'ava';
import { codeLine, connectErrorLine, errorLine, wordsOf } from '../../displays/logic/error-text.ts';
import { tokenRefusal, whoamiRefusal, type Whoami } from '../../displays/logic/sign-in-check.ts';
import { formProblem, selectable, slotLabel } from '../../displays/appointments/book/logic.ts';
import { ApiError } from '../../displays/live/api.ts';
import { RequestError } from '../../displays/live/request.ts';

const who = (role: string, windows: string[] = []): Whoami => ({ hall: 'district', role, roles: [role], name: role, windows });

test('an API refusal reads in Chinese first, then English, never the raw message alone', (t) => {
  const line = errorLine(new ApiError(409, 'no_current_ticket', 'the window has no current ticket'));
  t.is(line, '窗口当前没有办理中的号 · The window has no current ticket');
  // The fetch helper of the feature pages throws its own error class: the same words.
  t.is(errorLine(new RequestError(400, 'phone_invalid', 'visitor.phone: a phone number is 3-20 digits')), '请填写中国大陆手机号（11位，1开头） · A mainland China mobile number: 11 digits starting with 1');
  t.is(codeLine('booking_code_invalid', 'a booking code is 8 letters and digits'), '预约码为8位字母和数字 · A booking code is 8 letters and digits');
  t.is(codeLine('unauthorized', 'unknown token'), '令牌无效或未登录，请重新登录 · The token is not valid or you are not signed in; please sign in again');
});

test('a wrong ID number says which part is wrong when the server gives the reason', (t) => {
  t.is(errorLine(new ApiError(400, 'id_number_invalid', 'x', 'check_digit')), '身份证号码校验位不正确，请核对后重新输入 · The check digit of the ID number is wrong; please check it');
  t.is(errorLine(new RequestError(400, 'id_number_invalid', 'x', { reason: 'birth_date' })), '身份证号码中的出生日期不正确 · The birth date in the ID number is not valid');
  t.is(errorLine(new ApiError(400, 'id_number_invalid', 'x', 'a_new_reason')), '身份证号码有误，请核对 · The ID number is not valid; please check it');
});

test('an unknown code or a thrown bug still starts in Chinese', (t) => {
  t.is(errorLine(new ApiError(418, 'teapot', 'I am a teapot')), '操作未完成（teapot） · I am a teapot');
  t.deepEqual(wordsOf(new TypeError('x is undefined')), { zh: '操作未完成', en: 'x is undefined' });
  t.is(codeLine('toString'), '操作未完成（toString） · Not done (toString)', 'an Object.prototype name is not a table entry');
});

test('a socket refusal is a code; a network failure reads as offline', (t) => {
  t.is(connectErrorLine('unauthorized'), '令牌无效或未登录，请重新登录 · The token is not valid or you are not signed in; please sign in again');
  t.is(connectErrorLine('xhr poll error'), '无法连接服务器，请检查网络 · Cannot reach the server');
});

test('a clerk token signs in only at its own window', (t) => {
  t.is(tokenRefusal(who('clerk', ['5']), { console: 'clerk', window: '5' }), undefined);
  t.is(tokenRefusal(who('clerk', ['5']), { console: 'clerk', window: '3' }), '此令牌属于 5 号窗口，不能在 3 号窗口登录 · This token is for window 5, not window 3');
  t.is(tokenRefusal(who('clerk', []), { console: 'clerk', window: '3' }), '此令牌没有指定窗口，不能在 3 号窗口登录 · This token names no window');
  t.is(tokenRefusal(who('kiosk'), { console: 'clerk', window: '3' }), '此令牌是自助取号机令牌，不能登录叫号台 · This is a kiosk token, not one for the clerk console');
  t.is(tokenRefusal(who('admin'), { console: 'clerk', window: '3' }), undefined, 'an admin may drive any console');
});

test('kiosk, triage, check-in and rating consoles take only their own roles', (t) => {
  t.is(tokenRefusal(who('kiosk'), { console: 'kiosk' }), undefined);
  t.is(tokenRefusal(who('clerk', ['1']), { console: 'kiosk' }), '此令牌是窗口令牌，不能登录自助取号机 · This is a clerk token, not one for the kiosk');
  t.is(tokenRefusal(who('triage'), { console: 'triage' }), undefined);
  t.is(tokenRefusal(who('display'), { console: 'triage' }), '此令牌是显示屏令牌，不能登录咨询台 · This is a display token, not one for the triage desk');
  t.is(tokenRefusal(who('triage'), { console: 'check-in' }), undefined);
  t.is(tokenRefusal(who('kiosk'), { console: 'check-in' }), undefined);
  t.is(tokenRefusal(who('rater', ['2']), { console: 'rater', window: '1' }), '此令牌属于 2 号窗口，不能在 1 号窗口登录 · This token is for window 2, not window 1');
  t.is(tokenRefusal(who('triage'), { console: 'admin' }), '此令牌是咨询台令牌，不能登录管理页面 · This is a triage token, not one for the admin page');
});

test('a token the server does not know is refused in Chinese', (t) => {
  t.is(whoamiRefusal('unauthorized', 'x'), '令牌无效，请核对后重新输入 · Unknown token; check it and try again');
  t.is(whoamiRefusal('wrong_hall', '此令牌或账号不属于本大厅 · This token or account is for another hall'), '无法登录：此令牌或账号不属于本大厅 · This token or account is for another hall');
});

test('/book: a started slot reads 已过 and cannot be chosen, apart from a full one', (t) => {
  const past = { start: 1, end: 2, time: '09:00', available: 0, past: true };
  const full = { start: 3, end: 4, time: '09:30', available: 0, past: false };
  const free = { start: 5, end: 6, time: '10:00', available: 4, past: false };
  t.deepEqual([past, full, free].map(slotLabel), ['09:00 · 已过', '09:30 · 已满', '10:00 · 余4']);
  t.deepEqual([past, full, free].map(selectable), [false, false, true]);
});

test('/book: the phone is a mainland mobile, checked before sending, in Chinese', (t) => {
  const form = (phone: string) => formProblem({ chosen: true, name: '张三', phone });
  t.is(form('12345'), '请填写中国大陆手机号（11位，1开头） · A mainland China mobile number: 11 digits starting with 1');
  t.is(form('12812345678'), form('12345'), 'the second digit is 3-9');
  t.is(form('138 1234 5678'), undefined);
  t.is(form('+8613812345678'), undefined);
  t.is(formProblem({ chosen: false, name: '张三', phone: '13812345678' }), '请选择时段 · Choose a slot');
});
