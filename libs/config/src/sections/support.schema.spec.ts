import { supportSchema } from './support.schema';

describe('support', () => {
  it('defaults to no contacts and no page', () => {
    expect(supportSchema.parse(undefined)).toEqual({ contacts: [], support_page: null });
  });

  it('takes contacts with a Matrix ID or an e-mail address and a role', () => {
    const contacts = [
      { matrix_id: '@admin:example.org', role: 'm.role.admin' },
      { email_address: 'security@example.org', role: 'm.role.security' },
    ];
    expect(supportSchema.parse({ contacts }).contacts).toEqual(contacts);
  });

  it.each([
    [{ contacts: [{ role: 'm.role.admin' }] }],
    [{ contacts: [{ matrix_id: 'admin', role: 'm.role.admin' }] }],
    [{ contacts: [{ email_address: 'a@b.c' }] }],
    [{ support_page: 'example.org/help' }],
  ])('refuses %j', (value) => {
    expect(supportSchema.safeParse(value).success).toBe(false);
  });
});
