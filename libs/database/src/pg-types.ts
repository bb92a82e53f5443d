import { types } from 'pg';

/**
 * Calendar dates stay `YYYY-MM-DD` strings end to end. pg would turn `date` and `date[]` into JS Dates
 * at local midnight of the server, which shifts days across time zones.
 */
const DATE_OID = 1082;
const DATE_ARRAY_OID = 1182;
const TEXT_ARRAY_OID = 1009;

types.setTypeParser(DATE_OID, (value: string) => value);
const parseTextArray = types.getTypeParser(TEXT_ARRAY_OID as never) as (value: string) => string[];
types.setTypeParser(DATE_ARRAY_OID as never, parseTextArray);
