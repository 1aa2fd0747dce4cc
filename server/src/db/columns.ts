import { DataTypes } from 'sequelize';

/**
 * Column shorthands for model definitions; the migrations own the real DDL. Each call returns a
 * fresh object because Sequelize writes into attribute definitions (field names) when it defines a model.
 */
export const pk = () => ({ type: DataTypes.INTEGER, primaryKey: true, autoIncrement: true });
export const text = (length = 255) => ({ type: DataTypes.STRING(length), allowNull: false });
export const optionalText = (length = 255) => ({ type: DataTypes.STRING(length), allowNull: true });
export const integer = () => ({ type: DataTypes.INTEGER, allowNull: false });
export const optionalInteger = () => ({ type: DataTypes.INTEGER, allowNull: true });
export const flag = () => ({ type: DataTypes.BOOLEAN, allowNull: false });
export const dateTime = () => ({ type: DataTypes.DATE(3), allowNull: false });
export const optionalDateTime = () => ({ type: DataTypes.DATE(3), allowNull: true });
export const dateOnly = () => ({ type: DataTypes.DATEONLY, allowNull: false });
export const optionalDateOnly = () => ({ type: DataTypes.DATEONLY, allowNull: true });
export const json = () => ({ type: DataTypes.JSON, allowNull: true });
export const longText = () => ({ type: DataTypes.TEXT, allowNull: false });

/** The timestamps Sequelize maintains; listed so the attribute types line up. */
export const stamps = () => ({ createdAt: dateTime(), updatedAt: dateTime() });
export const createdStamp = () => ({ createdAt: dateTime() });
