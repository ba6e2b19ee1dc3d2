import { z } from 'zod';
import { isUrlWithScheme, userIdServerName } from '../internal/grammar';
import { emptyMeansDefault } from '../internal/schema-helpers';

const USER_ID = 'a user ID "@localpart:server_name"';
const EMAIL = 'an e-mail address';
const ROLE = 'a role such as "m.role.admin" or "m.role.security"';
const PAGE = 'null or an http:// or https:// URL';

const contactSchema = z
  .object(
    {
      matrix_id: z
        .string({ message: USER_ID })
        .refine((v) => userIdServerName(v) !== null, { message: USER_ID })
        .optional()
        .describe('An administrator to write to, possibly on another server.'),
      email_address: z
        .string({ message: EMAIL })
        .regex(/^[^@\s]+@[^@\s]+$/, { message: EMAIL })
        .optional()
        .describe('An address to write to.'),
      role: z
        .string({ message: ROLE })
        .min(1, { message: ROLE })
        .describe('m.role.admin or m.role.security.'),
    },
    { message: 'a mapping {matrix_id, email_address, role}' },
  )
  .strict()
  // "At least one of `matrix_id` or `email_address` is required."
  .refine((c) => c.matrix_id !== undefined || c.email_address !== undefined, {
    message: 'a contact with matrix_id or email_address',
  });

/** client-server-api "Support Discovery": GET /.well-known/matrix/support answers 404 while both are empty. */
export const supportSchema = emptyMeansDefault(
  z
    .object(
      {
        contacts: z
          .array(contactSchema, { message: 'a list of contacts' })
          .default([])
          .describe('Ways to reach the administrators: {matrix_id and/or email_address, role}.'),
        support_page: z
          .string({ message: PAGE })
          .refine((v) => isUrlWithScheme(v, ['http:', 'https:']), { message: PAGE })
          .nullable()
          .default(null)
          .describe('A page with help for the users of this server.'),
      },
      { message: 'a mapping {contacts, support_page}' },
    )
    .strict()
    .default({}),
).describe('Support contacts served at /.well-known/matrix/support.');

export type SupportConfig = z.output<typeof supportSchema>;
