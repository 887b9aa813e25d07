// Announcement phrases per language. A template has {number} and {window} (and {service}); it is
// filled twice: once for the text people read on screens, once for the words the engine speaks.
import type { VoiceConfig } from '../server/config/schema.ts';
import { enTicketNumber, enTicketNumberText, zhCardinal, zhTicketNumber } from './number-reading.ts';

export const DEFAULT_TEMPLATES: Record<string, string> = {
  zh: '请 {number} 号 到 {window} 号窗口 办理',
  en: 'Number {number}, please go to window {window}',
};

/** A recall is said differently, as halls do: the visitor hears that this is the second call. */
export const DEFAULT_RECALL_TEMPLATES: Record<string, string> = {
  zh: '请 {number} 号 再次到 {window} 号窗口 办理',
  en: 'Number {number}, again, please go to window {window}',
};

export const DEFAULT_VOICE: VoiceConfig = { languages: ['zh', 'en'], templates: {}, recallTemplates: {}, repeat: 2, zhDigitOne: 'yi' };

export interface PhraseVars {
  number: string;
  window: number;
  service?: { zh: string; en: string };
}

export interface Phrase {
  lang: string;
  /** What a screen shows: "请 A001 号 到 3 号窗口 办理". */
  text: string;
  /** What the engine says: "请 A 零零一 号 到 三 号窗口 办理". */
  speech: string;
}

/** The hall's recall wording, else the default recall wording; then the call's. */
export function templateFor(voice: VoiceConfig, lang: string, kind: 'call' | 'recall'): string | undefined {
  const recall = kind === 'recall' ? (voice.recallTemplates[lang] ?? DEFAULT_RECALL_TEMPLATES[lang]) : undefined;
  return recall ?? voice.templates[lang] ?? DEFAULT_TEMPLATES[lang];
}

/**
 * The template with each {key} replaced by its value (an unknown key stays as written), every run of
 * white space made one space, and none at either end. Every call and recall fills two templates per
 * language: each template is split into its pieces once.
 */
export function fill(template: string, values: Record<string, string>): string {
  const pieces = piecesOf(template);
  let out = pieces[0]!;
  for (let i = 1; i < pieces.length; i += 2) out += (values[pieces[i]!] ?? `{${pieces[i]}}`) + pieces[i + 1]!;
  return ODD_SPACE.test(out) ? out.replace(/\s+/g, ' ').trim() : out;
}

/** White space that is not one plain space between two other characters. */
const ODD_SPACE = /[^\S ]| {2}|^ | $/;

/** A template as [text, key, text, key, …, text]. */
const templatePieces = new Map<string, readonly string[]>();
function piecesOf(template: string): readonly string[] {
  let pieces = templatePieces.get(template);
  if (!pieces) {
    pieces = template.split(/\{(\w+)\}/);
    if (templatePieces.size > 1_000) templatePieces.clear();
    templatePieces.set(template, pieces);
  }
  return pieces;
}

export function phrase(voice: VoiceConfig, lang: string, kind: 'call' | 'recall', vars: PhraseVars): Phrase | undefined {
  const template = templateFor(voice, lang, kind);
  if (!template) return undefined;
  const service = vars.service ? (lang === 'zh' ? vars.service.zh : vars.service.en) : '';
  const isZh = lang === 'zh' || lang.startsWith('zh-') || lang === 'cmn';
  const shown = { number: lang === 'en' ? enTicketNumberText(vars.number) : vars.number, window: String(vars.window), service };
  const spoken = isZh
    ? { number: zhTicketNumber(vars.number, { digitOne: voice.zhDigitOne }), window: zhCardinal(vars.window), service }
    : { number: enTicketNumber(vars.number), window: String(vars.window), service };
  return { lang, text: fill(template, shown), speech: fill(template, spoken) };
}

/**
 * The words to speak for a phrase's shown text, when only the text is at hand (a voice agent whose
 * server sent no audio): ticket numbers digit by digit, remaining numbers (windows) as cardinals.
 */
export function speechFromText(lang: string, text: string, digitOne: 'yi' | 'yao' = 'yi'): string {
  if (lang === 'zh' || lang.startsWith('zh-') || lang === 'cmn') {
    return text
      .replace(/\b([A-Z])(\d{1,4})\b/g, (_, l: string, d: string) => zhTicketNumber(l + d, { digitOne }))
      .replace(/\d+/g, (n) => zhCardinal(Number(n)));
  }
  return text.replace(/\b([A-Z])((?: \d)+)\b/g, '$1,$2');
}
