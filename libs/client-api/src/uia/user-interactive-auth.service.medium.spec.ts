import { SwitchboardConfig } from '@switchboard/config';
import { AuthChallenge } from '@switchboard/protocol';
import {
  AccessTokenCache,
  AccountsRepository,
  RegistrationTokensRepository,
  ThreepidsRepository,
  Transactions,
  UiaSessionsRepository,
} from '@switchboard/storage';
import { describeWithAllDatabases } from '@switchboard/storage/testing';
import { CredentialsService } from '../accounts/credentials.service';
import { hashPassword } from '../accounts/password-hash';
import { UIA_SESSION_LIFETIME_MS } from '../accounts/session-timings';
import { EmailValidationService } from '../threepid/email-validation.service';
import { RecaptchaVerifier } from './recaptcha-verifier';
import { UiaStages } from './uia-stages';
import { UiaRequest, UserInteractiveAuthService } from './user-interactive-auth.service';

describeWithAllDatabases(
  'UserInteractiveAuthService (client-server-api "User-Interactive Authentication API")',
  (db) => {
    const config = { server_name: 'test.local', cas: { server_url: null } } as SwitchboardConfig;
    const tokens = new RegistrationTokensRepository();
    const service = () => {
      const transactions = new Transactions(db().dataSource);
      const stages = new UiaStages(
        config,
        transactions,
        new CredentialsService(
          config,
          new AccountsRepository(new AccessTokenCache()),
          new ThreepidsRepository(),
        ),
        tokens,
        { enabled: () => false } as unknown as RecaptchaVerifier,
        {} as EmailValidationService,
      );
      return new UserInteractiveAuthService(transactions, new UiaSessionsRepository(), tokens, stages);
    };
    const q = () => db().dataSource.manager;
    const REGISTER: UiaRequest = {
      operation: 'POST /register',
      userId: null,
      flows: [['m.login.registration_token']],
    };
    const DELETE: UiaRequest = {
      operation: 'POST /delete_devices',
      subject: ['A'],
      userId: '@alice:test.local',
      flows: [['m.login.password']],
    };

    /** The AuthChallenge an authenticate call throws. */
    const challenge = async (promise: Promise<unknown>): Promise<AuthChallenge> => {
      const err = await promise.then(
        () => undefined,
        (e: unknown) => e,
      );
      expect(err).toBeInstanceOf(AuthChallenge);
      return err as AuthChallenge;
    };

    beforeAll(async () => {
      await new AccountsRepository(new AccessTokenCache()).create(q(), {
        userId: '@alice:test.local',
        passwordHash: await hashPassword('alice-pw'),
        admin: false,
        isGuest: false,
        userType: null,
        createdTs: 1,
      });
    });

    afterEach(() => jest.restoreAllMocks());

    it('a first request gets a 401 with flows, params, a session and empty completed, and no errcode', async () => {
      const first = await challenge(service().authenticate(undefined, DELETE));
      expect(first.status).toBe(401);
      expect(first.toJSON()).toEqual({
        flows: [{ stages: ['m.login.password'] }],
        params: {},
        session: expect.any(String),
        completed: [],
      });
    });

    it('a wrong password is a 401 with errcode that keeps the session; the right one completes it', async () => {
      const session = (await challenge(service().authenticate(undefined, DELETE))).body.session;
      const auth = (password: string) => ({ type: 'm.login.password', user: 'alice', password, session });
      const wrong = await challenge(service().authenticate(auth('nope'), DELETE));
      expect(wrong.toJSON()).toEqual(expect.objectContaining({ errcode: 'M_FORBIDDEN', session }));
      expect(await service().authenticate(auth('alice-pw'), DELETE)).toEqual({
        sessionId: session,
        userId: '@alice:test.local',
        results: {},
      });
    });

    it('a session never authorises another request', async () => {
      const session = (await challenge(service().authenticate(undefined, DELETE))).body.session;
      const auth = { type: 'm.login.password', user: 'alice', password: 'alice-pw', session };
      await expect(service().authenticate(auth, { ...DELETE, subject: ['B'] })).rejects.toMatchObject({
        errcode: 'M_FORBIDDEN',
        status: 403,
      });
      await expect(
        service().authenticate(auth, { ...DELETE, operation: 'POST /account/password' }),
      ).rejects.toMatchObject({
        errcode: 'M_FORBIDDEN',
      });
    });

    it("an expired session's reserved registration token use is given back", async () => {
      await tokens.create(q(), { token: 'single', usesAllowed: 1, expiryTime: null });
      const session = (await challenge(service().authenticate(undefined, REGISTER))).body.session;
      const outcome = await service().authenticate(
        { type: 'm.login.registration_token', token: 'single', session },
        REGISTER,
      );
      expect(outcome.registrationToken).toBe('single');
      expect(await tokens.isValid(q(), 'single', Date.now())).toBe(false);

      const later = Date.now() + UIA_SESSION_LIFETIME_MS + 1;
      jest.spyOn(Date, 'now').mockReturnValue(later);
      await challenge(service().authenticate(undefined, REGISTER));
      expect(await tokens.isValid(q(), 'single', later)).toBe(true);
      await expect(
        service().authenticate({ type: 'm.login.registration_token', token: 'single', session }, REGISTER),
      ).rejects.toMatchObject({ errcode: 'M_UNKNOWN', status: 400 });
    });

    it('a session kept by finishKeeping remembers params and results, and its consumed token is not given back', async () => {
      await tokens.create(q(), { token: 'kept', usesAllowed: 1, expiryTime: null });
      const request = { ...REGISTER, params: { username: 'kim' } };
      const session = (await challenge(service().authenticate(undefined, request))).body.session;
      expect(await service().recall({ session }, REGISTER.operation)).toEqual({
        params: { username: 'kim' },
        results: {},
      });
      expect(await service().recall({ session }, DELETE.operation)).toBeNull();
      const outcome = await service().authenticate(
        { type: 'm.login.registration_token', token: 'kept', session },
        REGISTER,
      );
      await new Transactions(db().dataSource).run(async (tx) => {
        await tokens.consume(tx, 'kept');
        await service().finishKeeping(tx, outcome, { registered_user_id: '@kim:test.local' });
      });
      expect(await service().recall({ session }, REGISTER.operation)).toEqual({
        params: { username: 'kim' },
        results: { registered_user_id: '@kim:test.local' },
      });
      const again = await service().authenticate({ session }, REGISTER);
      expect(again.results).toEqual({ registered_user_id: '@kim:test.local' });

      const later = Date.now() + UIA_SESSION_LIFETIME_MS + 1;
      jest.spyOn(Date, 'now').mockReturnValue(later);
      await challenge(service().authenticate(undefined, REGISTER));
      expect(await tokens.isValid(q(), 'kept', later)).toBe(false);
      expect(await service().recall({ session }, REGISTER.operation)).toBeNull();
    });
  },
);
