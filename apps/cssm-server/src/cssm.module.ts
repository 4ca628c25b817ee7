import { DynamicModule, Module, Provider } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { AccountDirectory } from './account-api/account-directory.service';
import { DevicesController } from './account-api/devices.controller';
import { IdTokenService } from './account-api/id-token.service';
import { LicenseReportService } from './account-api/license-report.service';
import { LicensesController } from './account-api/licenses.controller';
import { SmartAccountsController } from './account-api/smart-accounts.controller';
import { AdminAccountsController } from './admin/admin-accounts.controller';
import { AdminDevicesController } from './admin/admin-devices.controller';
import { AdminLicensesController } from './admin/admin-licenses.controller';
import { LicensePoolService } from './admin/license-pool.service';
import { CaController } from './ca/ca.controller';
import { CaService } from './ca/ca.service';
import { CLOCK, CSSM_CONFIG, CssmClock, CssmConfig, DATA_SOURCE } from './common/injection-tokens';
import { AuthorizeHandler } from './device/authorize.handler';
import { DeregisterHandler } from './device/deregister.handler';
import { DeviceMessageService } from './device/device-message.service';
import { DeviceController } from './device/device.controller';
import { IdCertificateIssuer } from './device/id-certificate.issuer';
import { RegisterHandler } from './device/register.handler';
import { RenewIdHandler } from './device/renew-id.handler';
import { HealthController } from './http/health.controller';
import { BearerGuard } from './oauth/bearer.guard';
import { OAuthController } from './oauth/oauth.controller';
import { OAuthService } from './oauth/oauth.service';
import { NetworkSyncService } from './onprem/network-sync.service';
import { OnpremAccountService } from './onprem/onprem-account.service';
import { OnpremAccountsController } from './onprem/onprem-accounts.controller';
import { SyncFileProcessor } from './onprem/sync-file.processor';
import { SyncRequestBuilder } from './onprem/sync-request.builder';
import { SyncResponseImporter } from './onprem/sync-response.importer';
import { SyncController } from './onprem/sync.controller';
import { UpstreamClient } from './onprem/upstream-client';
import { OUTBOX_KICK } from './silence/outbox-kick';
import { SilenceScheduler } from './silence/silence-scheduler';
import { SilenceWakeHandler } from './silence/silence-wake.handler';

export interface CssmDeps {
  dataSource: DataSource;
  clock: CssmClock;
  config: CssmConfig;
  /** Called after a commit that wrote outbox rows (the OutboxRelay's kick). */
  outboxKick?: () => void;
}

/** The license server: built from an initialised data source, the shared clock and its config. */
@Module({})
export class CssmModule {
  static register(deps: CssmDeps): DynamicModule {
    const providers: Provider[] = [
      { provide: DATA_SOURCE, useValue: deps.dataSource },
      { provide: CLOCK, useValue: deps.clock },
      { provide: CSSM_CONFIG, useValue: deps.config },
      { provide: OUTBOX_KICK, useValue: deps.outboxKick ?? (() => undefined) },
      CaService,
      OAuthService,
      BearerGuard,
      AccountDirectory,
      IdTokenService,
      LicenseReportService,
      LicensePoolService,
      SilenceScheduler,
      SilenceWakeHandler,
      IdCertificateIssuer,
      RegisterHandler,
      RenewIdHandler,
      AuthorizeHandler,
      DeregisterHandler,
      DeviceMessageService,
      OnpremAccountService,
      SyncRequestBuilder,
      SyncFileProcessor,
      SyncResponseImporter,
      UpstreamClient,
      NetworkSyncService,
    ];
    return {
      module: CssmModule,
      controllers: [
        HealthController,
        DeviceController,
        OAuthController,
        SmartAccountsController,
        LicensesController,
        DevicesController,
        AdminAccountsController,
        AdminLicensesController,
        AdminDevicesController,
        CaController,
        OnpremAccountsController,
        SyncController,
      ],
      providers,
      exports: providers,
    };
  }
}
