import type { Paged } from '@kaowei/shared';
import { QueryTypes, type Sequelize } from 'sequelize';
import type { Db } from '../db/models';

/** WHERE/HAVING conditions with their `?` replacements, in order. */
export class Conditions {
  private readonly parts: string[] = [];
  readonly replacements: unknown[] = [];

  add(sql: string, ...values: unknown[]): this {
    this.parts.push(sql);
    this.replacements.push(...values);
    return this;
  }

  /** Limits `column` to an official's counties (null: the province, no limit; empty: nothing). */
  counties(column: string, counties: number[] | null): this {
    if (counties) this.add(`${column} IN (?)`, counties.length > 0 ? counties : [-1]);
    return this;
  }

  /** Adds all of `other`'s conditions (AND). */
  and(other: Conditions): this {
    if (other.parts.length > 0) this.add(`(${other.sql})`, ...other.replacements);
    return this;
  }

  /** Adds `(this sql OR other's)`: `sql` and its values first, then `other`'s; nothing when `other` is empty. */
  orWith(other: Conditions, sql: string, ...values: unknown[]): this {
    if (other.parts.length === 0) return this;
    return this.add(`(${sql} OR (${other.sql}))`, ...values, ...other.replacements);
  }

  get sql(): string {
    return this.parts.length > 0 ? this.parts.join(' AND ') : '1 = 1';
  }
}

export function paged<T>(items: T[], total: number, query: { page: number; pageSize: number }): Paged<T> {
  return { items, total, page: query.page, pageSize: query.pageSize };
}

export function limitOffset(query: { page: number; pageSize: number }): [number, number] {
  return [query.pageSize, (query.page - 1) * query.pageSize];
}

/** `LIKE ? ESCAPE '!'` argument matching values that start with `prefix` (works on MySQL and SQLite). */
export function likePrefix(prefix: string): string {
  return `${prefix.replace(/[!%_]/g, '!$&')}%`;
}

export async function select<T extends object>(db: Db, sql: string, replacements: unknown[]): Promise<T[]> {
  return db.sequelize.query<T>(sql, { replacements, type: QueryTypes.SELECT });
}

export async function count(db: Db, sql: string, replacements: unknown[]): Promise<number> {
  const [row] = await select<{ n: number | string }>(db, sql, replacements);
  return Number(row?.n ?? 0);
}

/** A DATETIME read back by a raw query: a Date on MySQL, a string on SQLite. */
export function toIso(value: Date | string | null | undefined): string | null {
  if (value === null || value === undefined) return null;
  if (value instanceof Date) return value.toISOString();
  const normalised = value.includes('T') ? value : value.replace(' ', 'T').replace(/ ?\+00:00$/, 'Z');
  const date = new Date(/[Zz]|[+-]\d\d:?\d\d$/.test(normalised) ? normalised : `${normalised}Z`);
  return Number.isNaN(date.getTime()) ? value : date.toISOString();
}

/** "YYYY-MM-DD HH:MM" (UTC) of a DATETIME column, to group by minute on either dialect. */
export function utcMinuteOf(sequelize: Sequelize, column: string): string {
  return sequelize.getDialect() === 'sqlite' ? `substr(${column}, 1, 16)` : `DATE_FORMAT(${column}, '%Y-%m-%d %H:%i')`;
}

export const asBoolean = (value: unknown): boolean => value === true || value === 1 || value === '1';
