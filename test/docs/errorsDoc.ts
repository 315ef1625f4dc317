import type { BadInputCase } from '../tables/badInput';
import type { FaultCase } from '../tables/faults';

/**
 * Renders the bad-input and fault tables as the user-facing error reference (docs/errors.md),
 * so the document is the tables themselves and cannot drift from what the tests prove.
 */

/** A message pattern as the text a user reads: anchors and escapes dropped. */
export function patternText(pattern: RegExp | undefined): string {
	if (!pattern) return '';
	return pattern.source
		.replace(/^\^/, '')
		.replace(/\$$/, '')
		.replace(/\\([.()[\]{}/?*+|^$\\-])/g, '$1')
		.replace(/\\"/g, '"');
}

const cell = (text: string) => text.replace(/\|/g, '\\|').replace(/\n/g, ' ');

function whereOf(row: BadInputCase): string {
	const { resource = 'callLog', operation = 'get' } = row.parameters as {
		resource?: string;
		operation?: string;
	};
	return `${resource} → ${operation}`;
}

export function renderErrorsDoc(badInput: BadInputCase[], faults: FaultCase[]): string {
	const lines = [
		'# Errors and what to do about them',
		'',
		'<!-- Generated from test/tables/badInput.ts and test/tables/faults.ts by `npm run docs`;',
		'     do not edit by hand: a test fails when this file and the tables disagree. -->',
		'',
		'Every message below is checked by a test. Messages that are about one input item end in',
		'`[item N]` (the item counts from 0); with **Continue On Fail**, that item becomes one error',
		'item `{ error, description, httpCode? }` and the other items go on.',
		'',
		'## Input the node refuses before sending anything',
		'',
		`${badInput.length} cases. The node names the field and sends no request.`,
		'',
		'| Case | Where | Field | Message |',
		'| --- | --- | --- | --- |',
		...badInput.map(
			(row) =>
				`| ${cell(row.case)} | ${cell(whereOf(row))} | ${cell(row.field)} | ${cell(patternText(row.message))}${row.refusedByN8n ? ' (n8n itself refuses to start the workflow)' : ''} |`,
		),
		'',
		'## What HighLevel or the network can do, and what you see',
		'',
		`${faults.length} cases, each proven through n8n-core against the HighLevel sandbox.`,
		'',
		'| Case | HTTP | Message | What it tells you to do |',
		'| --- | --- | --- | --- |',
		...faults.map((row) => {
			const outcome = row.message
				? patternText(row.message)
				: `No error: ${row.items} item${row.items === 1 ? '' : 's'}${row.hint ? `; hint: *${patternText(row.hint)}*` : ''}`;
			return `| ${cell(row.case)} | ${row.httpCode ?? '–'} | ${cell(outcome)} | ${cell(row.message ? patternText(row.description) || '–' : '–')} |`;
		}),
		'',
	];
	return `${lines.join('\n')}`;
}
