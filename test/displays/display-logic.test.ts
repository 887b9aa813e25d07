// Pure display logic, without a DOM: formatting in the hall's time zone, which calls to show,
// flash timing, LED fitting, clerk keys, status texts, kiosk idle.
import test from 'ava';
import { FLASH_MS, callKey, callsToShow, flashPhase, isFreshCall } from '../../displays/logic/calls.ts';
import { formatClock, formatCount, formatDateEn, formatDateZh, formatWait, maskMiddle } from '../../displays/logic/format.ts';
import { CHOOSING_IDLE_MS, RESULT_IDLE_MS, secondsLeft, shouldReset } from '../../displays/logic/idle.ts';
import { MIN_CJK_PX, fitLed, ledLines, textEm } from '../../displays/logic/led-fit.ts';
import { actionForKey } from '../../displays/logic/shortcuts.ts';
import { checkInLaneText, keypadInput, materialForm, noticeRequest, noticeResultText, waitText } from '../../displays/logic/service-wording.ts';
import { ticketStatusView } from '../../displays/logic/ticket-status.ts';
import type { CallRecord } from '../../server/realtime/contract.ts';

// 2026-11-27 23:30:05 UTC is 07:30:05 on the 28th in Shanghai.
const LATE_UTC = Date.UTC(2026, 10, 27, 23, 30, 5);

test('clock and date are in the hall time zone, not the machine one', (t) => {
  t.is(formatClock(LATE_UTC, 'Asia/Shanghai'), '07:30:05');
  t.is(formatClock(LATE_UTC, 'Asia/Shanghai', false), '07:30');
  t.is(formatClock(LATE_UTC, 'UTC'), '23:30:05');
  t.is(formatDateZh(LATE_UTC, 'Asia/Shanghai'), '2026年11月28日 星期六');
  t.is(formatDateEn(LATE_UTC, 'Asia/Shanghai'), 'Sat 28 Nov 2026');
  // Midnight reads 00, not 24.
  t.is(formatClock(Date.UTC(2026, 0, 1, 16, 0, 0), 'Asia/Shanghai'), '00:00:00');
});

test('waits and counts read plainly', (t) => {
  t.deepEqual(formatWait(30_000), { zh: '不到1分钟', en: '<1 min' });
  t.deepEqual(formatWait(12 * 60_000 + 59_000), { zh: '12 分钟', en: '12 min' });
  t.deepEqual(formatWait(75 * 60_000), { zh: '1 小时 15 分', en: '1 h 15 min' });
  t.is(formatCount(undefined), '—');
  t.is(formatCount(3), '3');
  t.is(formatCount(-1), '0');
  t.is(maskMiddle('13812345678'), '138****5678');
});

const call = (id: string, at: number, recalls = 0, win = 1): CallRecord => ({
  ticketId: id,
  number: id.toUpperCase(),
  serviceId: 'business',
  windowId: String(win),
  windowNumber: win,
  at,
  recalls,
});

test('calls to show: newest first, each ticket once, a limited list of earlier ones', (t) => {
  const calls = [call('a1', 100), call('a3', 300), call('a2', 200), call('a3', 250)];
  const { newest, earlier } = callsToShow(calls, 1);
  t.is(newest?.ticketId, 'a3');
  t.deepEqual(
    earlier.map((c) => c.ticketId),
    ['a2'],
  );
  t.deepEqual(callsToShow([]), { newest: undefined, earlier: [] });
});

test('a recall is a new thing to flash; flashing blinks then stays on', (t) => {
  t.not(callKey(call('a1', 1, 0)), callKey(call('a1', 1, 1)));
  t.deepEqual(flashPhase(undefined, 1000), { flashing: false, on: true });
  t.deepEqual(flashPhase(1000, 1000), { flashing: true, on: true });
  t.deepEqual(flashPhase(1000, 1600), { flashing: true, on: false });
  t.deepEqual(flashPhase(1000, 2100), { flashing: true, on: true });
  t.deepEqual(flashPhase(1000, 1000 + FLASH_MS), { flashing: false, on: true });
  t.true(isFreshCall(call('a1', 10_000), 11_000));
  t.false(isFreshCall(call('a1', 10_000), 10_000 + FLASH_MS + 1));
});

test('LED text fits the panel: CJK counts double, a long line scrolls rather than going unreadable', (t) => {
  t.is(textEm('A001'), 2.4);
  t.is(textEm('3号窗口'), 3.6);
  const [name, number] = fitLed(['3号窗口', 'A001'], 192, 32, [1, 1.45]);
  t.true(name!.px >= MIN_CJK_PX);
  t.true(name!.px * textEm('3号窗口') <= 192);
  t.true(number!.px > name!.px, 'the number is the biggest thing');
  t.is(name!.y + name!.height, number!.y);
  t.is(number!.y + number!.height, 32);
  t.false(number!.scroll);
  const [long] = fitLed(['请到咨询台办理不动产登记相关业务谢谢合作'], 64, 16);
  t.true(long!.scroll);
  t.is(long!.px, MIN_CJK_PX);
});

