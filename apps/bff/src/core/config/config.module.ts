import { Global, Module, type DynamicModule } from '@nestjs/common';
import { loadEnv, type Env } from './env';

/** Injection token of the validated {@link Env}: `@Inject(ENV) env: Env`. */
export const ENV = 'PORTICO_ENV';

/** Global module providing {@link ENV}. */
@Global()
@Module({})
export class ConfigModule {
  /** @param env an already-validated environment (main.ts and tests pass theirs); defaults to `loadEnv()`. */
  static forRoot(env?: Env): DynamicModule {
    return {
      module: ConfigModule,
      global: true,
      providers: [{ provide: ENV, useValue: env ?? loadEnv() }],
      exports: [ENV],
    };
  }
}
