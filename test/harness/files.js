'use strict';
// File access for tests written in TypeScript (the community lint keeps `fs` out of .ts files).
const fs = require('fs');
const path = require('path');

const ROOT = path.resolve(__dirname, '..', '..');

/** A file of the repository as text, or undefined when it does not exist. */
function readRepoFile(relative) {
	const file = path.join(ROOT, relative);
	return fs.existsSync(file) ? fs.readFileSync(file, 'utf8') : undefined;
}

function writeRepoFile(relative, text) {
	fs.writeFileSync(path.join(ROOT, relative), text);
}

/** Whether the run was asked to rewrite generated files (`npm run docs`). */
const updateDocs = process.env.UPDATE_DOCS === '1';

module.exports = { readRepoFile, writeRepoFile, updateDocs };
