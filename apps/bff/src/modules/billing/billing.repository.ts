import { Injectable } from '@nestjs/common';
import {
  cancellationTypeSchema,
  type CancelSubscriptionRequest,
  type SubscriptionCancellation,
} from '@portico/domain';
import { PrismaService } from '../../core/prisma/prisma.service';

/** Cancellations requested through Portico (`subscription_cancellations`), in the request's account scope. */
@Injectable()
export class BillingRepository {
  constructor(private readonly prisma: PrismaService) {}

  /** The account's cancellations, by subscription id. */
  async cancellations(accountId: string): Promise<Map<string, SubscriptionCancellation>> {
    const rows = await this.prisma.subscriptionCancellation.findMany({
      where: { accountId },
      select: {
        subscriptionId: true,
        type: true,
        reason: true,
        requestedAt: true,
        requestedBy: { select: { name: true } },
      },
    });
    return new Map(
      rows.map((r) => [
        r.subscriptionId,
        {
          subscriptionId: r.subscriptionId,
          type: cancellationTypeSchema.parse(r.type),
          reason: r.reason,
          requestedAt: r.requestedAt.toISOString(),
          requestedBy: r.requestedBy?.name ?? null,
        },
      ]),
    );
  }

  /** Records a cancellation; false when the subscription already has one (unique per account and subscription). */
  async recordCancellation(
    accountId: string,
    subscriptionId: string,
    userId: string,
    request: CancelSubscriptionRequest,
  ): Promise<boolean> {
    const { count } = await this.prisma.subscriptionCancellation.createMany({
      data: [
        { accountId, subscriptionId, type: request.type, reason: request.reason, requestedByUserId: userId },
      ],
      skipDuplicates: true,
    });
    return count === 1;
  }
}
