import { DynamicModule, Module } from '@nestjs/common';
import { createClock } from '@fleetlic/clock';
import { FleetlicEnv } from '@fleetlic/contracts';
import { Messaging } from '@fleetlic/messaging';
import { AdapterCallHandler } from './adapter-call.handler';
import { AdapterWorker } from './adapter.worker';
import { ADAPTER_ENV, CLOCK, MESSAGING } from './injection-tokens';
import { TrustStore } from './trust/trust-store';

/** The adapter worker: NATS, the shared clock, the servers' roots and the Call Home handler. */
@Module({})
export class AdapterModule {
  static forRoot(env: FleetlicEnv): DynamicModule {
    return {
      module: AdapterModule,
      providers: [
        { provide: ADAPTER_ENV, useValue: env },
        {
          provide: MESSAGING,
          useFactory: () => Messaging.connect({ url: env.NATS_URL, namespace: env.FLEETLIC_NAMESPACE, name: 'cssm-adapter' }),
        },
        { provide: CLOCK, inject: [MESSAGING], useFactory: (m: Messaging) => createClock(env, m.nc) },
        {
          provide: TrustStore,
          useFactory: async () => {
            const store = new TrustStore({
              stateDir: env.FLEETLIC_STATE_DIR,
              namespace: env.FLEETLIC_NAMESPACE,
              cssmUrl: env.FLEETLIC_CSSM_URL,
              fetchTimeoutMs: env.FLEETLIC_CALLHOME_TIMEOUT_MS,
            });
            await store.load();
            return store;
          },
        },
        AdapterCallHandler,
        AdapterWorker,
      ],
    };
  }
}
