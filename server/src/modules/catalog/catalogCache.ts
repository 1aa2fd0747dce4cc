import type { Plain } from '../../db/modelTypes';
import { TtlCache, type Clock } from '../../lib/ttlCache';
import { pickCurrentPeriod } from './currentPeriod';
import type { MajorStatus } from '@kaowei/shared';
import type { City, County, ExamPeriod, ExamUnit } from './models';

export interface Offering {
  courseId: number;
  courseCode: string;
  courseName: string;
  unitId: number;
}

/** A major with its status and the course ids of its plan: what placing a course checks (停考). */
export interface CatalogMajor {
  id: number;
  code: string;
  name: string;
  level: string;
  status: MajorStatus;
  transitionEndsOn: string | null;
  planCourseIds: ReadonlySet<number>;
}

export interface Regions {
  cities: readonly Plain<City>[];
  counties: readonly Plain<County>[];
}

/** Where the cache reads from: the database (`catalogSource`), or a stand-in in tests. */
export interface CatalogSource {
  period(id: number): Promise<ExamPeriod | null>;
  periods(): Promise<ExamPeriod[]>;
  units(periodId: number): Promise<ExamUnit[]>;
  offerings(periodId: number): Promise<Offering[]>;
  county(id: number): Promise<Plain<County> | null>;
  regions(): Promise<Regions>;
  majors(): Promise<CatalogMajor[]>;
}

const frozen = <T extends object>(rows: T[]): readonly T[] => Object.freeze(rows.map((row) => Object.freeze(row)));
const frozenOrNull = <T extends object>(row: T | null): T | null => row && Object.freeze(row);

/**
 * What every booking request reads alike — periods, their units and offerings, counties, cities, majors —
 * kept per instance for a few seconds (CATALOG_CACHE_SECONDS), as frozen plain data. Concurrent
 * misses share one read. An official's change clears it on the instance that made it
 * (`invalidateAfter`); other instances see the change once their copy expires.
 *
 * A miss reads on a connection of its own: ask before opening a transaction, not inside one, so a
 * request never waits for a second connection while holding its first.
 */
export class CatalogCache {
  private readonly periodById: TtlCache<number, ExamPeriod | null>;
  private readonly allPeriods: TtlCache<'all', readonly ExamPeriod[]>;
  private readonly unitsByPeriod: TtlCache<number, readonly ExamUnit[]>;
  private readonly offeringsByPeriod: TtlCache<number, ReadonlyMap<string, Offering>>;
  private readonly countyById: TtlCache<number, Plain<County> | null>;
  private readonly allRegions: TtlCache<'all', Regions>;
  private readonly allMajors: TtlCache<'all', ReadonlyMap<number, CatalogMajor>>;
  private readonly everything: { clear(): void }[] = [];

  constructor(
    private readonly source: CatalogSource,
    ttlMs: number,
    clock?: Clock,
  ) {
    const cache = <K, V>() => {
      const made = new TtlCache<K, V>(ttlMs, clock);
      this.everything.push(made);
      return made;
    };
    this.periodById = cache();
    this.allPeriods = cache();
    this.unitsByPeriod = cache();
    this.offeringsByPeriod = cache();
    this.countyById = cache();
    this.allRegions = cache();
    this.allMajors = cache();
  }

  async period(id: number): Promise<ExamPeriod | null> {
    return (await this.periodById.get(id, async () => frozenOrNull(await this.source.period(id)))).value;
  }

  /** The period whose booking is open at `now`, else the next one to open, else the latest. */
  async currentPeriod(now = new Date()): Promise<ExamPeriod | null> {
    const { value } = await this.allPeriods.get('all', async () => frozen(await this.source.periods()));
    return pickCurrentPeriod(value, now);
  }

  /** The period's units in exam order. */
  async units(periodId: number): Promise<readonly ExamUnit[]> {
    return (await this.unitsByPeriod.get(periodId, async () => frozen(await this.source.units(periodId)))).value;
  }

  /** The period's offerings by course code. */
  async offerings(periodId: number): Promise<ReadonlyMap<string, Offering>> {
    const load = async () => new Map(frozen(await this.source.offerings(periodId)).map((o) => [o.courseCode, o]));
    return (await this.offeringsByPeriod.get(periodId, load)).value;
  }

  async county(id: number): Promise<Plain<County> | null> {
    return (await this.countyById.get(id, async () => frozenOrNull(await this.source.county(id)))).value;
  }

  /** Every city and county, by code. */
  async regions(): Promise<Regions> {
    const load = async () => {
      const { cities, counties } = await this.source.regions();
      return Object.freeze({ cities: frozen([...cities]), counties: frozen([...counties]) });
    };
    return (await this.allRegions.get('all', load)).value;
  }

  /** Every major with its plan's course ids, by major id. */
  async majors(): Promise<ReadonlyMap<number, CatalogMajor>> {
    const load = async () => new Map(frozen(await this.source.majors()).map((m) => [m.id, m]));
    return (await this.allMajors.get('all', load)).value;
  }

  /** Forgets everything: the next read of each thing goes to the database. */
  invalidate(): void {
    for (const cache of this.everything) cache.clear();
  }

  /**
   * Runs an official's change of the catalog, then invalidates — also when it failed, since a commit
   * whose answer was lost may still have happened — so this instance's next read sees the change.
   */
  async invalidateAfter<T>(change: () => Promise<T>): Promise<T> {
    try {
      return await change();
    } finally {
      this.invalidate();
    }
  }
}
