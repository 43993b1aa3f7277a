import { Injectable } from '@nestjs/common';
import { PrismaService } from '../../core/prisma/prisma.service';

/** Who wrote the case comments posted through Portico (`case_comment_authors`), in the account scope. */
@Injectable()
export class SupportRepository {
  constructor(private readonly prisma: PrismaService) {}

  /** Names of the members who posted comments on a case through Portico (comment id -> name). */
  async commentAuthors(accountId: string, caseId: string): Promise<Map<string, string>> {
    const rows = await this.prisma.caseCommentAuthor.findMany({
      where: { accountId, caseId },
      select: { commentId: true, user: { select: { name: true } } },
    });
    return new Map(rows.filter((r) => r.user !== null).map((r) => [r.commentId, r.user?.name ?? '']));
  }

  /** Remembers that a member posted a comment. */
  async recordCommentAuthor(
    accountId: string,
    caseId: string,
    commentId: string,
    userId: string,
  ): Promise<void> {
    await this.prisma.caseCommentAuthor.createMany({
      data: [{ accountId, caseId, commentId, userId }],
      skipDuplicates: true,
    });
  }
}
