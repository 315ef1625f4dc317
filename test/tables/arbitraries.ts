import fc from 'fast-check';
import type { IDataObject } from 'n8n-workflow';

import { ACTION_TYPES } from '../../nodes/HighLevelVoiceAi/helpers/constants';
import type { CallLog } from '../../nodes/HighLevelVoiceAi/helpers/interfaces';

/** Runs per property: enough to find shape bugs, small enough to keep the unit suite fast. */
export const NUM_RUNS = 1000;

/** HighLevel-shaped ids (ObjectIds, `CALL_…`). */
export const idArb = fc.stringMatching(/^[A-Za-z0-9_-]{1,30}$/);

/** Known and unknown action types, plus non-text ones. */
export const actionTypeArb = fc.oneof(
	{ weight: 4, arbitrary: fc.constantFrom(...ACTION_TYPES) },
	{ weight: 1, arbitrary: fc.string() },
	{ weight: 1, arbitrary: fc.jsonValue() },
);

/** One executed action, with any subset of its fields and anything as parameters. */
export const actionArb = fc.record(
	{
		actionId: idArb,
		_id: idArb,
		actionType: actionTypeArb,
		actionName: fc.string(),
		description: fc.string(),
		actionParameters: fc.oneof(fc.jsonValue(), fc.dictionary(fc.string(), fc.jsonValue())),
		executedAt: fc.string(),
		triggerReceivedAt: fc.string(),
	},
	{ requiredKeys: [] },
);

/** An entry of executedCallActions: mostly actions, sometimes null, text, numbers or lists. */
export const entryArb = fc.oneof({ weight: 4, arbitrary: actionArb }, fc.jsonValue());

/** A call log as HighLevel sends it, or drifts from it; `executedCallActions` may be anything. */
export function callLogArb(
	actions: fc.Arbitrary<unknown> = fc.oneof(
		{ weight: 6, arbitrary: fc.array(entryArb, { maxLength: 12 }) },
		fc.constant(null),
		fc.constant(undefined),
		fc.jsonValue(),
	),
	anyValue: fc.Arbitrary<unknown> = fc.jsonValue(),
): fc.Arbitrary<CallLog> {
	return fc
		.record(
			{
				id: idArb,
				agentId: anyValue,
				contactId: anyValue,
				fromNumber: anyValue,
				createdAt: anyValue,
				duration: anyValue,
				trialCall: anyValue,
				summary: anyValue,
				transcript: anyValue,
				extractedData: anyValue,
				messageId: anyValue,
				executedCallActions: actions,
			},
			{ requiredKeys: ['id', 'executedCallActions'] },
		)
		.map((call) => {
			// `undefined` stands for a call log without the key at all.
			if (call.executedCallActions === undefined) delete call.executedCallActions;
			return call as IDataObject as CallLog;
		});
}

/** A subset of the documented types, sometimes with an unknown one, as the Action Types filter. */
export const filterArb: fc.Arbitrary<string[]> = fc.oneof(
	fc.constant([] as string[]),
	fc.subarray<string>([...ACTION_TYPES], { minLength: 1 }),
	fc
		.tuple(fc.subarray<string>([...ACTION_TYPES]), fc.string())
		.map(([types, other]) => [...types, other]),
);
