import { apiMessage, describeHttpFailure } from '../../../nodes/HighLevelVoiceAi/transport/errors';

describe('reading HighLevel error bodies', () => {
	it('joins a 422 message list, whatever its entries are', () => {
		const body = JSON.parse(
			'{"message":["pageSize must not be greater than 50",{"toString":null},7]}',
		);
		expect(apiMessage(body)).toBe('pageSize must not be greater than 50; {"toString":null}; 7');
	});

	it('falls back to `error`, then to a page title, then to nothing', () => {
		expect(apiMessage({ error: 'Bad Request' })).toBe('Bad Request');
		expect(apiMessage('<html><head><title>502 Bad Gateway</title></head></html>')).toBe(
			'502 Bad Gateway',
		);
		expect(apiMessage(null)).toBe('');
	});

	it('tells a not-found 400 from another 400', () => {
		const request = {
			subject: { noun: 'call log', id: 'abc' },
			scope: 'voice-ai-dashboard.readonly' as const,
		};
		expect(
			describeHttpFailure(400, { message: 'No call log found for the id: abc' }, {}, request)
				.message,
		).toBe('HighLevel has no call log abc in this location');
		expect(describeHttpFailure(400, { message: 'Bad Request' }, {}, request).message).toBe(
			'HighLevel could not process the request for call log abc: Bad Request',
		);
	});
});
