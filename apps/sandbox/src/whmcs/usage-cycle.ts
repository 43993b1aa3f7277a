import type { SandboxStore } from '../store/sandbox.store';
import { whmcsDateTime } from '../store/time';
import type { WhmcsServiceRecord } from '../store/whmcs.model';

/** `0000-00-00 00:00:00`: WHMCS's "never measured". */
const NEVER = '0000-00-00 00:00:00';

/** `YYYY-MM-DD HH:MM:SS` (server clock, UTC here) to epoch ms; null for never. */
function parseWhmcsDateTime(text: string): number | null {
  if (text === NEVER) return null;
  const ms = Date.parse(`${text.replace(' ', 'T')}Z`);
  return Number.isNaN(ms) ? null : ms;
}

/** A deterministic number in [0, 1) from a service id and a day number (so runs are reproducible). */
function unit(serviceId: number, day: number): number {
  const x = Math.sin(serviceId * 12.9898 + day * 78.233) * 43758.5453;
  return x - Math.floor(x);
}

/**
 * WHMCS's daily usage update (the cron's `UsageUpdate` of each server module, which writes `diskusage`, `bwusage`
 * and `lastupdate` of every account on the server): each run moves the figures of the services that are on a
 * server (Active or Suspended, ever measured) forward by `days`. Disk grows 0.1-0.6 % of the limit a day (a fixed
 * 50 MB step when unlimited); `bwusage` is the month's running total: each day adds about 1/30 of 45 % of the
 * limit (±30 %), and it restarts at the first run of a new month. `lastupdate` becomes the server's now (one
 * second past the previous one when run twice within a second, so every run is visible).
 */
export class WhmcsUsageCycle {
  private runs = 0;

  constructor(private readonly store: SandboxStore) {}

  /** Whether the cron updates this service. */
  static measures(service: WhmcsServiceRecord): boolean {
    return (service.status === 'Active' || service.status === 'Suspended') && service.lastupdate !== NEVER;
  }

  /**
   * Runs the daily update as if `days` days passed since the previous one.
   * @returns the services updated
   */
  advance(days = 1): WhmcsServiceRecord[] {
    const now = this.store.now();
    const updated: WhmcsServiceRecord[] = [];
    this.runs += 1;
    for (const s of this.store.data.services) {
      if (!WhmcsUsageCycle.measures(s)) continue;
      const previous = parseWhmcsDateTime(s.lastupdate);
      const at = Math.max(now.getTime(), (previous ?? 0) + 1000);
      const newMonth = previous !== null && new Date(previous).getUTCMonth() !== new Date(at).getUTCMonth();
      let bw = newMonth ? 0 : s.bwusage;
      let disk = s.diskusage;
      for (let d = 0; d < days; d += 1) {
        const day = this.runs * 100 + d;
        disk += s.disklimit > 0 ? s.disklimit * (0.001 + 0.005 * unit(s.id, day)) : 50;
        bw += (s.bwlimit > 0 ? (s.bwlimit * 0.45) / 30 : 1024) * (0.7 + 0.6 * unit(s.id + 1000, day));
      }
      s.diskusage = Math.round(disk);
      s.bwusage = Math.round(bw);
      s.lastupdate = whmcsDateTime(new Date(at));
      updated.push(s);
    }
    return updated;
  }

  /**
   * Sets one service's figures (MB), as a server module's update would, with `lastupdate` = now.
   * @returns the service, or undefined when it does not exist
   */
  set(serviceId: number, figures: { diskusage?: number; bwusage?: number }): WhmcsServiceRecord | undefined {
    const s = this.store.data.services.find((x) => x.id === serviceId);
    if (!s) return undefined;
    const previous = parseWhmcsDateTime(s.lastupdate);
    if (figures.diskusage !== undefined) s.diskusage = figures.diskusage;
    if (figures.bwusage !== undefined) s.bwusage = figures.bwusage;
    s.lastupdate = whmcsDateTime(new Date(Math.max(this.store.now().getTime(), (previous ?? 0) + 1000)));
    return s;
  }
}
