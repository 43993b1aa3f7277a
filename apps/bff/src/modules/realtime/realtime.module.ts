import { Module } from '@nestjs/common';
import { RealtimeGateway } from './realtime.gateway';

/** The socket.io gateway relaying {@link EventBus} events to account rooms. */
@Module({ providers: [RealtimeGateway] })
export class RealtimeModule {}
