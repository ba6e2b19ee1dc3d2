import { IdentifiedPdu, Pdu } from '@switchboard/protocol';
import { requireAclAllows } from './room-acl';

describe('requireAclAllows (server-server-api "Server Access Control Lists (ACLs)")', () => {
  const acl = (content: Record<string, unknown>): IdentifiedPdu => ({
    eventId: '$acl',
    pdu: { type: 'm.room.server_acl', state_key: '', content } as unknown as Pdu,
  });

  it('lets any server in a room without an ACL', () => {
    expect(() => requireAclAllows(undefined, 'anyone.example')).not.toThrow();
  });

  it('answers a denied server 403 M_FORBIDDEN, whatever its port', () => {
    const denying = acl({ allow: ['*'], deny: ['evil.example'] });
    expect(() => requireAclAllows(denying, 'evil.example:8448')).toThrow(
      expect.objectContaining({ errcode: 'M_FORBIDDEN', status: 403 }),
    );
    expect(() => requireAclAllows(denying, 'good.example')).not.toThrow();
  });
});