test('LED lines follow the panel size and the window state', (t) => {
  const win = { number: 3, name: { zh: '3号综合窗口', en: 'Window 3' }, status: 'open', current: { number: 'B012' } };
  t.deepEqual(ledLines(win, 192, 32).lines, ['3号窗口', 'B012']);
  t.deepEqual(ledLines(win, 96, 16).lines, ['3号窗口 B012']);
  // The tall panel's third line is Chinese first; a recall and a closed window read differently.
  t.deepEqual(ledLines(win, 160, 90).lines, ['3号窗口', 'B012', '正在办理 Now serving']);
  t.deepEqual(ledLines({ ...win, current: { number: 'B012', status: 'called' } }, 160, 90).lines, ['3号窗口', 'B012', '请前来办理 Please come']);
  t.deepEqual(ledLines({ ...win, current: { number: 'B012', status: 'called', recalls: 1 } }, 160, 90).lines, ['3号窗口', 'B012', '再次呼叫 Called again']);
  t.deepEqual(ledLines({ ...win, status: 'closed' }, 160, 90).lines[2], '窗口已关闭 Closed');
  t.deepEqual(ledLines({ ...win, status: 'paused' }, 160, 90).lines[2], '暂停服务 请稍候 Paused');
  t.deepEqual(ledLines({ ...win, status: 'paused' }, 192, 32).lines, ['3号窗口', '暂停服务']);
  t.deepEqual(ledLines({ ...win, current: undefined }, 192, 32).lines, ['3号窗口', '请稍候']);
});

test('clerk keys: letters, keypad digits, Enter; pause toggles; text fields are left alone', (t) => {
  t.is(actionForKey('n'), 'next');
  t.is(actionForKey('Enter'), 'next');
  t.is(actionForKey('1'), 'next');
  t.is(actionForKey('2'), 'recall');
  t.is(actionForKey('S'), 'start');
  t.is(actionForKey('4'), 'finish');
  t.is(actionForKey('x'), 'no-show');
  t.is(actionForKey('t'), 'transfer');
  t.is(actionForKey('p'), 'pause');
  t.is(actionForKey('p', { paused: true }), 'resume');
  t.is(actionForKey('n', { inTextField: true }), undefined);
  t.is(actionForKey('r', { ctrl: true }), undefined);
  t.is(actionForKey('q'), undefined);
});

test('status page: people ahead while waiting, the window when called', (t) => {
  t.is(ticketStatusView({ status: 'waiting', ahead: 4, number: 'A005' }).headline.zh, '前面还有 4 人');
  t.is(ticketStatusView({ status: 'waiting', ahead: 0, number: 'A005' }).headline.en, "You're next");
  const called = ticketStatusView({ status: 'called', windowNumber: 3, number: 'A005' });
  t.is(called.tone, 'go');
  t.is(called.headline.zh, '请到 3 号窗口');
  t.regex(called.headline.en, /please go to window 3/);
  t.is(ticketStatusView({ status: 'done', number: 'A005' }).tone, 'over');
});

test('kiosk idle: the ticket screen resets after a while, an untouched start screen never', (t) => {
  t.false(shouldReset('result', 0, RESULT_IDLE_MS - 1, false));
  t.true(shouldReset('result', 0, RESULT_IDLE_MS, false));
  t.false(shouldReset('choose', 0, CHOOSING_IDLE_MS * 10, false));
  t.true(shouldReset('choose', 0, CHOOSING_IDLE_MS, true));
  t.is(secondsLeft(0, 5_500), 15);
});

test('hall-services wording: materials, notice body, estimates, check-in lanes, keypad', (t) => {
  t.deepEqual(materialForm({ zh: '身份证', en: 'ID card', original: true, copies: 2 }), { zh: '原件 · 复印件 2 份', en: 'original · 2 copies' });
  t.deepEqual(materialForm({ zh: '申请书', en: 'Form' }), { zh: '', en: '' });
  t.deepEqual(noticeRequest([' 公司章程 ', '公司章程', ''], '  '), { body: { missing: ['公司章程'] } });
  t.deepEqual(noticeRequest(['a'], ' 盖章 '), { body: { missing: ['a'], notes: '盖章' } });
  t.true('error' in noticeRequest([], 'only notes'));
  t.regex(noticeResultText({ queued: true, printer: 'p1', jobId: 'j' }), /p1/);
  t.regex(noticeResultText({ queued: false, reason: 'no_printer', message: 'x' }), /未打印/);
  t.regex(noticeResultText(undefined), /未打印/);
  t.deepEqual(waitText(12.4), { zh: '约 12 分钟', en: 'about 12 min' });
  t.deepEqual(waitText(0.2), { zh: '即到', en: 'now' });
  t.is(waitText(null), undefined);
  t.is(waitText(undefined), undefined);
  t.regex(checkInLaneText('appointment', 'on_time').zh, /预约/);
  t.regex(checkInLaneText('normal', 'early').zh, /未到签到时间/);
  t.regex(checkInLaneText('normal', 'late').zh, /已过签到时间/);
  let typed = '';
  for (const k of ['a', 'C', '3', '⌫', '7', '!']) typed = keypadInput(typed, k);
  t.is(typed, 'AC7');
  t.is(keypadInput(typed, 'clear'), '');
  t.is(keypadInput('1'.repeat(20), '2'), '1'.repeat(20));
});

test('assist and notice have keys of their own, and not while typing', (t) => {
  t.is(actionForKey('a'), 'assist');
  t.is(actionForKey('7'), 'assist');
  t.is(actionForKey('G'), 'notice');
  t.is(actionForKey('8'), 'notice');
  t.is(actionForKey('a', { inTextField: true }), undefined);
});
