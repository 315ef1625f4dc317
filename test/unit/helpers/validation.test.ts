import { epochMillis, InvalidInputError } from '../../../nodes/HighLevelVoiceAi/helpers/validation';

describe('epochMillis: dates checked strictly before anything is sent', () => {
	it.each([
		['ISO with zone', '2026-01-31T10:00:00Z', Date.parse('2026-01-31T10:00:00Z')],
		['ISO with offset', '2026-01-31T10:00:00+02:00', Date.parse('2026-01-31T08:00:00Z')],
		['ISO with milliseconds', '2026-01-31T10:00:00.123Z', Date.parse('2026-01-31T10:00:00.123Z')],
		['date only', '2026-01-31', Date.parse('2026-01-31')],
		['29 February of a leap year', '2028-02-29T00:00:00Z', Date.parse('2028-02-29T00:00:00Z')],
		['epoch milliseconds', 1769853600000, 1769853600000],
		['epoch milliseconds as text', '1769853600000', 1769853600000],
		['a Date', new Date('2026-01-31T10:00:00Z'), Date.parse('2026-01-31T10:00:00Z')],
		['a Luxon-like DateTime', { toMillis: () => 1769853600000 }, 1769853600000],
	])('accepts %s', (_label, value, expected) => {
		expect(epochMillis('From', value)).toBe(expected);
	});

	it.each([
		['30 February', '2026-02-30T00:00:00Z', /is not a date$/],
		['29 February of a common year', '2026-02-29', /is not a date$/],
		['month 13', '2026-13-01', /is not a date$/],
		['hour 24', '2026-01-01T24:00:00Z', /is not a date$/],
		['free text', 'yesterday-ish', /is not a date$/],
		['1e21', 1e21, /is not a date/],
		['a fraction', 1769853600000.5, /is not a date/],
		['epoch seconds', 1769853600, /between 2000 and 2100$/],
		['year 2200', '2200-01-01T00:00:00Z', /between 2000 and 2100$/],
		['an object', { d: 1 }, /must be a date, but it is an object$/],
	])('refuses %s', (_label, value, message) => {
		let error: unknown;
		try {
			epochMillis('From', value);
		} catch (caught) {
			error = caught;
		}
		expect(error).toBeInstanceOf(InvalidInputError);
		expect((error as InvalidInputError).field).toBe('From');
		expect((error as InvalidInputError).message).toMatch(message);
	});

	it('treats an empty value as not set', () => {
		expect(epochMillis('From', '')).toBeUndefined();
		expect(epochMillis('From', undefined)).toBeUndefined();
	});
});
