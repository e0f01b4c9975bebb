// A validating admission webhook on 127.0.0.1 for the "webhook refusal" message: it refuses Modules labelled
// `forkspacer-test/refuse`, with the reason in the label's value; everything else is allowed.
import { readFileSync } from 'node:fs';
import { createServer, type Server } from 'node:https';
import type { TestCluster } from './cluster';

export async function startRefusingWebhook(cluster: TestCluster): Promise<{ stop(): Promise<void> }> {
  const server: Server = createServer(
    { cert: readFileSync(cluster.pki.serverCert), key: readFileSync(cluster.pki.serverKey) },
    (req, res) => {
      const chunks: Buffer[] = [];
      req.on('data', (c: Buffer) => chunks.push(c));
      req.on('end', () => {
        const review = JSON.parse(Buffer.concat(chunks).toString('utf8'));
        const labels = review.request?.object?.metadata?.labels ?? {};
        const reason = labels['forkspacer-test/refuse'];
        const response = reason
          ? {
              uid: review.request.uid,
              allowed: false,
              status: { code: 403, message: `refused by the test policy: ${reason}` },
            }
          : { uid: review.request.uid, allowed: true };
        res.writeHead(200, { 'content-type': 'application/json' });
        res.end(JSON.stringify({ apiVersion: 'admission.k8s.io/v1', kind: 'AdmissionReview', response }));
      });
    },
  );
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', () => r()));
  const address = server.address();
  const port = typeof address === 'object' && address ? address.port : 0;
  await cluster.admin(
    'PATCH',
    '/apis/admissionregistration.k8s.io/v1/validatingwebhookconfigurations/forkspacer-test-policy?fieldManager=test-harness&force=true',
    {
      apiVersion: 'admissionregistration.k8s.io/v1',
      kind: 'ValidatingWebhookConfiguration',
      metadata: { name: 'forkspacer-test-policy' },
      webhooks: [
        {
          name: 'policy.forkspacer-test.local',
          clientConfig: {
            url: `https://127.0.0.1:${port}/validate`,
            caBundle: readFileSync(cluster.pki.ca).toString('base64'),
          },
          rules: [
            {
              apiGroups: ['batch.forkspacer.com'],
              apiVersions: ['v1'],
              operations: ['CREATE', 'UPDATE'],
              resources: ['modules'],
            },
          ],
          admissionReviewVersions: ['v1'],
          sideEffects: 'None',
          failurePolicy: 'Fail',
          timeoutSeconds: 5,
        },
      ],
    },
    'application/apply-patch+yaml',
  );
  return {
    stop: async () => {
      await cluster.admin(
        'DELETE',
        '/apis/admissionregistration.k8s.io/v1/validatingwebhookconfigurations/forkspacer-test-policy',
      );
      await new Promise<void>((r) => server.close(() => r()));
    },
  };
}
