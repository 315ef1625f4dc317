import type { IDataObject, IExecuteFunctions, INode, INodeExecutionData } from 'n8n-workflow';
import { NodeApiError, NodeOperationError } from 'n8n-workflow';

import type { ToolOutputSize } from '../descriptions/toolUse';
import { TOOL_OUTPUT_SIZES } from '../descriptions/toolUse';

/**
 * The node as an AI Agent's tool. n8n sends the model the tool's items as JSON text and, when the
 * node throws, only the error's message (never its description): so the items are bounded here
 * and the message is made to carry the fix.
 */

/**
 * Whether this run is a tool call. n8n runs the node as its tool variant, whose type name is the
 * node's with "Tool" appended (n8n's own test, `isToolType`); n8n 2.x's agent also marks the node
 * it runs for a tool call with `rewireOutputLogTo: 'ai_tool'`. Either is enough.
 */
export function isToolUse(node: Pick<INode, 'type' | 'rewireOutputLogTo'>): boolean {
	const typeName = node.type.slice(node.type.lastIndexOf('.') + 1);
	return typeName.endsWith('Tool') || node.rewireOutputLogTo === 'ai_tool';
}

export interface ToolOutputLimits {
	/** Items the model receives at most (the note item comes on top). */
	items: number;
	/** Characters of the items' JSON the model receives at most (the note item comes on top). */
	characters: number;
	/** Longer texts (transcripts, prompts) are cut to this many characters. */
	textCharacters: number;
}

export const TOOL_OUTPUT_LIMITS: ToolOutputLimits = {
	items: 20,
	characters: 20_000,
	textCharacters: 2_000,
};

/** The shortest a text is cut to when one item alone is over the character budget. */
const MIN_TEXT_CHARACTERS = 100;

function cutText(text: string, keep: number): string {
	if (text.length <= keep) return text;
	// Never split a surrogate pair: half of one is not a character.
	const end = /[\ud800-\udbff]/.test(text.charAt(keep - 1)) ? keep - 1 : keep;
	return `${text.slice(0, end)}… [${text.length - end} more characters cut]`;
}

/** A copy of `value` with every text longer than `keep` cut, saying how much was cut. */
export function cutLongTexts(value: unknown, keep: number): unknown {
	if (typeof value === 'string') return cutText(value, keep);
	if (Array.isArray(value)) return value.map((entry) => cutLongTexts(entry, keep));
	if (value !== null && typeof value === 'object') {
		// fromEntries defines each key, so a "__proto__" key from JSON stays a key.
		return Object.fromEntries(
			Object.entries(value).map(([key, entry]) => [key, cutLongTexts(entry, keep)]),
		);
	}
	return value;
}

function jsonLength(value: unknown): number {
	return JSON.stringify(value)?.length ?? 0;
}

/**
 * One item made to fit `characters`: long texts are cut shorter and shorter; an item that still
 * does not fit (thousands of short fields) is sent as the start of its JSON text.
 */
function fitItem(json: IDataObject, limits: ToolOutputLimits): IDataObject {
	let keep = limits.textCharacters;
	let fitted = cutLongTexts(json, keep) as IDataObject;
	while (jsonLength(fitted) > limits.characters && keep > MIN_TEXT_CHARACTERS) {
		keep = Math.max(MIN_TEXT_CHARACTERS, Math.floor(keep / 4));
		fitted = cutLongTexts(json, keep) as IDataObject;
	}
	if (jsonLength(fitted) <= limits.characters) return fitted;
	const text = JSON.stringify(fitted);
	// Quotes and backslashes grow when the text is put in a string again: shrink until it fits.
	let shown = limits.characters;
	let partial: IDataObject;
	do {
		shown = Math.floor(shown * 0.8);
		partial = {
			partialJson: text.slice(0, shown),
			note: `This result is ${text.length} characters of JSON; only the first ${shown} are shown.`,
		};
	} while (jsonLength(partial) > limits.characters && shown > 0);
	return partial;
}

