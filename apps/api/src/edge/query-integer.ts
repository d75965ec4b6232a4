import { Transform } from 'class-transformer';

/**
 * A whole number in a query, as decimal digits: '0x10', '1e2' or ' 7' stay text, so the field's own check refuses them
 * (Number() would read them as 16, 100 and 7, and a path's number is read that strictly already).
 */
export const QueryInteger = (): PropertyDecorator => Transform(({ value }: { value: unknown }) => (typeof value === 'string' && /^-?\d{1,15}$/.test(value) ? Number(value) : value));
