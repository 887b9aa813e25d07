// Phrases, number reading, and one real espeak-ng render in Mandarin measured with sox.
import test from 'ava';
import { execFile } from 'node:child_process';
import { mkdtemp, rm, stat } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import sinon from 'sinon';
import { loadDeploymentFile } from '../../server/config/load.ts';
import { buildAnnouncement, phrasesFor } from '../../voice/announcement.ts';
import { AudioCache } from '../../voice/audio-cache.ts';
import { EspeakEngine } from '../../voice/engines/espeak.ts';
import { enTicketNumber, zhCardinal, zhTicketNumber } from '../../voice/number-reading.ts';
import { chimeWav } from '../../voice/chime.ts';
import { pickEngine } from '../../voice/engines/pick.ts';

const run = promisify(execFile);
const hall = loadDeploymentFile(new URL('../../config/demo-hall.yaml', import.meta.url).pathname).halls[0]!;
const a001 = { number: 'A001', serviceId: 'business' };

async function soxStat(file: string): Promise<{ seconds: number; rms: number; max: number }> {
  // `sox file -n stat` prints its table on stderr.
  const { stderr } = await run('sox', [file, '-n', 'stat']);
  const field = (name: string) => Number(new RegExp(`${name}:\\s+(-?[\\d.]+)`).exec(stderr)?.[1]);
  return { seconds: field('Length \\(seconds\\)'), rms: field('RMS\\s+amplitude'), max: field('Maximum amplitude') };
}

async function tempDir(t: { teardown: (fn: () => unknown) => void }) {
  const dir = await mkdtemp(join(tmpdir(), 'onewindow-voice-'));
  t.teardown(() => rm(dir, { recursive: true, force: true }));
  return dir;
}

test('numbers are read the way a Chinese hall says them', (t) => {
  t.is(zhTicketNumber('A001'), 'A 零零一');
  t.is(zhTicketNumber('A001', { digitOne: 'yao' }), 'A 零零幺');
  t.is(zhTicketNumber('G120'), 'G 一二零');
  t.is(zhCardinal(3), '三');
  t.is(zhCardinal(10), '十');
  t.is(zhCardinal(12), '十二');
  t.is(zhCardinal(20), '二十');
  t.is(zhCardinal(105), '一百零五');
  t.is(zhCardinal(110), '一百一十');
  t.is(enTicketNumber('A001'), 'A, 0 0 1');
});

test('the default phrases: shown text and spoken words', (t) => {
  const [zh, en] = phrasesFor(hall, a001, 3, 'call');
  t.is(zh!.text, '请 A001 号 到 3 号窗口 办理');
  t.is(zh!.speech, '请 A 零零一 号 到 三 号窗口 办理');
  t.is(en!.text, 'Number A 0 0 1, please go to window 3');
  t.is(en!.speech, 'Number A, 0 0 1, please go to window 3');
});

test('a recall is said differently from the first call, as halls say it', (t) => {
  const [zh, en] = phrasesFor(hall, a001, 3, 'recall');
  t.is(zh!.text, '请 A001 号 再次到 3 号窗口 办理');
  t.is(zh!.speech, '请 A 零零一 号 再次到 三 号窗口 办理');
  t.is(en!.text, 'Number A 0 0 1, again, please go to window 3');
  const [call] = phrasesFor(hall, a001, 3, 'call');
  t.not(call!.text, zh!.text);
});

test('templates, languages, recall phrases and repeat come from the hall config', (t) => {
  const custom = {
    ...hall,
    voice: {
      languages: ['zh'],
      templates: { zh: '请 {number} 号 到 {window} 号窗口' },
      recallTemplates: { zh: '{number} 号 请注意，请到 {window} 号窗口' },
      repeat: 3,
      zhDigitOne: 'yao' as const,
    },
  };
  const call = buildAnnouncement(custom, a001, 12, 'call');
  t.deepEqual(call, { phrases: [{ lang: 'zh', text: '请 A001 号 到 12 号窗口' }], repeat: 3 });
  const [recall] = phrasesFor(custom, a001, 12, 'recall');
  t.is(recall!.speech, 'A 零零幺 号 请注意，请到 十二 号窗口');
});

test('one real espeak-ng render in Mandarin: longer than a second and not silent; cached after', async (t) => {
  const dir = await tempDir(t);
  const engine = new EspeakEngine();
  const render = sinon.spy(engine, 'render');
  const cache = new AudioCache(dir, engine);
  const announcement = buildAnnouncement(hall, a001, 3, 'call', cache);
  const zh = announcement.phrases.find((p) => p.lang === 'zh')!;
  t.regex(zh.audioUrl!, /^\/api\/voice\/[0-9a-f]{20}\.wav$/);
  const hash = /([0-9a-f]{20})\.wav$/.exec(zh.audioUrl!)![1]!;

  const started = process.hrtime.bigint();
  const file = await cache.ensureByHash(hash);
  const ms = Number(process.hrtime.bigint() - started) / 1e6;
  t.truthy(file);
  const measured = await soxStat(file!);
  t.log(`espeak-ng cmn-latn-pinyin "${zh.text}": rendered in ${ms.toFixed(0)} ms, ${measured.seconds.toFixed(2)} s of audio, RMS ${measured.rms}, peak ${measured.max}`);
  t.true(measured.seconds > 1, `audio is ${measured.seconds} s`);
  t.true(measured.rms > 0.01, `RMS amplitude ${measured.rms}`);

  // Asked again (another display, another recall): the same file, no second render.
  const again = await cache.ensureByHash(hash);
  t.is(again, file);
  t.is(render.callCount, 1);
  // A hash the server never announced is not rendered: no free-text speech through the URL.
  t.is(await cache.ensureByHash('0'.repeat(20)), undefined);
  // After a restart (a new cache on the same directory) the hash still resolves.
  const restarted = new AudioCache(dir, new EspeakEngine());
  t.is(await restarted.ensureByHash(hash), file);
});

test('the English phrase renders too, and the chime is a real WAV', async (t) => {
  const dir = await tempDir(t);
  const cache = new AudioCache(dir, new EspeakEngine());
  const [, en] = phrasesFor(hall, a001, 3, 'call');
  const file = await cache.ensure('en', en!.speech);
  t.true((await soxStat(file)).seconds > 1);
  const chime = join(dir, 'chime.wav');
  const { writeFile } = await import('node:fs/promises');
  await writeFile(chime, chimeWav());
  const c = await soxStat(chime);
  t.true(c.seconds > 1 && c.rms > 0.01);
  t.true((await stat(chime)).size > 1000);
});

test('the engine is picked per host: espeak-ng on Linux, say on macOS and Windows, or none', async (t) => {
  t.is(pickEngine({}, 'linux')?.id, 'espeak-ng');
  t.is(pickEngine({}, 'darwin')?.id, 'say');
  t.is(pickEngine({}, 'win32')?.voiceFor('zh'), 'Microsoft Huihui Desktop');
  t.is(pickEngine({ VOICE_ENGINE: 'none' }), undefined);
  t.throws(() => pickEngine({ VOICE_ENGINE: 'festival' }), { message: /unknown engine/ });
  // `say` cannot export WAV on Linux; it says so instead of hanging.
  if (process.platform === 'linux') await t.throwsAsync(pickEngine({ VOICE_ENGINE: 'say' })!.render('请', 'zh', '/tmp/x.wav'), { message: /espeak-ng/ });
});
