import { App, Chart, Duration, Testing } from 'cdk8s';
import * as kplus from 'cdk8s-plus-28';
import * as yaml from 'yaml';
import { SecureDeployment, SecureServiceAccount } from '../src';
const app = Testing.app();
const chart = new Chart(app, 'c', { namespace: 'ops' });
const d = new SecureDeployment(chart, 'web', {
  containers: [{ name: 'manager', image: 'ghcr.io/x/manager:1.0' }, { name: 'proxy', image: 'proxy:1', portNumber: 8443 }],
  apiAccess: { containers: ['manager'], expiration: Duration.minutes(30) },
  audienceTokens: [{ audience: 'vault', containers: ['proxy'] }],
});
new SecureServiceAccount(chart, 'sa', { imagePullSecrets: [kplus.Secret.fromSecretName(chart, 'ps', 'regcred')] });
console.log(yaml.stringify(Testing.synth(chart)));
