import fc from 'fast-check';
import type { IDataObject, INodeExecutionData } from 'n8n-workflow';

import type { ToolOutputLimits } from '../../../nodes/HighLevelVoiceAi/output/toolOutput';
import { boundForModel, cutLongTexts } from '../../../nodes/HighLevelVoiceAi/output/toolOutput';

const NUM_RUNS = 300;

/** Texts of every length around the limits, with characters that grow when put in JSON. */
const textArb = fc.oneof(
	fc.string({ maxLength: 50 }),
	fc.string({ unit: 'grapheme', maxLength: 3000 }),
	fc.stringMatching(/^["\\\n]{0,400}$/),
);
const jsonArb: fc.Arbitrary<IDataObject> = fc.dictionary(
	fc.string({ minLength: 1, maxLength: 12 }),
	fc.oneof(
		textArb,
		fc.integer(),
		fc.boolean(),
		fc.constant(null),
		fc.array(textArb, { maxLength: 4 }),
		fc.dictionary(fc.string({ minLength: 1, maxLength: 8 }), textArb, { maxKeys: 4 }),
	),
	{ maxKeys: 8 },
) as fc.Arbitrary<IDataObject>;
const itemsArb = fc
	.array(jsonArb, { maxLength: 40 })
	.map((jsons) =>
		jsons.map((json, index): INodeExecutionData => ({ json, pairedItem: { item: index } })),
	);
const limitsArb: fc.Arbitrary<ToolOutputLimits> = fc.record({
	items: fc.integer({ min: 1, max: 30 }),
	characters: fc.integer({ min: 400, max: 20_000 }),
	textCharacters: fc.integer({ min: 100, max: 2000 }),
});

const MARKER = /… \[\d+ more characters cut\]$/;

function everyText(value: unknown, visit: (text: string) => void): void {
	if (typeof value === 'string') visit(value);
	else if (Array.isArray(value)) value.forEach((entry) => everyText(entry, visit));
	else if (value !== null && typeof value === 'object')
		Object.values(value).forEach((entry) => everyText(entry, visit));
}

describe('boundForModel, for any output and limits', () => {
	it('keeps a prefix of the results within the limits, and notes exactly what it left out', () => {
		fc.assert(
			fc.property(itemsArb, limitsArb, (items, limits) => {
				const before = JSON.stringify(items);
				const bounded = boundForModel(items, limits);
				expect(JSON.stringify(items)).toBe(before);
				if (items.length === 0) {
					expect(bounded).toHaveLength(1);
					expect(bounded[0].json.note).toMatch(/^No results/);
					return;
				}
				const hasNote = 'totalResults' in (bounded.at(-1)?.json ?? {});
				const shown = hasNote ? bounded.slice(0, -1) : bounded;
				expect(shown.length).toBeGreaterThanOrEqual(1);
				expect(shown.length).toBeLessThanOrEqual(limits.items);
				expect(hasNote).toBe(shown.length < items.length);
				if (hasNote) {
					expect(bounded.at(-1)?.json).toMatchObject({
						shownResults: shown.length,
						totalResults: items.length,
					});
				}
				expect(JSON.stringify(shown.map((item) => item.json)).length).toBeLessThanOrEqual(
					limits.characters,
				);
				shown.forEach((item, index) => {
					expect(item.pairedItem).toEqual(items[index].pairedItem);
					// The first may have been fitted further; the others are only cut.
					if (index > 0)
						expect(item.json).toEqual(cutLongTexts(items[index].json, limits.textCharacters));
				});
				// Nothing that would have fitted was left out.
				if (hasNote && shown.length < limits.items) {
					const next = cutLongTexts(items[shown.length].json, limits.textCharacters);
					const withNext = JSON.stringify([...shown.map((item) => item.json), next]);
					expect(withNext.length).toBeGreaterThan(limits.characters);
				}
			}),
			{ numRuns: NUM_RUNS },
		);
	});
});

describe('cutLongTexts, for any value', () => {
	it('cuts only texts longer than the limit, to a prefix and a marker, keeping the shape', () => {
		fc.assert(
			fc.property(jsonArb, fc.integer({ min: 1, max: 500 }), (json, keep) => {
				const cut = cutLongTexts(json, keep) as IDataObject;
				expect(Object.keys(cut)).toEqual(Object.keys(json));
				const before: string[] = [];
				const after: string[] = [];
				everyText(json, (text) => before.push(text));
				everyText(cut, (text) => after.push(text));
				expect(after).toHaveLength(before.length);
				after.forEach((text, index) => {
					const original = before[index];
					if (original.length <= keep) expect(text).toBe(original);
					else {
						expect(text).toMatch(MARKER);
						const kept = text.replace(MARKER, '');
						expect(original.startsWith(kept)).toBe(true);
						expect(kept.length).toBeGreaterThanOrEqual(keep - 1);
						expect(kept.length).toBeLessThanOrEqual(keep);
					}
				});
			}),
			{ numRuns: NUM_RUNS },
		);
	});
});
