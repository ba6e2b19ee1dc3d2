import { Module } from '@nestjs/common';
import { APP_GUARD } from '@nestjs/core';
import { MessagesModule } from './messages/messages.module';
import { SyncModule } from './sync/sync.module';
import { OldSyncModule } from './old_sync/old-sync.module';
import { AdminRegisterController } from './admin-register/admin-register.controller';
import { AdminRegisterService } from './admin-register/admin-register.service';
import { CredentialsService } from './accounts/credentials.service';
import { SessionsService } from './accounts/sessions.service';
import { DeactivationController } from './account_deactivation/deactivation.controller';
import { DeactivationService } from './account_deactivation/deactivation.service';
import { AccessTokenAuthService } from './auth/access-token-auth.service';
import { AccessTokenGuard } from './auth/access-token.guard';
import { CapabilitiesController } from './capabilities/capabilities.controller';
import { DevicesController } from './device_management/devices.controller';
import { DevicesService } from './device_management/devices.service';
import { LoginController } from './login/login.controller';
import { LoginService } from './login/login.service';
import { LogoutController } from './logout/logout.controller';
import { PasswordController } from './password_management/password.controller';
import { PushRulesController } from './pushrules/push-rules.controller';
import { PasswordService } from './password_management/password.service';
import { RefreshController } from './refresh/refresh.controller';
import { RegistrationController } from './registration/registration.controller';
import { RegistrationService } from './registration/registration.service';
import { RegistrationTokenValidityController } from './registration_tokens/registration-token-validity.controller';
import { UiaStages } from './uia/uia-stages';
import { UserInteractiveAuthService } from './uia/user-interactive-auth.service';
import { VersionsController } from './versions/versions.controller';
import { ClientWellKnownController } from './wellknown/client-wellknown.controller';
import { WhoamiController } from './whoami/whoami.controller';
import { UserDataModule } from './user-data.module';
import { PushersController } from './pushers/pushers.controller';
import { PushersService } from './pushers/pushers.service';
import { OutboundHttp } from './outbound/outbound-http';
import { RecaptchaVerifier } from './uia/recaptcha-verifier';
import { AccountThreepidsService } from './threepid/account-threepids.service';
import { EmailValidationService } from './threepid/email-validation.service';
import { ThreepidController } from './threepid/threepid.controller';
import { CasService } from './sso/cas.service';
import { LoginTokensService } from './sso/login-tokens.service';
import { SsoController } from './sso/sso.controller';
import { RoomApiModule } from './room-api.module';
import { GuestUpgradeService } from './guest_access/guest-upgrade.service';

@Module({
  imports: [SyncModule, OldSyncModule, MessagesModule, UserDataModule, RoomApiModule],
  controllers: [
    VersionsController,
    ClientWellKnownController,
    RegistrationController,
    RegistrationTokenValidityController,
    LoginController,
    LogoutController,
    RefreshController,
    WhoamiController,
    PasswordController,
    DeactivationController,
    DevicesController,
    CapabilitiesController,
    PushRulesController,
    AdminRegisterController,
    PushersController,
    ThreepidController,
    SsoController,
  ],
  providers: [
    // Every @MatrixRoute whose descriptor needs an access token is authenticated here.
    { provide: APP_GUARD, useClass: AccessTokenGuard },
    AccessTokenAuthService,
    CredentialsService,
    SessionsService,
    UiaStages,
    UserInteractiveAuthService,
    RegistrationService,
    LoginService,
    PasswordService,
    DeactivationService,
    DevicesService,
    AdminRegisterService,
    PushersService,
    OutboundHttp,
    RecaptchaVerifier,
    EmailValidationService,
    AccountThreepidsService,
    CasService,
    LoginTokensService,
    GuestUpgradeService,
  ],
})
export class ClientApiModule {}
