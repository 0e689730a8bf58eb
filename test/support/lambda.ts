/** Tests run handlers with the same Lambda context the local stack uses. */
export { lambdaContext } from '#local/lambda-context.ts';
