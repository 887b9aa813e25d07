// Small builders for the OpenAPI path items features contribute (errors refer to the core's Error schema).
import { z } from 'zod';

export const json = (schema: z.ZodType) => ({ content: { 'application/json': { schema: z.toJSONSchema(schema, { io: 'input' }) } } });
export const err = (description: string) => ({ description, content: { 'application/json': { schema: { $ref: '#/components/schemas/Error' } } } });
export const ok = (description: string) => ({ description, content: { 'application/json': { schema: { type: 'object' } } } });
export const pathParams = (...names: string[]) => names.map((name) => ({ name, in: 'path', required: true, schema: { type: 'string' } }));
export const queryParams = (...names: string[]) => names.map((name) => ({ name, in: 'query', required: false, schema: { type: 'string' } }));

export type OpenApiPaths = Record<string, Record<string, unknown>>;

/** One operation: summary, bearer security when `secured`, parameters, a zod request body, responses. */
export interface Op {
  summary: string;
  secured?: boolean;
  params?: unknown[];
  body?: z.ZodType;
  responses: Record<number, unknown>;
}
export const op = (o: Op) => ({
  summary: o.summary,
  ...(o.secured ? { security: [{ bearer: [] }] } : {}),
  ...(o.params ? { parameters: o.params } : {}),
  ...(o.body ? { requestBody: json(o.body) } : {}),
  responses: o.responses,
});
