import { txnIdFor } from './txn-id';

describe('txnIdFor', () => {
  it('is stable for the same happening and differs otherwise', () => {
    const a = txnIdFor('discord', 'c1', 'm1', 0, 'message');
    expect(a).toMatch(/^sb\.[0-9a-f]{32}$/);
    expect(txnIdFor('discord', 'c1', 'm1', 0, 'message')).toBe(a);
    expect(txnIdFor('discord', 'c1', 'm1', 1, 'message')).not.toBe(a);
    expect(txnIdFor('slack', 'c1', 'm1', 0, 'message')).not.toBe(a);
    expect(txnIdFor('discord', 'c1', 'm1', 0, 'edit:1')).not.toBe(a);
  });
});
