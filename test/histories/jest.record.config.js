// npm run record-histories: the main Jest config, aimed at the history recorder only.
const base = require('../../jest.config.js');
module.exports = { ...base, rootDir: require('node:path').join(__dirname, '..', '..'), testMatch: ['<rootDir>/test/histories/record.histories.ts'] };
