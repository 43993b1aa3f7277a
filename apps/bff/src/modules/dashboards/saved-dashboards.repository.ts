import { Injectable, Logger } from '@nestjs/common';
import {
  dashboardVisibilitySchema,
  panelSchema,
  type DashboardVisibility,
  type Panel,
} from '@portico/domain';
import { z } from 'zod';
import { Prisma } from '../../generated/prisma/client';
import { PrismaService } from '../../core/prisma/prisma.service';

/** A saved dashboard as stored (`saved_dashboards`), its panels parsed again by `panelSchema`. */
export interface SavedDashboardRow {
  id: string;
  name: string;
  title: string;
  description: string | null;
  visibility: DashboardVisibility;
  panels: Panel[];
  createdByUserId: string;
  updatedAt: Date;
}

/** What is stored of a saved dashboard (already validated by the service). */
export interface SavedDashboardWrite {
  title: string;
  description: string | null;
  visibility: DashboardVisibility;
  panels: Panel[];
}

const storedPanelsSchema = z.array(panelSchema);

/** Thrown by {@link SavedDashboardsRepository.create} when the account already has a saved dashboard of the name. */
export class SavedDashboardNameTaken extends Error {
  constructor(readonly dashboardName: string) {
    super(`saved dashboard ${dashboardName} exists`);
    this.name = 'SavedDashboardNameTaken';
  }
}

/**
 * Saved dashboards (`saved_dashboards`), always in the request's account scope: row-level security returns the
 * account's shared dashboards and the member's own private ones only, and refuses writes outside them.
 */
@Injectable()
export class SavedDashboardsRepository {
  private readonly logger = new Logger(SavedDashboardsRepository.name);

  constructor(private readonly prisma: PrismaService) {}

  private toRow(r: {
    id: string;
    name: string;
    title: string;
    description: string | null;
    visibility: string;
    panels: Prisma.JsonValue;
    createdByUserId: string;
    updatedAt: Date;
  }): SavedDashboardRow | null {
    const panels = storedPanelsSchema.safeParse(r.panels);
    const visibility = dashboardVisibilitySchema.safeParse(r.visibility);
    if (!panels.success || !visibility.success) {
      this.logger.warn({ id: r.id }, 'saved dashboard left out: stored panels no longer validate');
      return null;
    }
    return { ...r, visibility: visibility.data, panels: panels.data };
  }

  /**
   * The saved dashboards `userId` sees in `accountId`: shared ones and their own private ones, by title.
   */
  async list(accountId: string, userId: string): Promise<SavedDashboardRow[]> {
    const rows = await this.prisma.savedDashboard.findMany({
      where: { accountId, OR: [{ visibility: 'shared' }, { createdByUserId: userId }] },
      orderBy: [{ title: 'asc' }, { name: 'asc' }],
    });
    return rows.map((r) => this.toRow(r)).filter((r): r is SavedDashboardRow => r !== null);
  }

  /** One saved dashboard `userId` sees, or null. */
  async find(accountId: string, userId: string, name: string): Promise<SavedDashboardRow | null> {
    const r = await this.prisma.savedDashboard.findFirst({
      where: { accountId, name, OR: [{ visibility: 'shared' }, { createdByUserId: userId }] },
    });
    return r ? this.toRow(r) : null;
  }

  /**
   * Stores a new saved dashboard.
   * @throws SavedDashboardNameTaken when the account has one of that name (also another member's private one)
   */
  async create(
    accountId: string,
    userId: string,
    name: string,
    data: SavedDashboardWrite,
  ): Promise<SavedDashboardRow> {
    try {
      const r = await this.prisma.savedDashboard.create({
        data: {
          accountId,
          name,
          createdByUserId: userId,
          title: data.title,
          description: data.description,
          visibility: data.visibility,
          panels: data.panels as unknown as Prisma.InputJsonValue,
        },
      });
      return this.toRow(r)!;
    } catch (err) {
      if (err instanceof Prisma.PrismaClientKnownRequestError && err.code === 'P2002')
        throw new SavedDashboardNameTaken(name);
      throw err;
    }
  }

  /** Replaces a saved dashboard's content by id (scoped to the account); null when no row was visible to change. */
  async update(accountId: string, id: string, data: SavedDashboardWrite): Promise<SavedDashboardRow | null> {
    const { count } = await this.prisma.savedDashboard.updateMany({
      where: { id, accountId },
      data: {
        title: data.title,
        description: data.description,
        visibility: data.visibility,
        panels: data.panels as unknown as Prisma.InputJsonValue,
      },
    });
    if (count === 0) return null;
    const r = await this.prisma.savedDashboard.findFirst({ where: { id, accountId } });
    return r ? this.toRow(r) : null;
  }

  /** Deletes a saved dashboard by id (scoped to the account); false when none was visible. */
  async delete(accountId: string, id: string): Promise<boolean> {
    const { count } = await this.prisma.savedDashboard.deleteMany({ where: { id, accountId } });
    return count === 1;
  }
}
