import { DbContext } from '../../src/core/prisma/db-context';
import type { PrismaService } from '../../src/core/prisma/prisma.service';

/**
 * The app's Prisma client for a test's own reads and writes, with every model call (`prisma.<model>.<method>(...)`)
 * made in the `system` database scope, so row-level security shows the test every row. Only for tests.
 */
export function systemPrisma(prisma: PrismaService): PrismaService {
  return new Proxy(prisma, {
    get(target, property) {
      const value: unknown = Reflect.get(target, property);
      if (
        typeof value !== 'object' ||
        value === null ||
        typeof property !== 'string' ||
        property.startsWith('$')
      )
        return value;
      return new Proxy(value, {
        get(delegate, method) {
          const fn: unknown = Reflect.get(delegate, method);
          if (typeof fn !== 'function') return fn;
          return (...args: unknown[]) =>
            DbContext.runAsSystem(
              'test',
              async () => await (fn as (...a: unknown[]) => Promise<unknown>).apply(delegate, args),
            );
        },
      });
    },
  });
}
