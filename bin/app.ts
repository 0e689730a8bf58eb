#!/usr/bin/env -S npx tsx
/**
 * The CDK app: the whole system for one AWS account and region. Parameters come from context
 * (cdk.json holds example values; override with -c key=value), never hard-coded account ids.
 *   npx cdk deploy --all -c domain=pengaduan.example.go.id -c recipient=pengaduan@pengaduan.example.go.id -c alarmEmail=ops@...
 */
import { App } from 'aws-cdk-lib';
import { buildSystem, systemParametersFromContext } from '../lib/system.ts';

const app = new App();
buildSystem(app, systemParametersFromContext(app), {
  env: { account: process.env.CDK_DEFAULT_ACCOUNT, region: process.env.CDK_DEFAULT_REGION },
});
