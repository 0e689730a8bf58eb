/**
 * Imported first by a test that must see every log line: the functions' logger takes its level
 * from the environment when it is built, and resets to it on every invocation.
 */
process.env.POWERTOOLS_LOG_LEVEL = 'DEBUG';
