import { hashPassword, verifyPassword } from '@switchboard/client-api';

describe('password hashes (argon2id)', () => {
  it('verifies the right password and refuses a wrong one', async () => {
    const stored = await hashPassword('correct horse');
    expect(stored).toMatch(/^\$argon2id\$v=19\$/);
    expect(await verifyPassword('correct horse', stored)).toBe(true);
    expect(await verifyPassword('correct horsf', stored)).toBe(false);
  });

  it('salts every hash', async () => {
    expect(await hashPassword('x')).not.toEqual(await hashPassword('x'));
  });

  it('refuses hashes it cannot read instead of throwing', async () => {
    expect(await verifyPassword('x', '$2b$12$abcdefghijklmnopqrstuv')).toBe(false);
    expect(await verifyPassword('x', '$argon2id$v=19$garbage')).toBe(false);
  });
});
