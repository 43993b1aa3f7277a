import { Global, Module } from '@nestjs/common';
import { Clock, systemClock } from './clock';

/** Global module providing the {@link Clock} port (the system clock; tests override it with `FakeClock`). */
@Global()
@Module({ providers: [{ provide: Clock, useValue: systemClock }], exports: [Clock] })
export class ClockModule {}
