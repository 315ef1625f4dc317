import { readRepoFile, updateDocs, writeRepoFile } from '../harness/files';
import { BAD_INPUT } from '../tables/badInput';
import { FAULTS } from '../tables/faults';
import { patternText, renderErrorsDoc } from './errorsDoc';

describe('docs/errors.md', () => {
	const rendered = renderErrorsDoc(BAD_INPUT, FAULTS);

	it('is generated from the bad-input and fault tables (npm run docs rewrites it)', () => {
		if (updateDocs) writeRepoFile('docs/errors.md', rendered);
		const stale = readRepoFile('docs/errors.md') !== rendered;
		if (stale) {
			throw new Error('docs/errors.md is stale: run `npm run docs` and commit the result');
		}
	});

	it('lists every row of both tables', () => {
		for (const row of [...BAD_INPUT, ...FAULTS])
			expect(rendered).toContain(`| ${row.case.replace(/\|/g, '\\|')} |`);
	});

	it('shows a message pattern as the text a user reads', () => {
		expect(patternText(/^HighLevel is temporarily unavailable \(HTTP 503\)$/)).toBe(
			'HighLevel is temporarily unavailable (HTTP 503)',
		);
		expect(patternText(/^The token is missing the voice-ai-dashboard\.readonly scope$/)).toBe(
			'The token is missing the voice-ai-dashboard.readonly scope',
		);
	});
});
