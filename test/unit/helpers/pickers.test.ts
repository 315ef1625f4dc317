import { callLabel, shortTime } from '../../../nodes/HighLevelVoiceAi/helpers/pickers';

describe('the Call picker’s labels', () => {
	const names = new Map([['a1', 'Riley (Front Desk)']]);
	const call = {
		id: 'c1',
		createdAt: '2026-11-20T17:55:10.000Z',
		fromNumber: '+15551234567',
		agentId: 'a1',
		trialCall: false,
	};

	it('shows time, caller number and agent name, in the workflow’s timezone', () => {
		expect(callLabel(call, names, 'UTC')).toBe(
			'2026-11-20 17:55 · +15551234567 · Riley (Front Desk)',
		);
		expect(callLabel(call, names, 'America/New_York')).toBe(
			'2026-11-20 12:55 · +15551234567 · Riley (Front Desk)',
		);
		expect(callLabel(call, names, 'Asia/Tokyo')).toBe(
			'2026-11-21 02:55 · +15551234567 · Riley (Front Desk)',
		);
	});

	it('says what it does not know instead of leaving gaps', () => {
		expect(callLabel({ id: 'c2' }, names, 'UTC')).toBe(
			'unknown time · unknown number · unknown agent',
		);
		expect(
			callLabel({ ...call, agentId: 'gone', isAgentDeleted: true, trialCall: true }, names, 'UTC'),
		).toBe('2026-11-20 17:55 · +15551234567 · agent gone (deleted) · trial call');
	});

	it('falls back to UTC for a timezone that is not one, and to nothing for a time that is not one', () => {
		expect(shortTime('2026-11-20T17:55:10.000Z', 'Not/AZone')).toBe('2026-11-20 17:55');
		expect(shortTime('yesterday', 'UTC')).toBeUndefined();
		expect(shortTime(1234, 'UTC')).toBeUndefined();
	});

	it('shows midnight as 00, not 24', () => {
		expect(shortTime('2026-11-20T00:05:00.000Z', 'UTC')).toBe('2026-11-20 00:05');
	});
});