/**
 * The items as the model should get them: at most `limits.items`, together at most
 * `limits.characters` of JSON, long texts cut, in the node's order; a last item with a `note`
 * says how many were left out. The first item is always kept (made to fit if need be), and an
 * empty output becomes one note, because n8n would send the model an empty string.
 */
export function boundForModel(
	items: INodeExecutionData[],
	limits: ToolOutputLimits = TOOL_OUTPUT_LIMITS,
): INodeExecutionData[] {
	if (items.length === 0) {
		return [
			{ json: { note: 'No results: nothing matched this request.' }, pairedItem: { item: 0 } },
		];
	}
	const kept: INodeExecutionData[] = [];
	// The items reach the model as one JSON array: two brackets, and a comma between items.
	let used = 2;
	for (const item of items) {
		if (kept.length === limits.items) break;
		const separator = kept.length > 0 ? 1 : 0;
		let json = cutLongTexts(item.json, limits.textCharacters) as IDataObject;
		if (kept.length === 0 && used + jsonLength(json) > limits.characters) {
			json = fitItem(item.json, { ...limits, characters: limits.characters - used });
		}
		const length = jsonLength(json) + separator;
		if (used + length > limits.characters) break;
		kept.push({ json, pairedItem: item.pairedItem });
		used += length;
	}
	if (kept.length === items.length) return kept;
	const left = items.length - kept.length;
	kept.push({
		json: {
			note: `Only the first ${kept.length} of ${items.length} results are shown (${left} left out) so that this answer stays short: at most ${limits.items} results and about ${limits.characters.toLocaleString('en-US')} characters. Ask for fewer or narrower results to see the others.`,
			shownResults: kept.length,
			totalResults: items.length,
		},
		pairedItem: { item: 0 },
	});
	return kept;
}

/**
 * The message the model reads for a failure: what happened and how to fix it in one text, since
 * n8n drops the description; without the "[item 0]" that means nothing to a model.
 */
export function messageForModel(message: string, description?: string | null): string {
	const what = message.replace(/\s*\[item \d+\]$/, '').trim();
	const fix = (description ?? '').trim();
	if (fix === '' || what.includes(fix)) return what;
	return `${what}${/[.!?:]$/.test(what) ? '' : '.'} ${fix}`;
}

/** The error with its message made self-contained (the description stays for n8n's own view). */
export function errorForModel(error: unknown): unknown {
	if (error instanceof NodeApiError || error instanceof NodeOperationError) {
		error.message = messageForModel(error.message, error.description);
	}
	return error;
}

/** Reads "Output Size for the Agent" (absent on n8n without `@tool`: limited). */
export function readToolOutputSize(context: IExecuteFunctions): ToolOutputSize {
	const value = context.getNodeParameter('toolOutputSize', 0, 'limited');
	if ((TOOL_OUTPUT_SIZES as readonly unknown[]).includes(value)) return value as ToolOutputSize;
	// Only a hand-edited workflow holds another value: name it rather than guess.
	throw new NodeOperationError(
		context.getNode(),
		`Output Size for the Agent is ${JSON.stringify(value)}, not one of: ${TOOL_OUTPUT_SIZES.join(', ')}`,
		{ description: 'Pick "Output Size for the Agent" from the list.' },
	);
}

/**
 * Runs the node for a tool call: the output bounded as "Output Size for the Agent" asks, and a
 * failure thrown with a message that says what to do. With "Continue On Fail" a failure is an
 * item that already carries both.
 */
export async function runAsTool(
	context: IExecuteFunctions,
	run: (this: IExecuteFunctions) => Promise<INodeExecutionData[][]>,
): Promise<INodeExecutionData[][]> {
	let output: INodeExecutionData[][];
	try {
		const size = readToolOutputSize(context);
		output = await run.call(context);
		if (size === 'all') return output;
	} catch (error) {
		throw errorForModel(error);
	}
	return [boundForModel(output[0] ?? [])];
}
