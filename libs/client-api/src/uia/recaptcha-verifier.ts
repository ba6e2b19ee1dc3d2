import { Inject, Injectable } from '@nestjs/common';
import { Logger } from 'pino';
import { CONFIG, SwitchboardConfig } from '@switchboard/config';
import { LOGGER } from '@switchboard/observability';
import { JsonObject, stringField } from '../accounts/request-body';
import { OutboundHttp } from '@switchboard/http';
import type { StageResult } from './uia-stages';

/**
 * The `m.login.recaptcha` stage: "the client should submit the response from the CAPTCHA" as
 * `response`; the server asks the configured siteverify API, with its secret, whether it is good.
 */
@Injectable()
export class RecaptchaVerifier {
  constructor(
    @Inject(CONFIG) private readonly config: SwitchboardConfig,
    private readonly http: OutboundHttp,
    @Inject(LOGGER) private readonly logger: Logger,
  ) {}

  enabled(): boolean {
    return this.config.recaptcha.private_key !== null;
  }

  /** The stage params of the 401: the site key a client needs to show the CAPTCHA. */
  params(): JsonObject {
    return { public_key: this.config.recaptcha.public_key };
  }

  async verify(auth: JsonObject): Promise<StageResult> {
    const response = stringField(auth, 'response', { required: true });
    const form = new URLSearchParams({ secret: this.config.recaptcha.private_key ?? '', response });
    try {
      const answer = await this.http.send(this.config.recaptcha.siteverify_api, {
        method: 'POST',
        headers: { 'content-type': 'application/x-www-form-urlencoded' },
        body: form.toString(),
      });
      const verdict = JSON.parse(answer.body) as { success?: unknown };
      if (answer.status === 200 && verdict.success === true) return { ok: true };
    } catch (err) {
      this.logger.warn({ err }, 'reCAPTCHA siteverify failed');
      return { ok: false, failure: { errcode: 'M_UNAUTHORIZED', error: 'Unable to verify the CAPTCHA' } };
    }
    return { ok: false, failure: { errcode: 'M_UNAUTHORIZED', error: 'CAPTCHA verification failed' } };
  }
}
