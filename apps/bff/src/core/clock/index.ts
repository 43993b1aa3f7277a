export { Clock, SystemClock, systemClock } from './clock';
export { ClockModule } from './clock.module';
