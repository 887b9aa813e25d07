// One knowledge-base entry per service (config/kb/<service>.yaml): what the triage desk, the kiosk
// and the ticket printer tell a visitor, in Chinese and English.
import { z } from 'zod';

const text = z.object({ zh: z.string().trim().min(1), en: z.string().trim().min(1) });

export const kbMaterialSchema = z.object({
  zh: z.string().trim().min(1),
  en: z.string().trim().min(1),
  /** Photocopies to bring; 0 or absent for none. */
  copies: z.number().int().min(0).max(20).optional(),
  /** The original must be shown. */
  original: z.boolean().optional(),
  /** When it applies, or where to get it. */
  note: text.optional(),
});
export type KbMaterial = z.infer<typeof kbMaterialSchema>;

export const kbEntrySchema = z.object({
  service: z.string().regex(/^[A-Za-z0-9_-]{1,32}$/, 'a service id'),
  title: text,
  /** What the service is and who it is for. */
  guide: text,
  steps: z.array(text).min(1),
  materials: z.array(kbMaterialSchema),
  fees: text,
  /** How long it takes (办理时限). */
  timeLimit: text.optional(),
  legalBasis: z.array(text).default([]),
  faqs: z.array(z.object({ q: text, a: text })).default([]),
  /** Extra words people search with (synonyms, colloquial names). */
  keywords: z.array(z.string().trim().min(1)).default([]),
});
export type KbEntry = z.infer<typeof kbEntrySchema>;
export type KbText = z.infer<typeof text>;
