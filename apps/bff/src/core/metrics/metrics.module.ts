import { Global, Module } from '@nestjs/common';
import { MetricsService } from './metrics.service';

/** Global module providing {@link MetricsService} (one registry per application). */
@Global()
@Module({ providers: [MetricsService], exports: [MetricsService] })
export class MetricsModule {}
