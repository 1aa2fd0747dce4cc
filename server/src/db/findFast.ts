import { DataTypes, type Model, type ModelStatic } from 'sequelize';
import { sqlOf, type SqlReader } from './sqlTx';

interface Shape {
  /** `column AS attribute, …` for every attribute. */
  columns: string;
  /** Attributes MySQL answers as 0/1. */
  booleans: string[];
}

const shapes = new WeakMap<ModelStatic<Model>, Shape>();

function shapeOf(model: ModelStatic<Model>): Shape {
  let shape = shapes.get(model);
  if (!shape) {
    const attributes = Object.entries(model.getAttributes());
    shape = {
      columns: attributes.map(([name, attribute]) => `${attribute.field ?? name} AS ${name}`).join(', '),
      booleans: attributes.filter(([, a]) => a.type instanceof DataTypes.BOOLEAN).map(([name]) => name),
    };
    shapes.set(model, shape);
  }
  return shape;
}

/**
 * The first row whose attributes equal `where`, as a model instance, read with plain SQL on a pooled
 * connection: for reads every request of a hot path makes (the account of each request, the booking of
 * each booking request), where Sequelize's query building costs more than the query.
 */
export async function findOneFast<M extends Model>(
  model: ModelStatic<M>,
  where: Partial<Record<keyof M['_attributes'] & string, string | number>>,
  sql: SqlReader = sqlOf(model.sequelize!),
): Promise<M | null> {
  const { columns, booleans } = shapeOf(model);
  const attributes = model.getAttributes();
  const names = Object.keys(where) as Array<keyof typeof where & string>;
  const [row] = await sql.rows<Record<string, unknown>>(
    `SELECT ${columns} FROM ${model.getTableName() as string}
      WHERE ${names.map((name) => `${attributes[name]!.field ?? name} = ?`).join(' AND ')} LIMIT 1`,
    names.map((name) => where[name]),
  );
  if (!row) return null;
  for (const name of booleans) if (row[name] !== null) row[name] = Boolean(Number(row[name]));
  // raw: the values are the database's already; building through every setter costs more than the read.
  return model.build(row as M['_creationAttributes'], { isNewRecord: false, raw: true });
}

export const findByPkFast = <M extends Model>(model: ModelStatic<M>, id: number, sql?: SqlReader) =>
  findOneFast(model, { id } as Parameters<typeof findOneFast<M>>[1], sql);
