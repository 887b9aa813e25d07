// Request bodies of the staff routes; the OpenAPI paths are generated from the same schemas.
import { z } from 'zod';
import { DEVICE_ROLES, STAFF_ROLES } from './types.ts';

const id = z.string().regex(/^[A-Za-z0-9_-]{1,40}$/, 'not a valid id');
export const staffNumberSchema = z.string().regex(/^[A-Za-z0-9_-]{1,20}$/, 'a staff number is 1-20 letters, digits, _ or -');
const password = z.string().min(8, 'a password has at least 8 characters').max(200);
/** An image the screens may show: a URL on this site or https, or a small inline image. */
const photo = z
  .string()
  .max(12_000, 'a photo is a URL or an image of at most ~8 KB; host larger ones')
  .regex(/^(https:\/\/|\/(?!\/)|data:image\/(png|jpeg|webp);base64,)/, 'a photo is an https:// URL, a path on this site, or a data:image/png|jpeg|webp URL');

export const signInBody = z.object({
  staffNumber: staffNumberSchema,
  password: z.string().min(1).max(200),
  /** The window signed in at (clerks); none for a desk or the office. */
  window: id.optional(),
});

const fields = {
  name: z.string().trim().min(1).max(50),
  roles: z.array(z.enum(STAFF_ROLES)).min(1).max(STAFF_ROLES.length),
  halls: z.array(id).max(100).default([]),
  services: z.array(id).max(100).optional(),
  photo: photo.optional(),
};

export const addStaffBody = z.object({ staffNumber: staffNumberSchema, password, ...fields });
export const editStaffBody = z
  .object({ name: fields.name, roles: fields.roles, halls: z.array(id).max(100), services: fields.services, photo: photo.or(z.literal('')) })
  .partial()
  .refine((b) => Object.keys(b).length > 0, 'nothing to change');
export const passwordBody = z.object({ password });

export const addDeviceBody = z.object({
  name: id,
  role: z.enum(DEVICE_ROLES),
  hall: id.optional(),
  desk: id.optional(),
  windows: z.array(id).max(50).optional(),
});
