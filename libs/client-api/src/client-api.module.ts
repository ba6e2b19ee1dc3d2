import { Module } from '@nestjs/common';
import { APP_GUARD } from '@nestjs/core';
import { MessagesModule } from './messages/messages.module';
import { SyncModule } from './sync/sync.module';
import { ToDeviceModule } from './to_device/to-device.module';
import { KeyBackupModule } from './key_backup/key-backup.module';
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
import { PushModule } from './push_delivery/push.module';
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
import { OutboundHttp } from '@switchboard/http';
import { RecaptchaVerifier } from './uia/recaptcha-verifier';
import { AccountThreepidsService } from './threepid/account-threepids.service';
import { EmailValidationService } from './threepid/email-validation.service';
import { ThreepidController } from './threepid/threepid.controller';
import { CasService } from './sso/cas.service';
import { LoginTokensService } from './sso/login-tokens.service';
import { SsoController } from './sso/sso.controller';
import { RoomApiModule } from './room-api.module';
import { MediaModule } from './media/media.module';
import { GuestUpgradeService } from './guest_access/guest-upgrade.service';
import { DeviceListsModule } from './device_lists/device-lists.module';
import { KeysController } from './keys/keys.controller';
import { CrossSigningController } from './keys/cross-signing.controller';
import { KeyUploadService } from './keys/key-upload.service';
import { KeyQueryService } from './keys/key-query.service';
import { KeyClaimService } from './keys/key-claim.service';
import { CrossSigningService } from './keys/cross-signing.service';
import { KeySignaturesService } from './keys/key-signatures.service';

import { RelationsModule } from './relations/relations.module';
import { SearchModule } from './search/search.module';
import { UserDirectoryModule } from './user_directory/user-directory.module';
import { HierarchyModule } from './hierarchy/hierarchy.module';
import { ReportingModule } from './reporting/reporting.module';
import { OpenIdModule } from './openid/openid.module';
import { VoipModule } from './voip/voip.module';
import { ThirdPartyModule } from './thirdparty/third-party.module';
import { MutualRoomsModule } from './mutual_rooms/mutual-rooms.module';
import { AdminWhoisModule } from './admin_whois/admin-whois.module';
import { RoomInitialSyncModule } from './room_initial_sync/room-initial-sync.module';
import { DiscoveryModule } from './discovery/discovery.module';
import { MsisdnModule } from './msisdn/msisdn.module';
import { ThreepidBindingsModule } from './threepid/threepid-bindings.module';
import { LoginTokenController } from './login_token/login-token.controller';
import { LoginTokenService } from './login_token/login-token.service';
import { AdminLockModule } from './admin_lock/admin-lock.module';
import { AdminAppservicesModule } from './admin_appservices/admin-appservices.module';
import { AppservicePingController } from './appservice_ping/appservice-ping.controller';
import { AppserviceCallerService } from './auth/appservice-caller.service';
import { AppserviceAuthService } from './auth/appservice-auth.service';
import { AppserviceSenders } from './auth/appservice-senders.service';
import { AppserviceRegistrationService } from './registration/appservice-registration.service';
import { AppserviceLoginService } from './login/appservice-login.service';
import { AppserviceDirectoryController } from './directory/appservice-directory.controller';
import { AppserviceDirectoryService } from './directory/appservice-directory.service';
@Module({
  imports: [
    SyncModule,
    OldSyncModule,
    MessagesModule,
    UserDataModule,
    RoomApiModule,
    DeviceListsModule,
    ToDeviceModule,
    KeyBackupModule,
    RelationsModule,
    SearchModule,
    UserDirectoryModule,
    HierarchyModule,
    ReportingModule,
    OpenIdModule,
    VoipModule,
    ThirdPartyModule,
    MutualRoomsModule,
    AdminWhoisModule,
    MediaModule,
    PushModule,
    RoomInitialSyncModule,
    DiscoveryModule,
    MsisdnModule,
    ThreepidBindingsModule,
    AdminLockModule,
    AdminAppservicesModule,
  ],
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
    AdminRegisterController,
    PushersController,
    ThreepidController,
    SsoController,
    KeysController,
    CrossSigningController,
    LoginTokenController,
    AppservicePingController,
    AppserviceDirectoryController,
  ],
  providers: [
    // Every @MatrixRoute whose descriptor needs an access token is authenticated here.
    { provide: APP_GUARD, useClass: AccessTokenGuard },
    AccessTokenAuthService,
    AppserviceCallerService,
    AppserviceAuthService,
    AppserviceSenders,
    AppserviceRegistrationService,
    AppserviceLoginService,
    AppserviceDirectoryService,
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
    KeyUploadService,
    KeyQueryService,
    KeyClaimService,
    CrossSigningService,
    KeySignaturesService,
    LoginTokenService,
  ],
})
export class ClientApiModule {}
