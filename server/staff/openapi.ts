// OpenAPI paths of the staff feature, from the zod schemas the routes validate with.
import { err, ok, op, pathParams, queryParams, type OpenApiPaths } from '../http/openapi-parts.ts';
import { addDeviceBody, addStaffBody, editStaffBody, passwordBody, signInBody } from './schemas.ts';

export function staffOpenApiPaths(): OpenApiPaths {
  const adminAction = (summary: string, body?: typeof passwordBody) => ({
    post: op({ summary, secured: true, params: pathParams('id'), ...(body ? { body } : {}), responses: { 200: ok('account'), 403: err('wrong_role'), 404: err('unknown_staff') } }),
  });
  return {
    '/api/session': {
      post: op({
        summary: 'Sign in with staff number and password (optionally at a window); sets an httpOnly SameSite=Strict cookie and returns a bearer token valid until the end of the hall’s day',
        body: signInBody,
        responses: { 201: ok('token, expiresAt, person'), 401: err('bad_credentials'), 403: err('account_locked / account_disabled / wrong_role / wrong_hall'), 429: err('rate_limited') },
      }),
      get: op({ summary: 'The signed-in person and their window', secured: true, responses: { 200: ok('session'), 401: err('unauthorized / session_expired / session_ended') } }),
      delete: op({ summary: 'Sign out (签退)', secured: true, responses: { 204: { description: 'signed out' }, 401: err('unauthorized') } }),
    },
    '/api/staff/on-duty': { get: op({ summary: 'Who is signed in at each window: name and staff number (public, for window displays)', responses: { 200: ok('windows') } }) },
    '/api/staff': {
      get: op({ summary: 'Staff accounts (admin)', secured: true, responses: { 200: ok('staff'), 403: err('wrong_role') } }),
      post: op({ summary: 'Add a staff account (admin)', secured: true, body: addStaffBody, responses: { 201: ok('account'), 409: err('staff_number_taken') } }),
    },
    '/api/staff/{id}': { patch: op({ summary: 'Change name, roles, halls, services or photo (admin)', secured: true, params: pathParams('id'), body: editStaffBody, responses: { 200: ok('account'), 404: err('unknown_staff') } }) },
    '/api/staff/{id}/disable': adminAction('Disable an account and end its sessions (admin)'),
    '/api/staff/{id}/enable': adminAction('Enable an account (admin)'),
    '/api/staff/{id}/unlock': adminAction('Unlock an account locked by wrong passwords (admin)'),
    '/api/staff/{id}/sign-out': adminAction('End every session of a person (admin)'),
    '/api/staff/{id}/password': adminAction('Set a new password (admin); sessions signed in before end', passwordBody),
    '/api/staff/attendance': {
      get: op({ summary: 'Attendance per person per day: sign-in, sign-out, pauses (admin, manager)', secured: true, params: queryParams('from', 'to', 'format'), responses: { 200: ok('rows'), 400: err('invalid_range') } }),
    },
    '/api/devices': {
      get: op({ summary: 'Device tokens (admin); never the tokens themselves', secured: true, responses: { 200: ok('devices') } }),
      post: op({ summary: 'Create a device token (admin); the token is in this answer only', secured: true, body: addDeviceBody, responses: { 201: ok('device, token'), 409: err('device_name_taken') } }),
    },
    '/api/devices/{id}/revoke': { post: op({ summary: 'Revoke a device token (admin)', secured: true, params: pathParams('id'), responses: { 200: ok('device'), 404: err('unknown_device') } }) },
  };
}
