#!/usr/bin/env -S npx tsx
/**
 * The CDK app: the whole system for one AWS account and region. Parameters come from context
 * (-c key=value; cdk.json holds only defaults that suit any deployment), never hard-coded
 * account ids. The README's "Deploy to AWS" lists them; a missing or bad one fails the synth
 * with its name.
 *   npx cdk deploy --all -c region=ap-southeast-1 -c domain=pengaduan.example.go.id \
 *     -c recipient=pengaduan@pengaduan.example.go.id -c alarmEmail=ops@example.go.id
 */
import { App } from 'aws-cdk-lib';
import { buildSystem, systemParametersFromContext } from '../lib/system.ts';

const app = new App();
buildSystem(app, systemParametersFromContext(app));
