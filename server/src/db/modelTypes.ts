import type { CreationOptional, InferAttributes, InferCreationAttributes, Model } from 'sequelize';

export type { CreationOptional };

/** A Sequelize instance type whose attributes are the interface's own fields. */
export interface Entity<T extends Entity<T>> extends Model<InferAttributes<T>, InferCreationAttributes<T>> {
  id: CreationOptional<number>;
  createdAt: CreationOptional<Date>;
}

/** A row's fields without the model around them: data nobody can save(), update() or reload(). */
export type Plain<T extends Entity<T>> = Readonly<InferAttributes<T>>;

/** An entity with both timestamps. */
export interface Row<T extends Row<T>> extends Entity<T> {
  updatedAt: CreationOptional<Date>;
}
