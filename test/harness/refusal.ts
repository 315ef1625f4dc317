import { InvalidInputError } from '../../nodes/HighLevelVoiceAi/helpers/validation';

/** The InvalidInputError `work` throws, so a test can check its field and message together. */
export function refusal(work: () => unknown): InvalidInputError {
	let caught: unknown;
	try {
		work();
	} catch (error) {
		caught = error;
	}
	if (caught instanceof InvalidInputError) return caught;
	throw new Error(
		`expected an InvalidInputError, but got ${caught === undefined ? 'nothing' : String(caught)}`,
	);
}
