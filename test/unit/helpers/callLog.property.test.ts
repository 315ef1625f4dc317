import fc from 'fast-check';
import type { IDataObject } from 'n8n-workflow';

import {
	callLogToItems,
	splitExecutedActions,
} from '../../../nodes/HighLevelVoiceAi/helpers/callLog';
import type { OutputSettings } from '../../../nodes/HighLevelVoiceAi/helpers/callLog';
import { callLogArb, entryArb, filterArb, NUM_RUNS } from '../../tables/arbitraries';

const isPlainObject = (value: unknown): value is IDataObject =>
	value !== null && typeof value === 'object' && !Array.isArray(value);

const settingsArb: fc.Arbitrary<OutputSettings> = fc.record({
	mode: fc.constantFrom('actions' as const, 'callLogs' as const),
	whenNoActions: fc.constantFrom('emitCall' as const, 'skip' as const, 'error' as const),
	actionTypes: filterArb,
	redact: fc.boolean(),
});

describe('splitting a call log into action items (property-based)', () => {
	it('never throws, whatever executedCallActions holds, in every output mode', () => {
		fc.assert(
			fc.property(callLogArb(), settingsArb, (call, settings) => {
				callLogToItems(call, settings);
			}),
			{ numRuns: NUM_RUNS },
		);
	});

	it('emits exactly the matching object entries, in order, and counts the rest as skipped', () => {
		fc.assert(
			fc.property(
				callLogArb(fc.array(entryArb, { maxLength: 12 })),
				filterArb,
				fc.boolean(),
				(call, actionTypes, redact) => {
					const entries = call.executedCallActions as unknown[];
					const { actions, skippedEntries } = splitExecutedActions(call, { actionTypes, redact });
					const expected = entries
						.map((entry, index) => ({ entry, index }))
						.filter(
							({ entry }) =>
								isPlainObject(entry) &&
								(actionTypes.length === 0 ||
									(typeof entry.actionType === 'string' && actionTypes.includes(entry.actionType))),
						);
					expect(actions.map((item) => item.actionIndex)).toEqual(expected.map((e) => e.index));
					expect(skippedEntries).toBe(entries.filter((entry) => !isPlainObject(entry)).length);
					if (!redact) {
						expect(actions.map((item) => [item.actionId, item.actionType])).toEqual(
							expected.map(({ entry }) => {
								const action = entry as IDataObject;
								return [action.actionId ?? action._id ?? null, action.actionType ?? null];
							}),
						);
					}
				},
			),
			{ numRuns: NUM_RUNS },
		);
	});

	it('gives every item the call id, in every output mode', () => {
		fc.assert(
			fc.property(callLogArb(), settingsArb, (call, settings) => {
				const safe = {
					...settings,
					whenNoActions: settings.whenNoActions === 'error' ? 'skip' : settings.whenNoActions,
				} as OutputSettings;
				const { items } = callLogToItems(call, safe);
				for (const item of items) {
					expect(item[safe.mode === 'callLogs' ? 'id' : 'callId']).toBe(call.id);
				}
			}),
			{ numRuns: NUM_RUNS },
		);
	});

	it('emits one item for a call without matching actions when asked, none when told to skip', () => {
		fc.assert(
			fc.property(callLogArb(fc.array(fc.jsonValue().filter((v) => !isPlainObject(v)))), (call) => {
				const base = { mode: 'actions' as const, actionTypes: [], redact: true };
				const emitted = callLogToItems(call, { ...base, whenNoActions: 'emitCall' });
				expect(emitted.noActions).toBe(true);
				expect(emitted.items).toEqual([
					expect.objectContaining({ callId: call.id, actionType: null }),
				]);
				expect(callLogToItems(call, { ...base, whenNoActions: 'skip' }).items).toEqual([]);
			}),
			{ numRuns: NUM_RUNS },
		);
	});
});
