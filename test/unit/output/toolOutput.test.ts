import type { INodeExecutionData } from 'n8n-workflow';

import {
	boundForModel,
	cutLongTexts,
	isToolUse,
	messageForModel,
	TOOL_OUTPUT_LIMITS,
} from '../../../nodes/HighLevelVoiceAi/output/toolOutput';

const PACKAGE = 'n8n-nodes-highlevel-voice-ai';

const itemsOf = (...jsons: Array<Record<string, unknown>>): INodeExecutionData[] =>
	jsons.map((json, index) => ({
		json: json as INodeExecutionData['json'],
		pairedItem: { item: index },
	}));

describe('isToolUse', () => {
	it.each([
		[`${PACKAGE}.highLevelVoiceAiTool`, undefined, true],
		['highLevelVoiceAiTool', undefined, true],
		[`${PACKAGE}.highLevelVoiceAi`, undefined, false],
		[`${PACKAGE}.highLevelVoiceAiTrigger`, undefined, false],
		// A package whose name ends in "Tool" does not make its nodes tools.
		['n8n-nodes-someTool.highLevelVoiceAi', undefined, false],
		// n8n 2.x's agent marks the node it runs for a tool call.
		[`${PACKAGE}.highLevelVoiceAi`, 'ai_tool', true],
		[`${PACKAGE}.highLevelVoiceAi`, 'main', false],
	] as const)('%s (rewired to %s): %s', (type, rewireOutputLogTo, expected) => {
		expect(isToolUse({ type, rewireOutputLogTo })).toBe(expected);
	});
});

describe('messageForModel', () => {
	it('adds the fix to what happened, without the item index', () => {
		expect(
			messageForModel(
				'HighLevel has no call log abc in this location [item 0]',
				'Check the id, and that it belongs to the location set in the credential.',
			),
		).toBe(
			'HighLevel has no call log abc in this location. Check the id, and that it belongs to the location set in the credential.',
		);
	});

	it('keeps punctuation that is already there and a message that holds the fix already', () => {
		expect(messageForModel('Call ID is empty?', 'Enter it.')).toBe('Call ID is empty? Enter it.');
		expect(messageForModel('Bad. Enter it.', 'Enter it.')).toBe('Bad. Enter it.');
	});

	it.each([undefined, null, '', '  '])('leaves the message alone without a fix (%p)', (fix) => {
		expect(messageForModel('Something went wrong [item 3]', fix)).toBe('Something went wrong');
	});
});

describe('cutLongTexts', () => {
	it('cuts long texts anywhere in the item, says how much, and leaves the rest as it is', () => {
		const long = 'a'.repeat(2500);
		const json = {
			transcript: long,
			summary: 'short',
			duration: 180,
			trialCall: false,
			agent: null,
			executedCallActions: [{ actionParameters: { prompt: long } }],
		};
		expect(cutLongTexts(json, 2000)).toEqual({
			transcript: `${'a'.repeat(2000)}… [500 more characters cut]`,
			summary: 'short',
			duration: 180,
			trialCall: false,
			agent: null,
			executedCallActions: [
				{ actionParameters: { prompt: `${'a'.repeat(2000)}… [500 more characters cut]` } },
			],
		});
		expect(json.transcript).toBe(long);
	});

	it('keeps a "__proto__" key of parsed JSON as a key', () => {
		const json = JSON.parse('{"__proto__": {"note": "xxxxxxxxxxxx"}, "id": "a"}');
		const cut = cutLongTexts(json, 4) as Record<string, unknown>;
		expect(Object.keys(cut)).toEqual(['__proto__', 'id']);
		expect(Object.getPrototypeOf(cut)).toBe(Object.prototype);
		expect(JSON.stringify(cut)).toBe(
			'{"__proto__":{"note":"xxxx… [8 more characters cut]"},"id":"a"}',
		);
	});

	it('does not split a character made of two UTF-16 units', () => {
		const text = `${'a'.repeat(9)}😀${'b'.repeat(20)}`;
		expect(cutLongTexts(text, 10)).toBe(`${'a'.repeat(9)}… [22 more characters cut]`);
	});
});

describe('boundForModel', () => {
	it('passes a small output through', () => {
		const items = itemsOf({ id: 'a' }, { id: 'b' });
		expect(boundForModel(items)).toEqual(items);
	});

	it('keeps at most 20 results and says how many were left out', () => {
		const items = itemsOf(...Array.from({ length: 57 }, (_, index) => ({ id: `call${index}` })));
		const bounded = boundForModel(items);
		expect(bounded).toHaveLength(TOOL_OUTPUT_LIMITS.items + 1);
		expect(bounded.slice(0, 20)).toEqual(items.slice(0, 20));
		expect(bounded[20].json).toEqual({
			note: 'Only the first 20 of 57 results are shown (37 left out) so that this answer stays short: at most 20 results and about 20,000 characters. Ask for fewer or narrower results to see the others.',
			shownResults: 20,
			totalResults: 57,
		});
	});

	it('stops before the JSON passes about 20,000 characters', () => {
		// Each item is about 2,040 characters once its text is cut: 9 fit, the 10th would not.
		const items = itemsOf(...Array.from({ length: 10 }, () => ({ summary: 'x'.repeat(2100) })));
		const bounded = boundForModel(items);
		expect(bounded).toHaveLength(10);
		const shown = bounded.slice(0, 9).map((item) => item.json);
		expect(shown).toEqual(items.slice(0, 9).map((item) => cutLongTexts(item.json, 2000)));
		expect(JSON.stringify(shown).length).toBeLessThanOrEqual(20_000);
		expect(bounded.at(-1)?.json).toMatchObject({ shownResults: 9, totalResults: 10 });
	});

	it('always answers with the first result, fitted, however large it is', () => {
		const huge = Object.fromEntries(
			Array.from({ length: 5000 }, (_, index) => [`field${index}`, 'value']),
		);
		const [only, ...rest] = boundForModel(itemsOf(huge));
		expect(rest).toEqual([]);
		expect(JSON.stringify([only.json]).length).toBeLessThanOrEqual(20_000);
		expect(only.json.partialJson).toEqual(expect.stringMatching(/^\{"field0":"value","field1"/));
		expect(only.json.note).toMatch(
			/^This result is \d+ characters of JSON; only the first \d+ are shown\.$/,
		);
	});

	it('turns no output into a note, since n8n would send the model an empty string', () => {
		expect(boundForModel([])).toEqual([
			{ json: { note: 'No results: nothing matched this request.' }, pairedItem: { item: 0 } },
		]);
	});
});
