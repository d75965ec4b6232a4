import { readFileSync } from 'node:fs';
import { join } from 'node:path';
// js-yaml comes with @nestjs/swagger (a dependency of the API); the deployment files are plain YAML.
import { load as loadYaml, loadAll, YAML11_SCHEMA } from 'js-yaml';
import { authConfig, ConfigError, loadConfig } from '../../libs/config/config';
import { APP_ROLE } from '../../libs/db/migrate';
import { PROJECT_ROOT } from '../paths';

/**
 * The deployment files (infra/deploy) against the code they deploy: every
 * variable the API and the worker read is set (or listed with its default)
 * in the Compose file and in the Kubernetes manifests, the values pass the
 * API's own validation, the images, ports, Secrets and ConfigMaps agree
 * with each other, and the applications connect as the role the migrations
 * make. The tools' own checks (`docker compose config`, `kubectl kustomize`)
 * need clients this project does not install: `npm run check:deploy` runs
 * those that are there (infra/deploy/check.sh).
 */
const DEPLOY = join(PROJECT_ROOT, 'infra', 'deploy');
// YAML 1.1, as Compose reads it: merge keys (<<) included.
const load = (text: string): unknown => loadYaml(text, { schema: YAML11_SCHEMA });
const read = (...path: string[]) => readFileSync(join(PROJECT_ROOT, ...path), 'utf8');

type Env = Record<string, string>;
interface Container {
  name: string;
  image: string;
  command?: string[];
  env?: { name: string; value?: string; valueFrom?: { secretKeyRef?: { name: string; key: string } } }[];
  envFrom?: { configMapRef?: { name: string }; secretRef?: { name: string } }[];
  ports?: { name: string; containerPort: number }[];
  volumeMounts?: { name: string; mountPath: string }[];
}
interface PodSpec {
  containers: Container[];
  volumes?: { name: string; secret?: { secretName: string }; configMap?: { name: string } }[];
}
interface K8sObject {
  kind: string;
  metadata: { name: string; namespace?: string };
  data?: Env;
  stringData?: Env;
  spec?: { template?: { spec: PodSpec }; ports?: { name: string; port: number; targetPort: string | number }[] };
}

