import { ConfigError } from '../../../../libs/config/config';
import { loadWebClientConfig } from './web-config';

describe('the web application sign-in settings', () => {
  it('are off without an issuer', () => {
    expect(loadWebClientConfig({})).toEqual({ oidc: null });
  });

  it('name the issuer and the public client, with the default scope', () => {
    expect(loadWebClientConfig({ OIDC_ISSUER: 'https://id.example.gov.cn/realms/decisions', OIDC_WEB_CLIENT_ID: 'decisions-web' })).toEqual({
      oidc: { authority: 'https://id.example.gov.cn/realms/decisions', clientId: 'decisions-web', scope: 'openid profile' },
    });
    expect(loadWebClientConfig({ OIDC_ISSUER: 'http://127.0.0.1:8080', OIDC_WEB_CLIENT_ID: 'web', OIDC_WEB_SCOPE: 'openid email' }).oidc?.scope).toBe('openid email');
  });

  it("default to the embedded provider's web client", () => {
    expect(loadWebClientConfig({ OIDC_ISSUER: 'https://id.example.gov.cn' }).oidc?.clientId).toBe('major-decision-web');
  });

  it('stop the API naming what is missing or wrong', () => {
    const problems = (env: Record<string, string>) => {
      try {
        loadWebClientConfig(env);
      } catch (err) {
        expect(err).toBeInstanceOf(ConfigError);
        return (err as ConfigError).problems;
      }
      throw new Error('accepted');
    };
    expect(problems({ OIDC_WEB_CLIENT_ID: 'web' })).toEqual([expect.stringMatching(/^OIDC_ISSUER is required/)]);
    expect(problems({ OIDC_ISSUER: 'http://id.example.gov.cn', OIDC_WEB_CLIENT_ID: 'web' })).toEqual([expect.stringMatching(/^OIDC_ISSUER="http:\/\/id.example.gov.cn": must be an https:\/\/ URL/)]);
  });
});
