import { ApiAudiences } from '../../src/k8s/api-audiences';

describe('ApiAudiences.isApiServer', () => {
  test.each([
    [undefined], [null], [''],
    ['https://kubernetes.default.svc'],
    ['https://kubernetes.default.svc.cluster.local'],
    ['https://kubernetes.default.svc.corp.example:443/'],
    ['kubernetes.default.svc'],
    ['kubernetes.default'],
    ['kubernetes'],
    ['api'],
    ['kubernetes/serviceaccount'],
    ['https://oidc.eks.eu-west-1.amazonaws.com/id/0A1B2C3D4E5F6A7B8C9D0E1F2A3B4C5D'],
    ['https://container.googleapis.com/v1/projects/shop/locations/europe-west1/clusters/prod'],
    ['https://westeurope.oic.prod-aks.azure.com/72f988bf-86f1-41af-91ab-2d7cd011db47/0f7e3c2a-1b2c-4d5e-8f90-123456789abc/'],
  ])('GIVEN the audience %p THEN the API server accepts the token', (audience) => {
    expect(ApiAudiences.isApiServer(audience)).toBe(true);
  });

  test.each([
    ['vault'], ['sts.amazonaws.com'], ['https://vault.example.com'], ['https://kubernetes.example.com'], ['kubernetesx'], [42], [['https://kubernetes.default.svc']],
  ])('GIVEN the audience %p THEN it belongs to another service', (audience) => {
    expect(ApiAudiences.isApiServer(audience)).toBe(false);
  });
});