/** The names of the environment variables a source file reads. */
function envNamesIn(file: string): string[] {
  const text = read(file);
  const names = new Set<string>();
  for (const re of [/\b(?:required|optional|file)\('([A-Z][A-Z0-9_]+)'/g, /\benv\.([A-Z][A-Z0-9_]+)/g, /process\.env\.([A-Z][A-Z0-9_]+)/g, /\benv\[['"]([A-Z][A-Z0-9_]+)['"]\]/g]) {
    for (const m of text.matchAll(re)) names.add(m[1]);
  }
  names.delete('JEST_WORKER_ID');
  return [...names];
}

/** Every variable the API and the worker processes read. */
const APP_VARIABLES = [
  ...new Set([
    ...envNamesIn('libs/config/config.ts'),
    ...envNamesIn('apps/api/src/web/web-config.ts'),
    ...envNamesIn('apps/api/src/web/static.ts'),
    ...envNamesIn('libs/nest/logging.ts'),
  ]),
].sort();
const MIGRATE_VARIABLES = envNamesIn('infra/migrate.ts').sort();

/** compose/.env.example as an operator fills it in: the passwords given, the rest as the example has it. */
const ENV_EXAMPLE: Env = Object.fromEntries(
  read('infra/deploy/compose/.env.example')
    .split('\n')
    .filter((line) => /^[A-Z_]+=/.test(line))
    .map((line) => {
      const [name, ...rest] = line.split('=');
      const value = rest.join('=');
      return [name, !value && name.endsWith('_PASSWORD') ? '0123456789abcdef01234567' : value];
    }),
);

/** Compose's interpolation from .env: ${X:-default}, ${X:?message} (X must be set), ${X}. */
function interpolate(value: string, vars: Env = ENV_EXAMPLE): string {
  return value.replace(/\$\{([A-Z0-9_]+)(?::?([-?])([^}]*))?\}/g, (_, name: string, op?: string, arg?: string) => {
    if (op === '-') return vars[name] || (arg ?? '');
    if (op === '?' && !vars[name]) throw new Error(`\${${name}} is required (${arg}) but .env.example leaves it empty`);
    return vars[name] ?? '';
  });
}

const compose = load(read('infra/deploy/compose/docker-compose.yml')) as {
  services: Record<string, { image?: string; command?: string[] | string; environment?: Env; expose?: string[]; deploy?: { replicas: string | number }; profiles?: string[]; depends_on?: Record<string, { condition: string }> }>;
};
const composeEnv = (service: string): Env => Object.fromEntries(Object.entries(compose.services[service].environment ?? {}).map(([k, v]) => [k, interpolate(String(v))]));

const k8s = ['namespace.yaml', 'config.yaml', 'secrets.example.yaml', 'temporal.yaml', 'app.yaml', 'postgres.yaml'].flatMap(
  (file) => loadAll(read('infra/deploy/k8s', file)).filter(Boolean) as K8sObject[],
);
const byKindName = (kind: string, name: string): K8sObject => {
  const found = k8s.find((o) => o.kind === kind && o.metadata.name === name);
  if (!found) throw new Error(`no ${kind} ${name} in infra/deploy/k8s`);
  return found;
};
const podOf = (kind: string, name: string): PodSpec => byKindName(kind, name).spec!.template!.spec;
const workloads = k8s.filter((o) => o.kind === 'Deployment' || o.kind === 'Job');

/** A container's environment as Kubernetes gives it: its ConfigMaps and Secrets, then its own variables. */
function k8sEnv(container: Container): Env {
  const env: Env = {};
  for (const from of container.envFrom ?? []) {
    if (from.configMapRef) Object.assign(env, byKindName('ConfigMap', from.configMapRef.name).data);
    if (from.secretRef) Object.assign(env, byKindName('Secret', from.secretRef.name).stringData);
  }
  for (const v of container.env ?? []) {
    const ref = v.valueFrom?.secretKeyRef;
    env[v.name] = ref ? byKindName('Secret', ref.name).stringData![ref.key] : (v.value ?? '');
  }
  return env;
}
const apiContainer = podOf('Deployment', 'decision-api').containers[0];
const workerContainer = podOf('Deployment', 'decision-worker').containers[0];

/** The configuration as the process would load it, with the files it names (mounted in production) left out. */
function loadWithoutFiles(env: Env) {
  const { TEMPORAL_TLS_CA_FILE: _ca, TEMPORAL_TLS_CERT_FILE: _crt, TEMPORAL_TLS_KEY_FILE: _key, ...rest } = env;
  return loadConfig(rest);
}

describe('the deployment files (infra/deploy)', () => {
  it('find the variables the applications read in the code (the list this spec checks is not empty or stale)', () => {
    expect(APP_VARIABLES).toEqual(expect.arrayContaining(['DATABASE_URL', 'TEMPORAL_ADDRESS', 'OIDC_ISSUER', 'SEAL_KEY_FILE', 'TEMPORAL_TLS_CERT_FILE', 'TEMPORAL_API_KEY', 'OIDC_WEB_CLIENT_ID', 'LOG_LEVEL', 'WEB_DIST_DIR']));
    expect(APP_VARIABLES.length).toBeGreaterThan(40);
    expect(MIGRATE_VARIABLES).toEqual(['DATABASE_URL', 'DECISION_APP_PASSWORD', 'MIGRATION_DATABASE_URL']);
  });

  describe('Docker Compose', () => {
    it('sets or lists with its default every variable the API and the worker read', () => {
      const api = composeEnv('api');
      const worker = composeEnv('worker');
      const workerOnly = ['SEAL_KEY_FILE', 'WORKER_METRICS_ADDRESS'];
      expect(APP_VARIABLES.filter((v) => !(v in api) && !workerOnly.includes(v))).toEqual([]);
      expect(APP_VARIABLES.filter((v) => !(v in worker))).toEqual([]);
      expect(MIGRATE_VARIABLES.filter((v) => v !== 'DATABASE_URL' && !(v in composeEnv('migrate')))).toEqual([]);
    });

    it("gives values the applications' own validation accepts, the API an issuer, the worker a seal key", () => {
      const api = loadConfig(composeEnv('api'));
      expect(authConfig(api).issuer).toBe(ENV_EXAMPLE.OIDC_ISSUER);
      expect(api.notifyAppUrl).toBe(`https://${ENV_EXAMPLE.PUBLIC_HOST}`);
      expect(api).toMatchObject({ temporalAddress: 'temporal-frontend:7233', apiHost: '0.0.0.0', apiPort: 3000, trustProxy: 1, temporalTls: undefined });
      const worker = loadConfig(composeEnv('worker'));
      expect(worker.sealKeyFile).toBe('/run/secrets/seal_key');
      expect(worker.workerMetricsAddress).toBe('0.0.0.0:9464');
    });

    it('connects the applications as the role the migrations make, and migrates as the owner the database is made for', () => {
      expect(new URL(composeEnv('api').DATABASE_URL).username).toBe(APP_ROLE);
      expect(new URL(composeEnv('worker').DATABASE_URL).username).toBe(APP_ROLE);
      expect(new URL(composeEnv('migrate').MIGRATION_DATABASE_URL).username).toBe('decision_owner');
      const init = read('infra/deploy/compose/postgres/primary-init.sh');
      expect(init).toMatch(/CREATE ROLE decision_owner LOGIN CREATEROLE/);
      expect(init).toMatch(/CREATE DATABASE decisions OWNER decision_owner/);
      expect(init).toMatch(/CREATE ROLE temporal LOGIN CREATEDB/);
      expect(init).toMatch(/REPLICATION/);
      expect(read('infra/deploy/compose/postgres/standby-entrypoint.sh')).toMatch(/pg_basebackup -h postgres-primary[\s\S]*-R -X stream -S standby1/);
    });

    it('runs the API and the worker from one image, several of each, the API behind nginx on the port it listens on', () => {
      const appImage = compose.services.api.image;
      for (const s of ['worker', 'migrate', 'temporal-namespace', 'oidc']) expect(compose.services[s].image).toBe(appImage);
      for (const s of ['temporal-schema', 'temporal-frontend', 'temporal-history', 'temporal-matching', 'temporal-worker']) expect(compose.services[s].image).toMatch(/temporal:1\.32\.2\}$/);
      expect(Number(interpolate(String(compose.services.api.deploy!.replicas)))).toBeGreaterThanOrEqual(2);
      expect(Number(interpolate(String(compose.services.worker.deploy!.replicas)))).toBeGreaterThanOrEqual(2);
      expect(compose.services.api.expose).toEqual([composeEnv('api').API_PORT]);
      expect(read('infra/deploy/compose/nginx.conf')).toMatch(new RegExp(`server api:${composeEnv('api').API_PORT}\\b`));
      expect(compose.services.api.depends_on).toMatchObject({ migrate: { condition: 'service_completed_successfully' }, 'temporal-namespace': { condition: 'service_completed_successfully' } });
      // The embedded provider only for trials.
      expect(compose.services.oidc.profiles).toEqual(['embedded-idp']);
    });

    it("runs each Temporal service on the schema job's databases", () => {
      for (const s of ['temporal-frontend', 'temporal-history', 'temporal-matching', 'temporal-worker']) {
        const env = composeEnv(s);
        expect(env).toMatchObject({ DB: 'postgres12', POSTGRES_SEEDS: 'postgres-primary', DBNAME: 'temporal', VISIBILITY_DBNAME: 'temporal_visibility', TEMPORAL_SERVICES: s.replace('temporal-', '') });
        expect(compose.services[s].depends_on).toEqual({ 'temporal-schema': { condition: 'service_completed_successfully' } });
      }
      expect(composeEnv('temporal-schema')).toMatchObject({ POSTGRES_USER: 'temporal', DBNAME: 'temporal', VISIBILITY_DBNAME: 'temporal_visibility' });
      expect(composeEnv('api').TEMPORAL_ADDRESS).toBe('temporal-frontend:7233');
    });

  });

  describe('Kubernetes', () => {
    it('sets every variable the API and the worker read, from the ConfigMap, the Secret or the container', () => {
      const api = k8sEnv(apiContainer);
      const worker = k8sEnv(workerContainer);
      expect(APP_VARIABLES.filter((v) => !(v in api) && !['SEAL_KEY_FILE', 'WORKER_METRICS_ADDRESS'].includes(v))).toEqual([]);
      expect(APP_VARIABLES.filter((v) => !(v in worker))).toEqual([]);
      const migrate = k8sEnv(podOf('Job', 'decision-migrate').containers[0]);
      expect(MIGRATE_VARIABLES.filter((v) => v !== 'DATABASE_URL' && !(v in migrate))).toEqual([]);
    });

    it("gives values the applications' own validation accepts (the TLS files aside: they are mounted)", () => {
      const api = loadWithoutFiles(k8sEnv(apiContainer));
      expect(authConfig(api).issuer).toMatch(/^https:\/\//);
      expect(api).toMatchObject({ temporalAddress: 'temporal-frontend.major-decisions.svc:7233', temporalNamespace: 'decisions', apiPort: 3000 });
      expect(loadWithoutFiles(k8sEnv(workerContainer)).sealKeyFile).toBe('/etc/decision/seal/seal.json');
      // With the files missing, the validation names them: they are what the mounts must provide.
      expect(() => loadConfig(k8sEnv(apiContainer))).toThrow(ConfigError);
    });

    it('talks to Temporal over mutual TLS: the files the configuration names are in the client certificate Secret the pods mount', () => {
      const env = k8sEnv(apiContainer);
      for (const [kind, name] of [['Deployment', 'decision-api'], ['Deployment', 'decision-worker'], ['Job', 'temporal-namespace']] as const) {
        const pod = podOf(kind, name);
        const mount = pod.containers[0].volumeMounts!.find((m) => env.TEMPORAL_TLS_CERT_FILE.startsWith(`${m.mountPath}/`));
        expect(mount).toBeDefined();
        const volume = pod.volumes!.find((v) => v.name === mount!.name);
        expect(volume?.secret?.secretName).toBe('temporal-client-tls');
        const keys = Object.keys(byKindName('Secret', 'temporal-client-tls').stringData!);
        for (const file of [env.TEMPORAL_TLS_CA_FILE, env.TEMPORAL_TLS_CERT_FILE, env.TEMPORAL_TLS_KEY_FILE]) expect(keys).toContain(file.slice(mount!.mountPath.length + 1));
      }
      // The frontend asks clients for certificates, and trusts the clients' CA and the services' own.
      expect(byKindName('ConfigMap', 'temporal-server').data).toMatchObject({ TEMPORAL_TLS_REQUIRE_CLIENT_AUTH: 'true', TEMPORAL_TLS_FRONTEND_SERVER_NAME: env.TEMPORAL_TLS_SERVER_NAME });
    });

    it('names only ConfigMaps and Secrets it defines, and the seal key file is in the Secret the worker mounts', () => {
      const names = (kind: string) => new Set(k8s.filter((o) => o.kind === kind).map((o) => o.metadata.name));
      const [configMaps, secrets] = [names('ConfigMap'), names('Secret')];
      for (const w of workloads) {
        const pod = w.spec!.template!.spec;
        for (const c of pod.containers) {
          for (const f of c.envFrom ?? []) {
            if (f.configMapRef) expect(configMaps).toContain(f.configMapRef.name);
            if (f.secretRef) expect(secrets).toContain(f.secretRef.name);
          }
          for (const e of c.env ?? []) if (e.valueFrom?.secretKeyRef) expect(secrets).toContain(e.valueFrom.secretKeyRef.name);
        }
        for (const v of pod.volumes ?? []) {
          if (v.secret) expect(secrets).toContain(v.secret.secretName);
          if (v.configMap) expect(configMaps).toContain(v.configMap.name);
        }
      }
      const seal = podOf('Deployment', 'decision-worker');
      const sealMount = seal.containers[0].volumeMounts!.find((m) => k8sEnv(workerContainer).SEAL_KEY_FILE.startsWith(`${m.mountPath}/`))!;
      expect(seal.volumes!.find((v) => v.name === sealMount.name)?.secret?.secretName).toBe('decision-seal-key');
      expect(Object.keys(byKindName('Secret', 'decision-seal-key').stringData!)).toEqual(['seal.json']);
    });

    it('uses the images of the Compose file, and the ports the processes listen on', () => {
      const image = (service: string) => interpolate(compose.services[service].image!);
      for (const w of workloads) {
        for (const c of w.spec!.template!.spec.containers) expect([image('api'), image('temporal-frontend')]).toContain(c.image);
      }
      expect(apiContainer.image).toBe(image('api'));
      const kustomization = load(read('infra/deploy/k8s/kustomization.yaml')) as { images: { name: string; newTag: string }[] };
      for (const { name, newTag } of kustomization.images) expect([image('api'), image('temporal-frontend')]).toContain(`${name}:${newTag}`);
      const api = k8sEnv(apiContainer);
      expect(apiContainer.ports).toEqual([{ name: 'http', containerPort: Number(api.API_PORT) }]);
      expect(byKindName('Service', 'decision-api').spec!.ports![0].targetPort).toBe('http');
      const frontend = podOf('Deployment', 'temporal-frontend').containers[0];
      const grpc = frontend.ports!.find((p) => p.name === 'grpc')!.containerPort;
      expect(api.TEMPORAL_ADDRESS).toBe(`temporal-frontend.major-decisions.svc:${grpc}`);
      expect(byKindName('Service', 'temporal-frontend').spec!.ports!.find((p) => p.name === 'grpc')!.port).toBe(grpc);
      const worker = k8sEnv(workerContainer);
      expect(workerContainer.ports).toEqual([{ name: 'metrics', containerPort: Number(worker.WORKER_METRICS_ADDRESS.split(':')[1]) }]);
    });

    it('connects the applications as decision_app, migrates as decision_owner, and gives Temporal its own role', () => {
      expect(new URL(k8sEnv(apiContainer).DATABASE_URL).username).toBe(APP_ROLE);
      expect(new URL(k8sEnv(podOf('Job', 'decision-migrate').containers[0]).MIGRATION_DATABASE_URL).username).toBe('decision_owner');
      expect(byKindName('ConfigMap', 'temporal-server').data!.POSTGRES_USER).toBe(byKindName('Secret', 'temporal-db').stringData!.username);
      const pg = read('infra/deploy/k8s/postgres.yaml');
      expect(pg).toMatch(/owner: decision_owner/);
      expect(pg).toMatch(/ALTER ROLE decision_owner CREATEROLE/);
      expect(pg).toMatch(/instances: 2/);
    });

    // The template the pinned server (v1.32.2) reads its environment with, kept here from the module's source
    // (common/config/config_template_embedded.yaml), so the check runs wherever the tests run, built server or not.
    const template = join(DEPLOY, 'temporal', 'config_template_embedded.v1.32.2.yaml');
    it('configures Temporal only by variables its embedded template reads', () => {
      const readByServer = new Set([...readFileSync(template, 'utf8').matchAll(/env "([A-Z0-9_]+)"/g)].map((m) => m[1]));
      readByServer.add('TEMPORAL_SERVICES'); // the start command's --service flag
      const given = [
        ...Object.keys(byKindName('ConfigMap', 'temporal-server').data!),
        ...['frontend', 'history', 'matching', 'worker'].flatMap((s) => (podOf('Deployment', `temporal-${s}`).containers[0].env ?? []).map((e) => e.name)),
        ...['temporal-schema', 'temporal-frontend', 'temporal-history', 'temporal-matching', 'temporal-worker'].flatMap((s) => Object.keys(composeEnv(s))),
      ];
      expect([...new Set(given)].filter((v) => !readByServer.has(v))).toEqual([]);
    });

    it('runs each Temporal service as its own Deployment, registers the namespace with a retention, migrates by a Job', () => {
      for (const s of ['frontend', 'history', 'matching', 'worker']) {
        const env = k8sEnv(podOf('Deployment', `temporal-${s}`).containers[0]);
        expect(env).toMatchObject({ TEMPORAL_SERVICES: s, DB: 'postgres12', DBNAME: 'temporal', VISIBILITY_DBNAME: 'temporal_visibility' });
        expect(env.POSTGRES_PWD).toBeDefined();
      }
      const ns = podOf('Job', 'temporal-namespace').containers[0];
      expect(ns.command).toEqual(['node', 'dist/infra/temporal-server.js', 'namespace']);
      expect(Number(k8sEnv(ns).TEMPORAL_RETENTION_DAYS)).toBeGreaterThanOrEqual(1);
      expect(podOf('Job', 'decision-migrate').containers[0].command).toEqual(['node', 'dist/infra/migrate.js']);
      expect(podOf('Job', 'temporal-schema').containers[0].command).toEqual(['/etc/temporal/setup-schema.sh']);
    });
  });
});
